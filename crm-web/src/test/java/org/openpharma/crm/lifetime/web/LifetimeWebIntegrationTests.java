package org.openpharma.crm.lifetime.web;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who reads patient lifetime: everyone reads an HCP's card (as they read the patient counts on the HCP page);
 * marketing and managers the view by region, where a tampered filter is a field message (400), never an error.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
class LifetimeWebIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	HcpManagement hcps;

	@Autowired
	TestUsers testUsers;

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyoneReadsTheCardOnlyMarketingAndManagersTheRegions(Role role) throws Exception {
		var as = user(this.testUsers.ensure(role)).roles(role.name());
		long hcp = this.hcps.create(new HcpDetails("生涯 三郎", "ショウガイ サブロウ", null, null, null, null, null, null), "test")
			.getId();
		this.mvc.perform(get("/hcps/" + hcp + "/patient-lifetime").with(as)).andExpect(status().isOk());
		boolean reads = Set.of(Role.MARKETING, Role.MANAGER).contains(role);
		this.mvc.perform(get("/dashboards/lifetime").with(as)).andExpect(status().is(reads ? 200 : 403));
		this.mvc.perform(get("/dashboards/lifetime?from=2026-13&ta=x&region=ATLANTIS").with(as))
			.andExpect(status().is(reads ? 400 : 403));
	}

}
