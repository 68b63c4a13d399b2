package org.openpharma.crm.user;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy is the table "Who may do what" in docs/operations.md, role by role and capability by capability:
 * this test reads the table and compares every cell with {@link Capability}, so the two cannot drift apart.
 */
class CapabilityTests {

	private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");

	private static final Pattern CAPABILITY_ROW = Pattern.compile("^\\|\\s*`([A-Z_]+)`[^|]*\\|(.*)\\|\\s*$");

	/** One row of the documented table: who holds the capability, and whether API tokens do. */
	record Documented(Set<Role> roles, boolean apiTokens) {
	}

	/** The capability rows of the table, by capability; the header names the columns. */
	static Map<Capability, Documented> documented() throws IOException {
		List<String> lines = Files.readAllLines(OPERATIONS);
		int heading = lines.indexOf("### Who may do what");
		assertThat(heading).as("docs/operations.md has the section \"Who may do what\"").isNotNegative();
		List<String> columns = null;
		Map<Capability, Documented> rows = new EnumMap<>(Capability.class);
		for (String line : lines.subList(heading + 1, lines.size())) {
			if (line.startsWith("#")) {
				break;
			}
			if (columns == null && line.startsWith("| capability |")) {
				columns = cells(line.substring(line.indexOf('|', 1) + 1, line.lastIndexOf('|')));
				continue;
			}
			Matcher row = CAPABILITY_ROW.matcher(line);
			if (!row.matches()) {
				continue;
			}
			assertThat(columns).as("the table's header comes before its rows").isNotNull();
			List<String> cells = cells(row.group(2));
			assertThat(cells).as(line).hasSameSizeAs(columns);
			Set<Role> roles = EnumSet.noneOf(Role.class);
			boolean apiTokens = false;
			for (int i = 0; i < cells.size(); i++) {
				boolean yes = !cells.get(i).startsWith("—");
				if ("API token".equals(columns.get(i))) {
					apiTokens = yes;
				}
				else if (yes) {
					roles.add(Role.valueOf(columns.get(i)));
				}
			}
			Capability capability = Capability.valueOf(row.group(1));
			assertThat(rows.put(capability, new Documented(roles, apiTokens))).as("one row for " + capability).isNull();
		}
		assertThat(columns).as("the table names every role and the API token")
			.containsExactlyInAnyOrderElementsOf(concat(Arrays.stream(Role.values()).map(Enum::name).toList(), "API token"));
		return rows;
	}

	private static List<String> cells(String row) {
		return Arrays.stream(row.split("\\|", -1)).map(String::strip).toList();
	}

	private static List<String> concat(List<String> list, String last) {
		List<String> all = new ArrayList<>(list);
		all.add(last);
		return all;
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void theTableInTheOperationsGuideSaysWhoHoldsEachCapability(Capability capability) throws IOException {
		Documented row = documented().get(capability);
		assertThat(row).as("docs/operations.md has a row `%s`", capability).isNotNull();
		assertThat(capability.roles()).as("roles of %s", capability).isEqualTo(row.roles());
		assertThat(capability.apiTokens()).as("API tokens for %s", capability).isEqualTo(row.apiTokens());
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void aRoleHoldsExactlyTheCapabilitiesOfItsColumn(Role role) throws IOException {
		Set<Capability> documented = EnumSet.noneOf(Capability.class);
		documented().forEach((capability, row) -> {
			if (row.roles().contains(role)) {
				documented.add(capability);
			}
		});
		assertThat(Capability.of(Set.of(role))).isEqualTo(documented);
		documented.forEach(capability -> assertThat(capability.heldBy(role)).isTrue());
	}

	@Test
	void theFirewallHoldsOnlyMedicalAffairsReadsMedicalContentAndWorksTheQueue() {
		assertThat(Capability.READ_MEDICAL_CONTENT.roles()).containsExactly(Role.MEDICAL);
		// Whoever works the queue reads what is in it.
		assertThat(Capability.READ_MEDICAL_CONTENT.roles()).containsAll(Capability.WORK_INQUIRIES.roles());
		assertThat(Capability.READ_MEDICAL_CONTENT.apiTokens()).isFalse();
		// Administrators manage users and settings, never medical content; the privacy officer only through the export.
		assertThat(Capability.of(Set.of(Role.ADMIN))).doesNotContain(Capability.READ_MEDICAL_CONTENT,
				Capability.WORK_INQUIRIES, Capability.ANSWER_DATA_REQUESTS);
		assertThat(Capability.of(Set.of(Role.PRIVACY_OFFICER))).containsExactly(Capability.ANSWER_DATA_REQUESTS);
	}

	@Test
	void rolesAddUpAndNoRoleHoldsNothing() {
		assertThat(Capability.of(EnumSet.of(Role.MR, Role.MANAGER)))
			.containsAll(Capability.of(Set.of(Role.MR)))
			.containsAll(Capability.of(Set.of(Role.MANAGER)));
		assertThat(Capability.of(Set.of())).isEmpty();
		assertThat(Capability.MOVE_NEEDS.heldByAny(List.of())).isFalse();
		assertThat(Capability.MOVE_NEEDS.heldBy(null)).isFalse();
		assertThat(Capability.SEND_PULL_EVENTS.roles()).isEmpty();
		assertThat(Capability.SEND_PULL_EVENTS.roleNames()).isEmpty();
		assertThat(Capability.SET_TARGETS.roleNames()).containsExactly("MANAGER", "ADMIN");
	}

}
