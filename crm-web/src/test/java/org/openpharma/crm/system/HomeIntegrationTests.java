package org.openpharma.crm.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** Where a sign-in and "/" lead: an MR to My HCPs, marketing and medical affairs to the content gap, every other role to the HCP list. */
@WebIntegrationTest
@AutoConfigureMockMvc
class HomeIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestUsers users;

	@Test
	void aSignInLeadsHomeAndAnMrsHomeIsMyHcps() throws Exception {
		this.mvc.perform(formLogin().user(this.users.ensure(Role.MR)).password(TestUsers.PASSWORD))
			.andExpect(redirectedUrl("/"));
		this.mvc.perform(get("/").with(user(this.users.ensure(Role.MR)).roles(Role.MR.name())))
			.andExpect(redirectedUrl("/my-hcps"));
	}

	@ParameterizedTest
	@EnumSource(value = Role.class, names = { "MARKETING", "MEDICAL" })
	void thoseWhoMakeContentStartOnTheContentGap(Role role) throws Exception {
		this.mvc.perform(get("/").with(user(this.users.ensure(role)).roles(role.name())))
			.andExpect(redirectedUrl("/content/gaps"));
	}

	@ParameterizedTest
	@EnumSource(value = Role.class, names = { "MR", "MARKETING", "MEDICAL" }, mode = EnumSource.Mode.EXCLUDE)
	void everyOtherRoleStartsOnTheHcpList(Role role) throws Exception {
		this.mvc.perform(get("/").with(user(this.users.ensure(role)).roles(role.name())))
			.andExpect(redirectedUrl("/hcps"));
	}

	@Test
	void anAnonymousVisitorIsSentToSignIn() throws Exception {
		this.mvc.perform(get("/")).andExpect(header().string("Location", endsWith("/login")));
	}

}
