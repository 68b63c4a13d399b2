package org.openpharma.crm.dashboard.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who sees which dashboard, bad filters, the CSV exports and target writes, with the real security setup. */
@WebIntegrationTest
@AutoConfigureMockMvc
class DashboardWebIntegrationTests extends WebTestBase {

	private static final Set<Role> READERS = Set.of(Role.MANAGER, Role.MARKETING, Role.MEDICAL, Role.ADMIN);

	private static final Set<Role> SLA_READERS = Set.of(Role.MANAGER, Role.MEDICAL, Role.ADMIN);

	private static final Set<Role> TARGET_SETTERS = Set.of(Role.MANAGER, Role.ADMIN);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	long area;

	@Autowired
	TestUsers users;

	@Autowired
	Clock clock;

	@BeforeEach
	void anArea() {
		// The dashboards read the user's scope: national users must exist, also when this class runs alone.
		this.users.ensureAll();
		long n = System.nanoTime() % 1_000_000;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "DW" + n, "認可領域" + n, "Auth " + n);
		// An HCP without an institution reports too: the screens show "no institution", never an error. Dated by the
		// application's clock, which the dashboards read (not by the database's now()).
		Instant now = this.clock.instant();
		Timestamp at = Timestamp.from(now);
		Long hcp = this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana) VALUES ('無所属 一', 'ムショゾク ハジメ')"
				+ " RETURNING id", Long.class);
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, period, eligible_patients, treated_patients,"
				+ " reported_by, reported_at) VALUES (?, ?, ?, 3, 1, 'mr', ?)", hcp, this.area,
				java.sql.Date.valueOf(YearMonth.from(now.atZone(Japan.ZONE)).atDay(1)), at);
		this.jdbc.update("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code, recorded_at,"
				+ " updated_at) VALUES (?, 'VISIT', ?, 'mr', 'SALES', ?, ?)", hcp, at, at, at);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void managersMarketingMedicalAndAdminsReadTheDashboardsOnlyMedicalSideSeesTheSla(Role role) throws Exception {
		var as = user(role.name().toLowerCase()).roles(role.name());
		int reader = READERS.contains(role) ? 200 : 403;
		for (String page : new String[] { "patients", "needs", "channels" }) {
			this.mvc.perform(get("/dashboards/" + page).with(as)).andExpect(status().is(reader));
		}
		this.mvc.perform(get("/dashboards/patients.csv?table=months").with(as)).andExpect(status().is(reader));
		this.mvc.perform(get("/dashboards/hcps?list=reporting").with(as)).andExpect(status().is(reader));
		int sla = SLA_READERS.contains(role) ? 200 : 403;
		this.mvc.perform(get("/dashboards/inquiries").with(as)).andExpect(status().is(sla));
		this.mvc.perform(get("/dashboards/inquiries.csv?table=overdue").with(as)).andExpect(status().is(sla));
		int setter = TARGET_SETTERS.contains(role) ? 200 : 403;
		this.mvc.perform(get("/dashboards/targets").with(as)).andExpect(status().is(setter));
		this.mvc.perform(post("/dashboards/targets").with(as).with(csrf()).param("therapeuticAreaId", "" + this.area)
			.param("period", "2026-11").param("treatedTarget", "10"))
			.andExpect(status().is(TARGET_SETTERS.contains(role) ? 302 : 403));
	}

	@Test
	void badOrTamperedFiltersGetFieldMessagesAndA400NeverA500() throws Exception {
		var as = user("manager").roles("MANAGER");
		this.mvc.perform(get("/dashboards/patients?from=2026-02&to=2025-01").with(as))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"to-error\"")));
		this.mvc.perform(get("/dashboards/needs?from=2020-01&to=2026-01").with(as)).andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("36")));
		this.mvc.perform(get("/dashboards/channels?ta=1%27%3Bdrop&product=-1&region=<b>&department=nope").with(as))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"ta-error\"")))
			.andExpect(content().string(containsString("id=\"product-error\"")))
			.andExpect(content().string(containsString("id=\"region-error\"")))
			.andExpect(content().string(containsString("id=\"department-error\"")))
			.andExpect(content().string(not(containsString("<b>"))));
		this.mvc.perform(get("/dashboards/patients?ta=999999999").with(as)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/dashboards/patients.csv?table=months&from=x").with(as)).andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("from")));
		this.mvc.perform(get("/dashboards/patients.csv?table=nope").with(as)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/dashboards/hcps?list=uncovered&days=7").with(as)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/dashboards/hcps?list=stage&stage=TRIAL").with(as)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/dashboards/hcps?list=reporting&prefecture=99").with(as)).andExpect(status().isBadRequest());
	}

	@Test
	void aProductOfAnotherAreaIsRefused() throws Exception {
		long other = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '他', 'Other')"
				+ " RETURNING id", Long.class, "DO" + System.nanoTime() % 1_000_000);
		long product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '他剤', 'Other', ?) RETURNING id", Long.class, "PO" + System.nanoTime() % 1_000_000, other);
		this.mvc.perform(get("/dashboards/patients?ta=" + this.area + "&product=" + product)
			.with(user("manager").roles("MANAGER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("別の疾患領域")));
	}

	@Test
	void aTargetChangedMeanwhileIsAConflictNotAnOverwrite() throws Exception {
		var as = user("manager").roles("MANAGER");
		this.mvc.perform(post("/dashboards/targets").with(as).with(csrf()).param("therapeuticAreaId", "" + this.area)
			.param("period", "2026-10").param("treatedTarget", "10")).andExpect(status().isFound());
		// A second manager who also saw no target yet posts without a version: refused, the first value stays.
		this.mvc.perform(post("/dashboards/targets").with(as).with(csrf()).param("therapeuticAreaId", "" + this.area)
			.param("period", "2026-10").param("treatedTarget", "99")).andExpect(status().isConflict())
			.andExpect(content().string(containsString("他のユーザーが変更しました")));
		this.mvc.perform(post("/dashboards/targets").with(as).with(csrf()).param("therapeuticAreaId", "" + this.area)
			.param("period", "2026-10").param("treatedTarget", "12").param("version", "0")).andExpect(status().isFound());
		org.assertj.core.api.Assertions.assertThat(this.jdbc.queryForObject("SELECT treated_target FROM patient_target"
				+ " WHERE therapeutic_area_id = ?", Integer.class, this.area)).isEqualTo(12);
		// The first value and the versioned change; the refused overwrite left no trace.
		org.assertj.core.api.Assertions.assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event"
				+ " WHERE entity_type = 'PATIENT_TARGET' AND action = 'SET' AND actor = 'manager' AND entity_id IN"
				+ " (SELECT id FROM patient_target WHERE therapeutic_area_id = ?)", Integer.class, this.area))
			.isEqualTo(2);
		this.mvc.perform(post("/dashboards/targets").with(as).with(csrf()).param("therapeuticAreaId", "abc")
			.param("period", "2026-10").param("treatedTarget", "x")).andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"treatedTarget-error\"")));
	}

	@Test
	void theCsvExportHasHeadersInTheUsersLanguageAndTheFigures() throws Exception {
		var as = user("marketing").roles("MARKETING");
		this.mvc.perform(get("/dashboards/needs.csv?table=outcomes&lang=en").with(as)).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(content().string(containsString("Status,Needs")));
		this.mvc.perform(get("/dashboards/channels.csv?table=coverage").with(as)).andExpect(status().isOk())
			.andExpect(content().string(containsString("医療従事者数（在籍）")));
	}

	@Test
	void anInquirySubjectStartingWithAFormulaIsExportedAsText() throws Exception {
		Long hcp = this.jdbc.queryForObject("SELECT hcp_id FROM patient_count WHERE therapeutic_area_id = ?", Long.class,
				this.area);
		String marker = "m" + System.nanoTime() % 1_000_000;
		String subject = "=HYPERLINK(\"http://evil.example/\",\"" + marker + "\")";
		// Overdue by the application's clock, which the SLA dashboard reads.
		Instant now = this.clock.instant();
		this.jdbc.update("INSERT INTO medical_inquiry (hcp_id, subject, question, answer_channel, urgency, priority,"
				+ " status, received_at, received_by, received_via, due_at, updated_at) VALUES (?, ?, 'q', 'EMAIL',"
				+ " 'NORMAL', 'NORMAL', 'RECEIVED', ?, 'medical', 'MEDICAL', ?, ?)", hcp, subject,
				Timestamp.from(now), Timestamp.from(now.minusSeconds(1)), Timestamp.from(now));

		String csv = this.mvc.perform(get("/dashboards/inquiries.csv?table=overdue").with(user("medical").roles("MEDICAL")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

		org.assertj.core.api.Assertions.assertThat(csv)
			.contains(",\"'" + subject.replace("\"", "\"\"") + "\",")
			.doesNotContain(",\"" + subject.replace("\"", "\"\""));
		// Priority, status and assignee in words, never their codes.
		String row = csv.lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
		org.assertj.core.api.Assertions.assertThat(row).contains(",,通常,受付,").endsWith(",未割り当て")
			.doesNotContain("NORMAL").doesNotContain("RECEIVED");
	}

	@Test
	void theOverdueListNamesTheAssigneeNotTheirUsername() throws Exception {
		Long hcp = this.jdbc.queryForObject("SELECT hcp_id FROM patient_count WHERE therapeutic_area_id = ?", Long.class,
				this.area);
		Instant now = this.clock.instant();
		String subject = "担当者表示" + System.nanoTime() % 1_000_000;
		this.jdbc.update("INSERT INTO medical_inquiry (hcp_id, subject, question, answer_channel, urgency, priority,"
				+ " status, received_at, received_by, received_via, due_at, updated_at, assignee) VALUES (?, ?, 'q',"
				+ " 'EMAIL', 'NORMAL', 'URGENT', 'ASSIGNED', ?, 'medical', 'MEDICAL', ?, ?, 'medical')", hcp, subject,
				Timestamp.from(now), Timestamp.from(now.minusSeconds(1)), Timestamp.from(now));
		String page = this.mvc.perform(get("/dashboards/inquiries").with(user("medical").roles("MEDICAL")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		String row = page.substring(page.indexOf(subject), page.indexOf("</tr>", page.indexOf(subject)));
		org.assertj.core.api.Assertions.assertThat(row).contains("至急").contains("担当決定").contains("Test MEDICAL")
			.doesNotContain(">medical<").doesNotContain("URGENT").doesNotContain("ASSIGNED");
	}

	@Test
	void theApiAnswersTheSameFiguresAndOnlyAdminsAskForTheRawRecomputation() throws Exception {
		this.mvc.perform(get("/api/v1/dashboards/patients?ta=" + this.area).with(user("manager").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.months.length()").value(12));
		this.mvc.perform(get("/api/v1/dashboards/channels?source=raw").with(user("manager").roles("MANAGER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/dashboards/needs?source=raw").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/dashboards/inquiries").with(user("marketing").roles("MARKETING")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/dashboards/patients").with(user("mr").roles("MR"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/dashboards/patients?from=2026-99").with(user("manager").roles("MANAGER")))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/v1/dashboards/revenue").with(user("manager").roles("MANAGER")))
			.andExpect(status().isNotFound());
	}

}
