package org.openpharma.crm.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run-time side of the one policy (docs/adr/0024): a user may do what {@link Capability} gives their roles, a
 * call with an API token what is open to tokens, an anonymous visitor nothing; and no role list is spelled out
 * anywhere else, in code or templates.
 */
class PolicyTests {

	private static final Path MAIN = Path.of("src/main/java");

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private final Policy policy = new Policy();

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private static Authentication user(String... authorities) {
		return UsernamePasswordAuthenticationToken.authenticated("someone", null,
				AuthorityUtils.createAuthorityList(authorities));
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void aUserMayDoWhatTheirRoleHolds(Role role) {
		Authentication user = user("ROLE_" + role.name());
		SecurityContextHolder.getContext().setAuthentication(user);
		for (Capability capability : Capability.values()) {
			assertThat(this.policy.may(user, capability)).as("%s %s", role, capability).isEqualTo(capability.heldBy(role));
			assertThat(this.policy.may(capability)).as("%s %s", role, capability).isEqualTo(capability.heldBy(role));
		}
		assertThat(Policy.roles(user)).containsExactly(role);
		assertThat(this.policy.signedIn()).isTrue();
	}

	@Test
	void aCallWithAnApiTokenMayDoWhatIsOpenToTokensAndWhatItsUsersRolesHold() {
		Authentication token = user(Policy.API_TOKEN, "ROLE_MARKETING");
		assertThat(Policy.allows(token, Capability.SEND_PULL_EVENTS)).isTrue();
		assertThat(Policy.allows(token, Capability.TAKE_INQUIRIES)).isTrue();
		assertThat(Policy.allows(token, Capability.READ_DASHBOARDS)).isTrue();
		assertThat(Policy.allows(token, Capability.READ_MEDICAL_CONTENT)).isFalse();
		// Without a token nobody sends pull events, whatever their role.
		assertThat(Policy.allows(user("ROLE_ADMIN", "ROLE_MR"), Capability.SEND_PULL_EVENTS)).isFalse();
		assertThat(Policy.roles(token)).containsExactly(Role.MARKETING);
	}

	@Test
	void anAnonymousVisitorOrNoUserMayDoNothing() {
		Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS", "ROLE_ADMIN"));
		for (Capability capability : Capability.values()) {
			assertThat(Policy.allows(anonymous, capability)).isFalse();
			assertThat(Policy.allows(null, capability)).isFalse();
			assertThat(this.policy.may(capability)).isFalse();
		}
		assertThat(this.policy.signedIn()).isFalse();
		assertThat(Policy.roles(null)).isEmpty();
		// An authority that is no role of ours (a typo, or a role of another system) gives nothing.
		assertThat(Policy.allows(user("ROLE_SUPERUSER", "MEDICAL"), Capability.READ_MEDICAL_CONTENT)).isFalse();
	}

	@Test
	void templatesNameCapabilitiesThatExist() throws IOException {
		Pattern may = Pattern.compile("@policy\\.may\\('([^']*)'\\)");
		List<String> found = new ArrayList<>();
		for (Path file : files(TEMPLATES, ".html")) {
			Matcher m = may.matcher(Files.readString(file));
			while (m.find()) {
				found.add(m.group(1));
				assertThat(Capability.valueOf(m.group(1))).as("%s names %s", file, m.group(1)).isNotNull();
			}
		}
		// Not a count: it only shows that the pattern still matches how templates call the policy.
		assertThat(found).isNotEmpty();
	}

	@Test
	void noRoleListIsSpelledOutsideThePolicy() throws IOException {
		Pattern roleCheck = Pattern.compile("hasRole\\(|hasAnyRole\\(|hasAuthority\\(|hasAnyAuthority\\(|isUserInRole\\("
				+ "|\"ROLE_|sec:authorize|@can\\.");
		List<String> offenders = new ArrayList<>();
		for (Path file : Stream.concat(files(MAIN, ".java").stream(), files(TEMPLATES, ".html").stream()).toList()) {
			if (file.endsWith("Policy.java") || file.endsWith("ApiTokenFilter.java")) {
				continue;
			}
			List<String> lines = Files.readAllLines(file);
			for (int i = 0; i < lines.size(); i++) {
				if (roleCheck.matcher(lines.get(i)).find()) {
					offenders.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
				}
			}
		}
		assertThat(offenders).as("role checks outside Capability/Policy (use @Allowed or @policy.may)").isEmpty();
	}

	private static List<Path> files(Path root, String suffix) {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter(p -> p.toString().endsWith(suffix)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
