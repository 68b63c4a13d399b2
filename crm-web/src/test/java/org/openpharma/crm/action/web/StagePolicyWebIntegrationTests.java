package org.openpharma.crm.action.web;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.action.ActionKind;
import org.openpharma.crm.action.FatigueCap;
import org.openpharma.crm.action.StagePolicies;
import org.openpharma.crm.action.StagePolicy;
import org.openpharma.crm.action.StageRule;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The stage-policy screens with the real security configuration, on this class's own therapeutic area: who reads and
 * who edits, the form bound with the domain's field names (a rule, a cap, a quiet period), field errors, a stale save,
 * and the new version in the history.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
class StagePolicyWebIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestUsers users;

	@Autowired
	StagePolicies policies;

	long area;

	@BeforeEach
	void anArea() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '方針テスト領域',"
				+ " 'Policy test area') RETURNING id", Long.class, "PW" + n);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyoneWhoWorksWithHcpsReadsThePoliciesAndOnlyMarketingEditsThem(Role role) throws Exception {
		var as = user(this.users.ensure(role)).roles(role.name());
		boolean reads = Capability.READ_STAGE_POLICY.heldBy(role);
		boolean edits = Capability.EDIT_STAGE_POLICY.heldBy(role);
		assertThat(edits).isEqualTo(role == Role.MARKETING);
		assertThat(reads).isEqualTo(List.of(Role.MR, Role.MARKETING, Role.MEDICAL, Role.CALL_CENTER, Role.MANAGER)
			.contains(role));
		this.mvc.perform(get("/policies").with(as)).andExpect(reads ? status().isOk() : status().isForbidden());
		this.mvc.perform(get("/policies/" + this.area).with(as))
			.andExpect(reads ? status().isOk() : status().isForbidden());
		this.mvc.perform(get("/policies/" + this.area + "/edit").with(as))
			.andExpect(edits ? status().isOk() : status().isForbidden());
		this.mvc.perform(form(defaultsForm()).with(as).with(csrf()))
			.andExpect(edits ? status().is3xxRedirection() : status().isForbidden());
		if (reads) {
			this.mvc.perform(get("/policies/" + this.area).with(as))
				.andExpect(edits ? content().string(containsString("id=\"policy-edit\""))
						: content().string(not(containsString("id=\"policy-edit\""))));
		}
		this.mvc.perform(get("/hcps").with(as)).andExpect(status().isOk())
			.andExpect(reads ? content().string(containsString("id=\"nav-policies\""))
					: content().string(not(containsString("id=\"nav-policies\""))));
	}

	@Test
	void anAreaWithoutAPolicyShowsTheDefaultsInTheListAndOnItsPage() throws Exception {
		var mr = user(this.users.ensure(Role.MR)).roles("MR");
		this.mvc.perform(get("/policies").with(mr))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-area-id=\"" + this.area + "\" data-version=\"0\"")));
		this.mvc.perform(get("/policies/" + this.area).with(mr))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"policy-history-none\"")))
			.andExpect(content().string(containsString("Webコンテンツのご案内")));
		this.mvc.perform(get("/policies/999999999").with(mr)).andExpect(status().isNotFound());
	}

	@Test
	void marketingSavesAnEditedRuleCapAndQuietPeriodAsVersionOne() throws Exception {
		var marketing = user(this.users.ensure(Role.MARKETING)).roles("MARKETING");
		this.mvc.perform(get("/policies/" + this.area + "/edit").with(marketing))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"rules[INTERESTED].rationale\"")))
			.andExpect(content().string(containsString("name=\"caps[EMAIL].max\"")));
		List<String[]> params = defaultsForm();
		params = replace(params, "rules[INTERESTED].actions", "REMOTE_DETAIL", "", "VISIT", "");
		params = replace(params, "caps[EMAIL].max", "2");
		params = replace(params, "caps[PHONE].max", "");
		params = replace(params, "caps[PHONE].days", "");
		params.add(new String[] { "quietPeriods[1].label", "年末年始" });
		params.add(new String[] { "quietPeriods[1].from", "2026-12-28" });
		params.add(new String[] { "quietPeriods[1].to", "2027-01-04" });
		params.add(new String[] { "note", "メールの上限を見直し" });
		this.mvc.perform(form(params).with(marketing).with(csrf()))
			.andExpect(redirectedUrl("/policies/" + this.area))
			.andExpect(flash().attribute("flash", "policy.saved"));

		StagePolicies.PolicyVersion saved = this.policies.current(this.area);
		assertThat(saved.version()).isEqualTo(1);
		assertThat(saved.savedBy()).isEqualTo(this.users.ensure(Role.MARKETING));
		assertThat(saved.note()).isEqualTo("メールの上限を見直し");
		StagePolicy policy = saved.policy();
		assertThat(policy.ruleFor(AdoptionStage.INTERESTED).actions()).containsExactly(ActionKind.REMOTE_DETAIL,
				ActionKind.VISIT);
		assertThat(policy.capFor(ConsentChannel.EMAIL)).contains(new FatigueCap(2, 30));
		assertThat(policy.capFor(ConsentChannel.PHONE)).isEmpty();
		assertThat(policy.quietPeriods()).extracting(q -> q.label() + " " + q.from() + " " + q.to())
			.containsExactly("年末年始 2026-12-28 2027-01-04");
		this.mvc.perform(get("/policies/" + this.area).with(marketing))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("class=\"policy-version\" data-version=\"1\"")))
			.andExpect(content().string(containsString("年末年始")));
	}

	@Test
	void invalidInputIsShownFieldByFieldAndNothingIsSaved() throws Exception {
		var marketing = user(this.users.ensure(Role.MARKETING)).roles("MARKETING");
		List<String[]> params = defaultsForm();
		params = replace(params, "caps[EMAIL].max", "0");
		params = replace(params, "rules[INTERESTED].actions", "VISIT", "VISIT");
		params = replace(params, "rules[TRIAL].rationale", "");
		params.add(new String[] { "quietPeriods[0].label", "学会" });
		params.add(new String[] { "quietPeriods[0].from", "2027-03-10" });
		params.add(new String[] { "quietPeriods[0].to", "2027-03-01" });
		this.mvc.perform(form(params).with(marketing).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "caps[EMAIL].max", "policy.cap.max.range"))
			.andExpect(model().attributeHasFieldErrorCode("form", "rules[INTERESTED].actions",
					"policy.rule.actions.duplicate"))
			.andExpect(model().attributeHasFieldErrorCode("form", "rules[TRIAL].rationale",
					"policy.rule.rationale.required"))
			.andExpect(model().attributeHasFieldErrorCode("form", "quietPeriods[0].to", "policy.quiet.to.beforeFrom"))
			.andExpect(content().string(containsString("id=\"capsEMAIL.max-error\"")))
			.andExpect(content().string(containsString("上限回数は1～50回の範囲で入力してください。")));
		// A number that is no number is a field error too, not a 400.
		this.mvc.perform(form(replace(defaultsForm(), "caps[VISIT].days", "abc")).with(marketing).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "caps[VISIT].days", "typeMismatch"));
		assertThat(this.policies.history(this.area)).isEmpty();
	}

	@Test
	void aSaveFromAnOlderVersionIsAConflictOnTheForm() throws Exception {
		var marketing = user(this.users.ensure(Role.MARKETING)).roles("MARKETING");
		this.policies.save(this.area, 0, StagePolicy.defaults(this.area), "先に保存", "setup");
		this.mvc.perform(form(defaultsForm()).with(marketing).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasErrors("form"))
			.andExpect(content().string(containsString("現在は第1版")));
		assertThat(this.policies.history(this.area)).hasSize(1);
	}

	MockHttpServletRequestBuilder form(List<String[]> params) {
		MockHttpServletRequestBuilder request = post("/policies/" + this.area + "/edit");
		for (String[] p : params) {
			for (int i = 1; i < p.length; i++) {
				request.param(p[0], p[i]);
			}
		}
		return request;
	}

	/** The edit form as the defaults fill it, from version 0. */
	List<String[]> defaultsForm() {
		StagePolicy defaults = StagePolicy.defaults(this.area);
		List<String[]> params = new java.util.ArrayList<>();
		params.add(new String[] { "version", "0" });
		defaults.rules().forEach((stage, rule) -> {
			params.add(new String[] { "rules[" + stage + "].approach", rule.approach().name() });
			String[] actions = new String[StageRule.MAX_ACTIONS + 1];
			actions[0] = "rules[" + stage + "].actions";
			for (int i = 0; i < StageRule.MAX_ACTIONS; i++) {
				actions[i + 1] = (i < rule.actions().size()) ? rule.actions().get(i).name() : "";
			}
			params.add(actions);
			params.add(new String[] { "rules[" + stage + "].rationale", rule.rationale() });
		});
		defaults.caps().forEach((channel, cap) -> {
			params.add(new String[] { "caps[" + channel + "].max", String.valueOf(cap.max()) });
			params.add(new String[] { "caps[" + channel + "].days", String.valueOf(cap.days()) });
		});
		params.add(new String[] { "minDaysBetweenPush", "7" });
		return params;
	}

	static List<String[]> replace(List<String[]> params, String name, String... values) {
		List<String[]> replaced = new java.util.ArrayList<>(params.stream().filter(p -> !p[0].equals(name)).toList());
		String[] p = new String[values.length + 1];
		p[0] = name;
		System.arraycopy(values, 0, p, 1, values.length);
		replaced.add(p);
		return replaced;
	}

}
