package org.openpharma.crm.admin;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.user.AppUser;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.validation.BindingResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The user administration screens on the whole application and a real PostgreSQL database. */
@WebIntegrationTest
@AutoConfigureMockMvc
class AdminUsersIntegrationTests extends WebTestBase {

	private static final String PASSWORD = "correct-horse-battery";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserManagement users;

	@Autowired
	private TestUsers testUsers;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MessageSource messages;

	@Autowired
	private UserAdminController controller;

	private String adminName;

	private long territoryId;

	@BeforeEach
	void setUp() {
		this.adminName = this.testUsers.ensure(Role.ADMIN);
		this.territoryId = territory("ADMIN_TEST_T1", "管理テスト東", "Admin test east");
	}

	@Test
	void nonAdminRolesAreForbiddenOnEveryEndpoint() throws Exception {
		AppUser target = newUser(EnumSet.of(Role.MR));
		for (Role role : Role.values()) {
			if (role == Role.ADMIN) {
				continue;
			}
			RequestPostProcessor who = user(role.name().toLowerCase(Locale.ROOT)).roles(role.name());
			for (MockHttpServletRequestBuilder request : endpoints(target)) {
				this.mvc.perform(request.with(who).with(csrf())).andExpect(status().isForbidden());
			}
		}
		assertThat(this.users.get(target.getId()).getVersion()).isEqualTo(target.getVersion());
		assertThat(this.users.get(target.getId()).isEnabled()).isTrue();
	}

	@Test
	void anonymousVisitorsAreSentToSignIn() throws Exception {
		this.mvc.perform(get("/admin/users")).andExpect(status().is3xxRedirection());
		this.mvc.perform(post("/admin/users/new").with(csrf()).param("username", "intruder"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.users.findByUsername("intruder")).isEmpty();
	}

	@Test
	void postsWithoutCsrfTokenAreRejected() throws Exception {
		AppUser target = newUser(EnumSet.of(Role.MR));
		this.mvc.perform(post("/admin/users/" + target.getId() + "/enabled").with(admin())
			.param("enabled", "false")
			.param("version", String.valueOf(target.getVersion()))).andExpect(status().isForbidden());
		assertThat(this.users.get(target.getId()).isEnabled()).isTrue();
	}

	@Test
	@WithMockUser(username = "mr", roles = "MR")
	void controllerItselfRequiresAdminRole() {
		// Second line of defence behind the URL rule: the controller's own @PreAuthorize.
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.controller.initCreationForm(new ExtendedModelMap()));
	}

	@Test
	void listShowsUsersButNeverPasswordHashes() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR, Role.MEDICAL));
		this.mvc.perform(get("/admin/users").with(admin()))
			.andExpect(status().isOk())
			.andExpect(view().name("admin/users/list"))
			.andExpect(content().string(containsString(user.getUsername())))
			.andExpect(content().string(containsString("管理テスト東")))
			.andExpect(content().string(not(containsString(user.getPasswordHash()))))
			.andExpect(content().string(not(containsString("{bcrypt}"))))
			.andExpect(content().string(not(containsString("$2a$"))));
		this.mvc.perform(get("/admin/users").param("q", user.getUsername()).param("page", "x").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(user.getUsername())))
			.andExpect(content().string(not(containsString("data-username=\"" + this.adminName + "\""))));
	}

	@Test
	void listShowsFailedSignInsWithoutLockingTheAccount() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR));
		for (int i = 0; i < 7; i++) {
			this.users.recordFailedLogin(user.getUsername());
		}
		String locked = this.messages.getMessage("admin.user.failedSignIns", new Object[] { 7 }, Locale.JAPANESE);
		this.mvc.perform(get("/admin/users").param("q", user.getUsername()).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(locked.strip())));
		this.mvc.perform(formLogin().user(user.getUsername()).password(PASSWORD))
			.andExpect(authenticated().withUsername(user.getUsername()));
	}

	@Test
	void initCreationForm() throws Exception {
		this.mvc.perform(get("/admin/users/new").with(admin()))
			.andExpect(status().isOk())
			.andExpect(view().name("admin/users/form"))
			.andExpect(content().string(containsString("id=\"role-MR\"")))
			.andExpect(content().string(containsString("value=\"" + this.territoryId + "\"")));
	}

	@Test
	void processCreationFormHasErrors() throws Exception {
		this.mvc.perform(post("/admin/users/new").with(admin())
			.with(csrf())
			.param("username", "A!")
			.param("displayName", " ")
			.param("departmentCode", "NOPE")
			.param("password", "short")
			.param("passwordConfirmation", "short"))
			.andExpect(status().isOk())
			.andExpect(view().name("admin/users/form"))
			.andExpect(model().attributeHasFieldErrorCode("form", "username", "user.username.format"))
			.andExpect(model().attributeHasFieldErrorCode("form", "displayName", "user.displayName.required"))
			.andExpect(model().attributeHasFieldErrorCode("form", "departmentCode", "user.department.required"))
			.andExpect(model().attributeHasFieldErrorCode("form", "roles", "user.roles.required"))
			.andExpect(model().attributeHasFieldErrorCode("form", "password", "user.password.tooShort"))
			.andExpect(content().string(containsString("id=\"username-error\"")))
			.andExpect(content().string(containsString("id=\"roles-error\"")))
			.andExpect(content().string(not(containsString("value=\"short\""))));
	}

	@Test
	void processCreationFormRefusesWeakPasswordsWithAFieldMessage() throws Exception {
		String name = uniqueName();
		String[][] cases = { { "            ", "user.password.blank" }, { "aaaaaaaaaaaa", "user.password.repeated" },
				{ "123456789012", "user.password.sequential" }, { "password1234", "user.password.common" },
				{ name + "-secret-1", "user.password.containsUsername" } };
		for (String[] weak : cases) {
			this.mvc.perform(createRequestWithPassword(name, weak[0]))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrorCode("form", "password", weak[1]))
				.andExpect(content().string(containsString("id=\"password-error\"")));
		}
		assertThat(this.users.findByUsername(name)).isEmpty();
		this.mvc.perform(createRequestWithPassword(name, "a long phrase with spaces")).andExpect(redirectedUrl("/admin/users"));
	}

	@Test
	void processCreationFormRejectsOversizedInput() throws Exception {
		this.mvc.perform(createRequest("x".repeat(61), "MR").param("displayName", "名".repeat(101)))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "username", "Size"))
			.andExpect(model().attributeHasFieldErrorCode("form", "displayName", "Size"));
	}

	@Test
	void processCreationFormPasswordMismatch() throws Exception {
		String name = uniqueName();
		this.mvc.perform(createRequest(name, "MR").param("passwordConfirmation", PASSWORD + "x"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "passwordConfirmation",
					"admin.user.password.mismatch"))
			.andExpect(content().string(containsString("id=\"passwordConfirmation-error\"")));
		assertThat(this.users.findByUsername(name)).isEmpty();
	}

	@Test
	void processCreationFormTamperedRolesAndTerritoriesAreFieldErrors() throws Exception {
		String name = uniqueName();
		this.mvc.perform(createRequest(name, "ROOT"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "roles", "admin.user.roles.unknown"));
		this.mvc.perform(createRequest(name, "MR").param("territoryIds", "abc"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "territoryIds", "user.territory.unknown"));
		this.mvc.perform(createRequest(name, "MR").param("territoryIds", "987654321"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "territoryIds", "user.territory.unknown"));
		assertThat(this.users.findByUsername(name)).isEmpty();
	}

	@Test
	void processCreationFormDuplicateUsername() throws Exception {
		AppUser existing = newUser(EnumSet.of(Role.MR));
		this.mvc.perform(createRequest(existing.getUsername(), "MR"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "username", "user.username.duplicate"));
	}

	@Test
	void processCreationFormSuccessAndTheUserCanSignIn() throws Exception {
		String name = uniqueName();
		this.mvc.perform(createRequest(name, "MR").param("territoryIds", String.valueOf(this.territoryId)))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/users"))
			.andExpect(flash().attribute("flash", "admin.user.created"));

		AppUser created = this.users.findByUsername(name).orElseThrow();
		assertThat(created.getRoles()).containsExactly(Role.MR);
		assertThat(created.getTerritoryIds()).containsExactly(this.territoryId);
		assertThat(created.getDepartmentCode()).isEqualTo("SALES");
		assertThat(auditActions(created.getId())).containsEntry("CREATE", this.adminName);

		this.mvc.perform(formLogin().user(name).password(PASSWORD))
			.andExpect(authenticated().withUsername(name).withRoles("MR"));
		this.mvc.perform(formLogin().user(name).password("wrong-password-123")).andExpect(unauthenticated());
	}

	@Test
	void tamperedIdsAreNotFound() throws Exception {
		for (String path : new String[] { "/admin/users/abc", "/admin/users/99999999", "/admin/users/abc/edit",
				"/admin/users/99999999/edit" }) {
			this.mvc.perform(get(path).with(admin())).andExpect(status().isNotFound());
		}
		this.mvc.perform(post("/admin/users/99999999/enabled").with(admin())
			.with(csrf())
			.param("enabled", "false")
			.param("version", "0")).andExpect(status().isNotFound());
		this.mvc.perform(post("/admin/users/abc/password").with(admin())
			.with(csrf())
			.param("password", PASSWORD)
			.param("passwordConfirmation", PASSWORD)
			.param("version", "0")).andExpect(status().isNotFound());
		this.mvc.perform(post("/admin/users/99999999/edit").with(admin())
			.with(csrf())
			.param("displayName", "x")
			.param("departmentCode", "SALES")
			.param("roles", "MR")
			.param("version", "0")).andExpect(status().isNotFound());
	}

	@Test
	void initUpdateFormShowsCurrentAssignment() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MEDICAL));
		this.mvc.perform(get("/admin/users/" + user.getId()).with(admin()))
			.andExpect(redirectedUrl("/admin/users/" + user.getId() + "/edit"));
		this.mvc.perform(get("/admin/users/" + user.getId() + "/edit").with(admin()))
			.andExpect(status().isOk())
			.andExpect(view().name("admin/users/form"))
			.andExpect(content().string(containsString(user.getDisplayName())))
			.andExpect(content().string(containsString("id=\"disable-user\"")))
			.andExpect(content().string(not(containsString(user.getPasswordHash()))));
	}

	@Test
	void processUpdateFormSuccess() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR));
		this.mvc.perform(updateRequest(user, user.getVersion(), "新しい 名前", "MEDICAL", "MEDICAL", "CALL_CENTER")
			.param("territoryIds", String.valueOf(this.territoryId)))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/users"))
			.andExpect(flash().attribute("flash", "admin.user.updated"));
		AppUser updated = this.users.get(user.getId());
		assertThat(updated.getDisplayName()).isEqualTo("新しい 名前");
		assertThat(updated.getDepartmentCode()).isEqualTo("MEDICAL");
		assertThat(updated.getRoles()).containsExactlyInAnyOrder(Role.MEDICAL, Role.CALL_CENTER);
		assertThat(updated.getTerritoryIds()).containsExactly(this.territoryId);
		assertThat(auditActions(user.getId())).containsEntry("ASSIGN", this.adminName);
	}

	@Test
	void processUpdateFormHasErrors() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR));
		this.mvc.perform(updateRequest(user, user.getVersion(), "", "SALES"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "displayName", "user.displayName.required"))
			.andExpect(model().attributeHasFieldErrorCode("form", "roles", "user.roles.required"));
		this.mvc.perform(updateRequest(user, user.getVersion(), "Name", "SALES", "SUPERUSER"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "roles", "admin.user.roles.unknown"));
		this.mvc.perform(post("/admin/users/" + user.getId() + "/edit").with(admin())
			.with(csrf())
			.param("displayName", "Name")
			.param("departmentCode", "SALES")
			.param("roles", "MR")).andExpect(status().isOk()).andExpect(model().attributeHasErrors("form"));
		assertThat(this.users.get(user.getId()).getVersion()).isEqualTo(user.getVersion());
	}

	@Test
	void processUpdateFormConcurrentUpdate() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR));
		long loaded = user.getVersion();
		AppUser other = this.users.assign(user.getId(), loaded, "他の人の変更", "MARKETING", EnumSet.of(Role.MARKETING),
				Set.of(), "someone-else");

		MvcResult result = this.mvc
			.perform(updateRequest(user, loaded, "私の入力", "MEDICAL", "MEDICAL")
				.param("territoryIds", String.valueOf(this.territoryId)))
			.andExpect(status().isOk())
			.andExpect(view().name("admin/users/form"))
			.andExpect(content().string(containsString(
					this.messages.getMessage("admin.user.conflict", null, Locale.JAPANESE))))
			.andExpect(content().string(containsString("他の人の変更")))
			.andExpect(content().string(containsString("私の入力")))
			.andReturn();
		BindingResult errors = (BindingResult) result.getModelAndView()
			.getModel()
			.get(BindingResult.MODEL_KEY_PREFIX + "form");
		assertThat(errors.getGlobalErrors()).anySatisfy(e -> assertThat(e.getCode()).isEqualTo("admin.user.conflict"));
		UserForm form = (UserForm) result.getModelAndView().getModel().get("form");
		assertThat(form.version()).isEqualTo(other.getVersion());
		assertThat(form.displayName()).isEqualTo("私の入力");
		assertThat(form.roles()).containsExactly("MEDICAL");
		assertThat(result.getResponse().getContentAsString())
			.contains("name=\"version\" value=\"" + other.getVersion() + "\"");
		assertThat(this.users.get(user.getId()).getDisplayName()).isEqualTo("他の人の変更");

		// Saving again (the page now carries the current version) applies the admin's entries.
		this.mvc.perform(updateRequest(user, form.version(), "私の入力", "MEDICAL", "MEDICAL"))
			.andExpect(redirectedUrl("/admin/users"));
		assertThat(this.users.get(user.getId()).getDisplayName()).isEqualTo("私の入力");
	}

	@Test
	void resetPasswordMismatchIsFieldError() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR));
		this.mvc.perform(passwordRequest(user, user.getVersion(), "new-password-4567", "new-password-4568"))
			.andExpect(status().isOk())
			.andExpect(view().name("admin/users/form"))
			.andExpect(model().attributeHasFieldErrorCode("passwordForm", "passwordConfirmation",
					"admin.user.password.mismatch"));
		this.mvc.perform(passwordRequest(user, user.getVersion(), "short", "short"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("passwordForm", "password", "user.password.tooShort"));
		String withName = user.getUsername().toUpperCase(Locale.ROOT) + "-again";
		this.mvc.perform(passwordRequest(user, user.getVersion(), withName, withName))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("passwordForm", "password", "user.password.containsUsername"));
		this.mvc.perform(passwordRequest(user, user.getVersion(), "P@ssw0rd2026", "P@ssw0rd2026"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("passwordForm", "password", "user.password.common"));
		assertThat(this.users.get(user.getId()).getVersion()).isEqualTo(user.getVersion());
	}

	@Test
	void resetPasswordLetsTheUserSignInWithTheNewOne() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR));
		this.mvc.perform(passwordRequest(user, user.getVersion(), "new-password-4567", "new-password-4567"))
			.andExpect(redirectedUrl("/admin/users/" + user.getId() + "/edit"))
			.andExpect(flash().attribute("flash", "admin.user.passwordReset"));
		this.mvc.perform(formLogin().user(user.getUsername()).password("new-password-4567"))
			.andExpect(authenticated().withUsername(user.getUsername()));
		this.mvc.perform(formLogin().user(user.getUsername()).password(PASSWORD)).andExpect(unauthenticated());
		assertThat(auditActions(user.getId())).containsEntry("RESET_PASSWORD", this.adminName);
	}

	@Test
	void resetPasswordWithStaleVersionShowsConflict() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR));
		AppUser other = this.users.assign(user.getId(), user.getVersion(), "changed", "SALES", EnumSet.of(Role.MR),
				Set.of(), "someone-else");
		this.mvc.perform(passwordRequest(user, user.getVersion(), "new-password-4567", "new-password-4567"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasErrors("passwordForm"))
			.andExpect(content().string(containsString(
					this.messages.getMessage("admin.user.stale", null, Locale.JAPANESE))))
			.andExpect(content().string(containsString("value=\"" + other.getVersion() + "\"")));
		this.mvc.perform(formLogin().user(user.getUsername()).password(PASSWORD))
			.andExpect(authenticated().withUsername(user.getUsername()));
	}

	@Test
	void disabledUserCannotSignInUntilEnabledAgain() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR));
		this.mvc.perform(enabledRequest(user.getId(), user.getVersion(), false))
			.andExpect(redirectedUrl("/admin/users/" + user.getId() + "/edit"))
			.andExpect(flash().attribute("flash", "admin.user.disabledNow"));
		AppUser disabled = this.users.get(user.getId());
		assertThat(disabled.isEnabled()).isFalse();
		this.mvc.perform(formLogin().user(user.getUsername()).password(PASSWORD))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));

		// A stale version is refused with a note, not applied.
		this.mvc.perform(enabledRequest(user.getId(), user.getVersion(), true))
			.andExpect(flash().attribute("flashWarning", "admin.user.stale"));
		assertThat(this.users.get(user.getId()).isEnabled()).isFalse();

		this.mvc.perform(enabledRequest(user.getId(), disabled.getVersion(), true))
			.andExpect(flash().attribute("flash", "admin.user.enabledNow"));
		this.mvc.perform(formLogin().user(user.getUsername()).password(PASSWORD))
			.andExpect(authenticated().withUsername(user.getUsername()));
		assertThat(auditActions(user.getId())).containsKeys("DISABLE", "ENABLE");
	}

	@Test
	void adminCannotDisableThemselves() throws Exception {
		AppUser me = this.users.findByUsername(this.adminName).orElseThrow();
		this.mvc.perform(get("/admin/users/" + me.getId() + "/edit").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"disable-user\""))));
		this.mvc.perform(enabledRequest(me.getId(), me.getVersion(), false))
			.andExpect(redirectedUrl("/admin/users/" + me.getId() + "/edit"))
			.andExpect(flash().attribute("flashWarning", "user.disable.self"));
		assertThat(this.users.get(me.getId()).isEnabled()).isTrue();
	}

	@Test
	void malformedEnablePostIsAClientErrorNotAServerError() throws Exception {
		AppUser user = newUser(EnumSet.of(Role.MR));
		this.mvc.perform(post("/admin/users/" + user.getId() + "/enabled").with(admin()).with(csrf()))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(post("/admin/users/" + user.getId() + "/enabled").with(admin())
			.with(csrf())
			.param("enabled", "maybe")
			.param("version", "x")).andExpect(status().is4xxClientError());
		assertThat(this.users.get(user.getId()).isEnabled()).isTrue();
	}

	private MockHttpServletRequestBuilder[] endpoints(AppUser target) {
		String base = "/admin/users/" + target.getId();
		String version = String.valueOf(target.getVersion());
		return new MockHttpServletRequestBuilder[] { get("/admin/users"), get("/admin/users/new"),
				post("/admin/users/new").param("username", "sneaky")
					.param("displayName", "Sneaky")
					.param("departmentCode", "IT")
					.param("roles", "ADMIN")
					.param("password", PASSWORD)
					.param("passwordConfirmation", PASSWORD),
				get(base), get(base + "/edit"),
				post(base + "/edit").param("displayName", "x")
					.param("departmentCode", "IT")
					.param("roles", "ADMIN")
					.param("version", version),
				post(base + "/password").param("password", PASSWORD + "x")
					.param("passwordConfirmation", PASSWORD + "x")
					.param("version", version),
				post(base + "/enabled").param("enabled", "false").param("version", version) };
	}

	private MockHttpServletRequestBuilder createRequest(String username, String... roles) {
		return createRequest(username, PASSWORD, roles);
	}

	private MockHttpServletRequestBuilder createRequestWithPassword(String username, String password) {
		return createRequest(username, password, new String[] { "MR" });
	}

	private MockHttpServletRequestBuilder createRequest(String username, String password, String[] roles) {
		return post("/admin/users/new").with(admin())
			.with(csrf())
			.param("username", username)
			.param("displayName", "テスト ユーザー")
			.param("departmentCode", "SALES")
			.param("roles", roles)
			.param("password", password)
			.param("passwordConfirmation", password);
	}

	private MockHttpServletRequestBuilder updateRequest(AppUser user, long version, String displayName,
			String department, String... roles) {
		MockHttpServletRequestBuilder request = post("/admin/users/" + user.getId() + "/edit").with(admin())
			.with(csrf())
			.param("displayName", displayName)
			.param("departmentCode", department)
			.param("version", String.valueOf(version));
		return (roles.length > 0) ? request.param("roles", roles) : request;
	}

	private MockHttpServletRequestBuilder passwordRequest(AppUser user, long version, String password,
			String confirmation) {
		return post("/admin/users/" + user.getId() + "/password").with(admin())
			.with(csrf())
			.param("password", password)
			.param("passwordConfirmation", confirmation)
			.param("version", String.valueOf(version));
	}

	private MockHttpServletRequestBuilder enabledRequest(long id, long version, boolean enabled) {
		return post("/admin/users/" + id + "/enabled").with(admin())
			.with(csrf())
			.param("enabled", String.valueOf(enabled))
			.param("version", String.valueOf(version));
	}

	private RequestPostProcessor admin() {
		return user(this.adminName).roles("ADMIN");
	}

	private AppUser newUser(Set<Role> roles) {
		return this.users.create(uniqueName(), "テスト 太郎", PASSWORD, "SALES", roles, Set.of(this.territoryId),
				"test-setup");
	}

	private Map<String, String> auditActions(long userId) {
		Map<String, String> actions = new java.util.HashMap<>();
		this.jdbc.query("SELECT action, actor FROM audit_event WHERE entity_type = 'USER' AND entity_id = ?",
				rs -> {
					actions.put(rs.getString(1), rs.getString(2));
				}, userId);
		return actions;
	}

	private long territory(String code, String nameJa, String nameEn) {
		this.jdbc.update("INSERT INTO territory (code, name_ja, name_en) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING",
				code, nameJa, nameEn);
		return this.jdbc.queryForObject("SELECT id FROM territory WHERE code = ?", Long.class, code);
	}

	private static String uniqueName() {
		return "u-" + UUID.randomUUID().toString().substring(0, 12);
	}

}
