package org.openpharma.crm.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generator against real PostgreSQL. Other tests share this run's database and add HCPs of their
 * own, so each generation goes into a fresh schema of its own, migrated by Flyway like the real one: the
 * idempotence check (hcp empty) and the determinism check (two schemas, one seed) need that isolation.
 * With one seed and a fixed clock the data is the same on every run, so the figures are asserted exactly:
 * a change to the generator that changes them changes every demo installation, and should say so here.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataGeneratorIntegrationTests extends PostgresTestBase {

	@Autowired
	PasswordEncoder passwords;

	/** The demo's "now": fixed, so that the seeded figures are the same whatever day the tests run. */
	static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneOffset.UTC);

	static final java.sql.Date TODAY = java.sql.Date.valueOf(LocalDate.ofInstant(NOW.instant(), Japan.ZONE));

	@Autowired
	DemoDataGenerator springBean;

	/** The application's connection: its role owns no table. */
	@Autowired
	JdbcTemplate appJdbc;

	private Schema first;

	private Schema second;

	private GenerationReport firstReport;

	private GenerationReport secondReport;

	@BeforeAll
	void generateIntoTwoFreshSchemas() {
		this.first = Schema.create();
		this.second = Schema.create();
		this.firstReport = generator(this.first).generate(Scale.SMALL, 42);
		this.secondReport = generator(this.second).generate(Scale.SMALL, 42);
	}

	@AfterAll
	void dropSchemas() {
		for (Schema schema : List.of(this.first, this.second)) {
			if (schema != null) {
				schema.drop();
			}
		}
	}

	@Test
	void theGeneratorIsASpringBean() {
		assertThat(this.springBean).isNotNull();
	}

	@Test
	void smallScaleLoadsAboutTwoThousandPhysicians() {
		GenerationReport report = this.firstReport;
		assertThat(report.skipped()).isFalse();
		assertThat(report.hcps()).isEqualTo(2000);
		assertThat(report.hospitals()).isEqualTo(150);
		assertThat(report.clinics()).isEqualTo(800);
		assertThat(report.pharmacies()).isEqualTo(100);
		JdbcTemplate jdbc = this.first.jdbc;
		assertThat(count(jdbc, "SELECT count(*) FROM hcp")).isEqualTo(2000);
		assertThat(count(jdbc, "SELECT count(*) FROM hco")).isEqualTo(1050);
		assertThat(count(jdbc, "SELECT count(*) FROM affiliation")).isEqualTo(report.affiliations()).isEqualTo(2800);
		// Nobody without their primary affiliation, and no primary HCO that is a pharmacy.
		assertThat(count(jdbc, "SELECT count(*) FROM hcp h WHERE NOT EXISTS (SELECT 1 FROM affiliation a"
				+ " WHERE a.hcp_id = h.id AND a.hco_id = h.primary_hco_id)"))
			.isZero();
		assertThat(count(jdbc,
				"SELECT count(*) FROM hcp h JOIN hco o ON o.id = h.primary_hco_id WHERE o.hco_type = 'PHARMACY'"))
			.isZero();
	}

	@Test
	void readingsAreKatakanaAndTheSearchKeysAreFilled() {
		JdbcTemplate jdbc = this.first.jdbc;
		assertThat(count(jdbc, "SELECT count(*) FROM hcp WHERE name_kana !~ '^[ァ-ヶー]+ [ァ-ヶー]+$'")).isZero();
		assertThat(count(jdbc, "SELECT count(*) FROM hcp WHERE name_kanji !~ '^[^ ]+ [^ ]+$'")).isZero();
		assertThat(count(jdbc, "SELECT count(*) FROM hcp WHERE name_romaji !~ '^[A-Z][a-z]+ [A-Z][a-z]+$'")).isZero();
		assertThat(count(jdbc, "SELECT count(*) FROM hco WHERE name_kana !~ '^[ァ-ヶー ]+$'")).isZero();
		assertThat(count(jdbc, "SELECT count(*) FROM hcp WHERE kana_key LIKE '% %' OR search_text IS NULL")).isZero();
		assertThat(count(jdbc, "SELECT count(*) FROM hcp WHERE kanji_key LIKE '佐藤%'")).isEqualTo(91);
	}

	@Test
	void everyPrefectureHasInstitutionsAndATerritory() {
		JdbcTemplate jdbc = this.first.jdbc;
		assertThat(count(jdbc, "SELECT count(DISTINCT prefecture_code) FROM hco")).isEqualTo(47);
		assertThat(count(jdbc, "SELECT count(DISTINCT prefecture_code) FROM territory_prefecture")).isEqualTo(47);
		// Population weighting: Tokyo has far more institutions than Tottori.
		long tottori = count(jdbc, "SELECT count(*) FROM hco WHERE prefecture_code = 31");
		assertThat(tottori).isEqualTo(3);
		assertThat(count(jdbc, "SELECT count(*) FROM hco WHERE prefecture_code = 13")).isEqualTo(104)
			.isGreaterThan(5 * tottori);
		assertThat(count(jdbc, "SELECT count(*) FROM therapeutic_area")).isEqualTo(6);
		assertThat(count(jdbc, "SELECT count(*) FROM product")).isEqualTo(this.firstReport.products()).isEqualTo(15);
		assertThat(this.firstReport.territories()).isEqualTo(12);
	}

	@Test
	void registryNumbersAndInstitutionCodesAreUnique() {
		JdbcTemplate jdbc = this.first.jdbc;
		long present = count(jdbc, "SELECT count(registry_number) FROM hcp");
		assertThat(present).isEqualTo(1908).isEqualTo(count(jdbc, "SELECT count(DISTINCT registry_number) FROM hcp"));
		assertThat(count(jdbc, "SELECT count(DISTINCT institution_code) FROM hco")).isEqualTo(1050);
	}

	/**
	 * The generator runs as the application's role, which owns no table: a plain ANALYZE is skipped (with a warning
	 * only), so statistics go through crm_analyze, which runs with the owner's rights and only on the owner's tables.
	 */
	@Test
	void theApplicationsRoleGathersStatisticsThroughTheOwnersFunction() {
		// next_action: not filled by the generator, so never analysed in that schema.
		String table = this.first.name + ".next_action";
		String reltuples = "SELECT reltuples::bigint FROM pg_class WHERE oid = CAST(? AS regclass)";
		assertThat(count(this.appJdbc, reltuples, table)).isEqualTo(-1);
		this.appJdbc.execute("ANALYZE " + table);
		assertThat(count(this.appJdbc, reltuples, table)).isEqualTo(-1);

		DemoDataGenerator.analyze(this.appJdbc, table);

		assertThat(count(this.appJdbc, reltuples, table)).isZero();
		assertThatThrownBy(() -> DemoDataGenerator.analyze(this.appJdbc, "pg_catalog.pg_class"))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("not a table of the database owner");
	}

	@Test
	void sameSeedGivesTheSameDataInAnotherSchema() {
		String sql = "SELECT md5(string_agg(concat_ws('|', id, registry_number, name_kanji, name_kana, name_romaji,"
				+ " specialty_code, email, primary_hco_id, status), ',' ORDER BY id)) FROM hcp";
		String hcos = "SELECT md5(string_agg(concat_ws('|', id, institution_code, name, name_kana, prefecture_code,"
				+ " postal_code, address, phone, bed_count, parent_id), ',' ORDER BY id)) FROM hco";
		String affiliations = "SELECT md5(string_agg(concat_ws('|', hcp_id, hco_id, role, valid_from, valid_to), ','"
				+ " ORDER BY hcp_id, hco_id, role)) FROM affiliation";
		for (String digest : List.of(sql, hcos, affiliations)) {
			assertThat(this.first.jdbc.queryForObject(digest, String.class))
				.isEqualTo(this.second.jdbc.queryForObject(digest, String.class));
		}
		// The loaded rows are the pure generator's rows.
		List<String> loaded = this.first.jdbc.queryForList("SELECT name_kanji FROM hcp ORDER BY id LIMIT 20",
				String.class);
		DemoDatasetTests.Rows rows = DemoDatasetTests.generate(Scale.SMALL, 42);
		assertThat(loaded).isEqualTo(rows.hcps.stream().limit(20).map(DemoDataset.HcpRow::nameKanji).toList());
	}

	/** The call plan (DemoPlans): two a working day for the coming two weeks per MR, two missed, the last visits done. */
	@Test
	void everyMrHasCallPlansForTheComingTwoWeeksAFewMissedAndTheirLastVisitsDone() {
		JdbcTemplate jdbc = this.first.jdbc;
		// 2026-11-25 is a Wednesday: ten working days from it in two weeks, two working days before it.
		assertThat(jdbc.queryForList("SELECT k || ' ' || count(*) FROM (SELECT status || ' ' || CASE WHEN planned_day >= ?"
				+ " THEN 'ahead' ELSE 'past' END AS k FROM planned_call) p GROUP BY k ORDER BY k", String.class, TODAY))
			.containsExactly("DONE ahead 1", "DONE past 23", "PLANNED ahead 240", "PLANNED past 24");
		// Owners; plans on a weekend; the span of the plans ahead (days); plans with an item to show; calls instead of
		// visits; done plans linked to their owner's own visit of the same HCP.
		assertThat(List.of(count(jdbc, "SELECT count(DISTINCT owner) FROM planned_call"),
				count(jdbc, "SELECT count(*) FROM planned_call WHERE extract(isodow FROM planned_day) > 5"),
				count(jdbc, "SELECT max(planned_day) - min(planned_day) FROM planned_call WHERE planned_day >= ?", TODAY),
				count(jdbc, "SELECT count(*) FROM planned_call WHERE content_version_id IS NOT NULL"),
				count(jdbc, "SELECT count(*) FROM planned_call WHERE channel = 'PHONE_OUT'"),
				count(jdbc, "SELECT count(*) FROM planned_call p JOIN interaction i ON i.id = p.interaction_id"
						+ " WHERE i.author = p.owner AND i.hcp_id = p.hcp_id AND p.status = 'DONE'")))
			.containsExactly(12L, 0L, 13L, 104L, 48L, 24L);
	}

	/** Two past campaigns (DemoCampaigns): an e-mail one with mails, a holdout and exclusions; a visit one decided. */
	@Test
	void twoPastCampaignsHaveMembersAHoldoutMailsAndDecisions() {
		JdbcTemplate jdbc = this.first.jdbc;
		assertThat(jdbc.queryForList("SELECT kind || ' ' || status FROM campaign ORDER BY starts_at", String.class))
			.containsExactly("EMAIL COMPLETED", "PUSH COMPLETED");
		// Members and holdout counts agree with the member rows; both campaigns have both groups.
		assertThat(count(jdbc, "SELECT count(*) FROM campaign c WHERE c.members = (SELECT count(*) FROM campaign_member m"
				+ " WHERE m.campaign_id = c.id) AND c.held_out = (SELECT count(*) FROM campaign_member m"
				+ " WHERE m.campaign_id = c.id AND m.status = 'HOLDOUT') AND c.held_out > 0 AND c.members > c.held_out")).isEqualTo(2L);
		// Every mailed member has a sent mail with its delivery; nobody held out was mailed.
		assertThat(count(jdbc, "SELECT count(*) FROM campaign_member m WHERE m.status = 'QUEUED'")).isPositive();
		assertThat(count(jdbc, "SELECT count(*) FROM campaign_member m JOIN content_email e ON e.id = m.email_id"
				+ " JOIN content_delivery d ON d.email_id = e.id WHERE e.status = 'SENT'"))
			.isEqualTo(count(jdbc, "SELECT count(*) FROM campaign_member m WHERE m.status = 'QUEUED'"));
		assertThat(count(jdbc, "SELECT count(*) FROM campaign_member m JOIN content_email e ON e.hcp_id = m.hcp_id"
				+ " AND e.interaction_id IN (SELECT id FROM interaction WHERE external_event_id LIKE 'demo-campaign-%')"
				+ " WHERE m.status = 'HOLDOUT'")).isZero();
		assertThat(count(jdbc, "SELECT count(*) FROM content_view v JOIN content_delivery d ON d.id = v.delivery_id"
				+ " JOIN campaign_member m ON m.email_id = d.email_id")).isPositive();
		assertThat(jdbc.queryForList("SELECT DISTINCT decision FROM next_action_decision WHERE campaign_id IS NOT NULL"
				+ " ORDER BY decision", String.class)).containsExactly("ACCEPTED", "DISMISSED");
	}

	@Test
	void threeYearsOfActivityComeWithTheDemo() {
		JdbcTemplate jdbc = this.first.jdbc;
		GenerationReport.Activity activity = this.firstReport.activity();
		assertThat(activity.interactions()).isEqualTo(19_960);
		// Besides the activity, the HCPs' views of content shown to them (DemoContent): pull events of the tracked link;
		// and the past e-mail campaign's mails (DemoCampaigns).
		assertThat(count(jdbc, "SELECT count(*) FROM interaction WHERE author <> 'hcp-tracked-link'"
				+ " AND coalesce(external_event_id, '') NOT LIKE 'demo-campaign-%'")).isEqualTo(activity.interactions());
		assertThat(count(jdbc, "SELECT count(*) FROM interaction WHERE author = 'hcp-tracked-link'"))
			.isEqualTo(count(jdbc, "SELECT count(*) FROM content_view"));
		assertThat(count(jdbc, "SELECT count(*) FROM interaction_therapeutic_area ta JOIN interaction i ON i.id = ta.interaction_id"
				+ " WHERE coalesce(i.external_event_id, '') NOT LIKE 'demo-campaign-%'")).isEqualTo(activity.interactions());
		assertThat(count(jdbc, "SELECT count(*) FROM information_need")).isEqualTo(activity.needs()).isEqualTo(3_937);
		assertThat(count(jdbc, "SELECT count(*) FROM hcp_stage")).isEqualTo(activity.stages()).isEqualTo(2_097);
		assertThat(count(jdbc, "SELECT count(*) FROM stage_change")).isEqualTo(activity.stageChanges());
		assertThat(count(jdbc, "SELECT count(*) FROM patient_count")).isEqualTo(activity.patientCounts()).isEqualTo(1_339);
		assertThat(count(jdbc, "SELECT count(*) FROM treatment_policy_note")).isEqualTo(activity.policyNotes());
		// Skew: some key opinion leaders have hundreds of contacts, many HCPs none.
		assertThat(count(jdbc, "SELECT max(n) FROM (SELECT count(*) AS n FROM interaction WHERE author <> 'hcp-tracked-link'"
				+ " GROUP BY hcp_id) c"))
			.isEqualTo(800);
		assertThat(count(jdbc, "SELECT count(*) FROM hcp h WHERE NOT EXISTS (SELECT 1 FROM interaction i"
				+ " WHERE i.hcp_id = h.id)")).isEqualTo(321);
		// Every department, and each territory's own MR for its HCPs.
		assertThat(jdbc.queryForList("SELECT DISTINCT department_code FROM interaction", String.class))
			.containsExactlyInAnyOrder("SALES", "MARKETING", "MEDICAL", "CALL_CENTER");
		assertThat(count(jdbc, "SELECT count(*) FROM interaction i JOIN hcp h ON h.id = i.hcp_id"
				+ " JOIN hco o ON o.id = h.primary_hco_id WHERE i.department_code = 'SALES'"
				+ " AND (o.prefecture_code = 13) <> (i.author = 'mr01')")).isZero();
		// Rows added later by the application do not collide with the ids COPY wrote.
		assertThat(count(jdbc, "SELECT last_value FROM interaction_id_seq"))
			.isEqualTo(count(jdbc, "SELECT max(id) FROM interaction"));
		// Standard responses: two valid per product and an expired one, on the generator's day (not the database's).
		assertThat(count(jdbc, "SELECT count(*) FROM standard_response WHERE valid_to >= ?", TODAY))
			.isEqualTo(2 * count(jdbc, "SELECT count(*) FROM product"));
		assertThat(count(jdbc, "SELECT count(*) FROM standard_response WHERE valid_to < ?", TODAY))
			.isEqualTo(count(jdbc, "SELECT count(*) FROM product"));
		// The content library: three items per product, two per area, six medical letters (three off-label) and two
		// e-mail templates, in every state; standard responses are items too.
		assertThat(count(jdbc, "SELECT count(*) FROM content_item WHERE created_by <> 'standard-response'")).isEqualTo(65);
		assertThat(count(jdbc, "SELECT count(*) FROM content_item WHERE created_by = 'standard-response'"))
			.isEqualTo(count(jdbc, "SELECT count(*) FROM standard_response"));
		assertThat(count(jdbc, "SELECT count(*) FROM content_item WHERE off_label")).isEqualTo(3);
		assertThat(jdbc.queryForList("SELECT status || ' ' || count(*) FROM content_version v JOIN content_item i"
				+ " ON i.id = v.item_id WHERE i.created_by <> 'standard-response' GROUP BY status ORDER BY status",
				String.class)).containsExactly("APPROVED 47", "DRAFT 4", "EXPIRED 5", "IN_REVIEW 4", "WITHDRAWN 5");
		assertThat(count(jdbc, "SELECT count(*) FROM content_version WHERE status = 'APPROVED' AND expires_on"
				+ " BETWEEN ? AND ?", TODAY, java.sql.Date.valueOf(TODAY.toLocalDate().plusDays(30)))).isEqualTo(5);
		assertThat(count(jdbc, "SELECT count(*) FROM content_version v WHERE status IN ('APPROVED', 'EXPIRED',"
				+ " 'WITHDRAWN') AND (SELECT count(DISTINCT reviewer) FROM content_review r WHERE r.version_id = v.id"
				+ " AND r.decision = 'APPROVED' AND r.reviewer <> v.author) <> 2 AND v.author <> 'standard-response'"))
			.isZero();
		// Their use: shown in visits, opened through the link, rated (the past campaign's mails apart, see below).
		assertThat(jdbc.queryForList("SELECT count(*) || ' ' || count(DISTINCT item_id) FROM content_delivery"
				+ " WHERE channel = 'VISIT'", String.class)).containsExactly("1676 50");
		assertThat(count(jdbc, "SELECT count(*) FROM content_view v JOIN content_delivery d ON d.id = v.delivery_id"
				+ " WHERE d.channel = 'VISIT'")).isEqualTo(553);
		assertThat(count(jdbc, "SELECT count(*) FROM content_feedback f JOIN content_delivery d ON d.id = f.delivery_id"
				+ " WHERE d.channel = 'VISIT'")).isEqualTo(335);
		// Stage policies: a first version for every area, a second for oncology and diabetes; the year end quiet
		// (from the generator's day, 2026-11-25), Golden Week too in diabetes' second version.
		assertThat(jdbc.queryForList("SELECT a.code || ' ' || p.version || ' ' || p.saved_by FROM stage_policy p"
				+ " JOIN therapeutic_area a ON a.id = p.therapeutic_area_id ORDER BY a.code, p.version", String.class))
			.containsExactly("CARDIOVASCULAR 1 marketing", "CNS 1 marketing", "DIABETES 1 marketing",
					"DIABETES 2 marketing", "IMMUNOLOGY 1 marketing", "ONCOLOGY 1 marketing", "ONCOLOGY 2 marketing",
					"RESPIRATORY 1 marketing");
		assertThat(count(jdbc, "SELECT count(*) FROM stage_policy_rule")).isEqualTo(48);
		assertThat(count(jdbc, "SELECT count(*) FROM stage_policy_cap")).isEqualTo(40);
		assertThat(jdbc.queryForList("SELECT label || ' ' || from_day || ' ' || to_day || ' ' || count(*)"
				+ " FROM stage_policy_quiet_period GROUP BY label, from_day, to_day ORDER BY from_day", String.class))
			.containsExactly("年末年始 2026-12-28 2027-01-04 8", "ゴールデンウィーク 2027-04-29 2027-05-05 1");
		assertThat(count(jdbc, "SELECT max_contacts FROM stage_policy_cap c JOIN stage_policy p ON p.id = c.policy_id"
				+ " JOIN therapeutic_area a ON a.id = p.therapeutic_area_id WHERE a.code = 'ONCOLOGY' AND p.version = 2"
				+ " AND c.channel = 'EMAIL'")).isEqualTo(2);
		// Next best actions: every HCP waits for the background refresher; visit suggestions dismissed with reasons.
		assertThat(count(jdbc, "SELECT count(*) FROM next_action_stale"))
			.isEqualTo(count(jdbc, "SELECT count(*) FROM hcp WHERE status <> 'MERGED'"));
		String recent = " campaign_id IS NULL AND NOT reasons @> '[{\"code\": \"policy\"}]'::jsonb";
		String history = " campaign_id IS NULL AND reasons @> '[{\"code\": \"policy\"}]'::jsonb";
		assertThat(count(jdbc, "SELECT count(*) FROM next_action_decision WHERE decision = 'DISMISSED'"
				+ " AND length(reason) > 0 AND" + recent)).isEqualTo(10);
		assertThat(count(jdbc, "SELECT count(*) FROM next_action_decision d JOIN app_user u ON u.username = d.decided_by"
				+ " WHERE u.department_code = 'SALES' AND" + recent)).isEqualTo(10);
		// The months before, for the check of what worked: accepted and dismissed across areas and stages, some of
		// them followed by the stage move the demo history holds.
		assertThat(jdbc.queryForList("SELECT decision || ' ' || count(*) || ' ' || count(*) FILTER (WHERE EXISTS"
				+ " (SELECT 1 FROM stage_change c WHERE c.hcp_id = d.hcp_id AND c.therapeutic_area_id = d.therapeutic_area_id"
				+ " AND c.changed_at > d.decided_at AND c.changed_at <= d.decided_at + interval '90 days'))"
				+ " FROM next_action_decision d WHERE" + history + " GROUP BY decision ORDER BY decision", String.class))
			.containsExactly("ACCEPTED 146 40", "DISMISSED 224 23");
		// Each names the policy version in force when it was decided: the defaults before marketing saved one.
		assertThat(count(jdbc, "SELECT count(*) FROM next_action_decision d WHERE" + history
				+ " AND d.policy_version <> coalesce((SELECT max(p.version) FROM stage_policy p"
				+ " WHERE p.therapeutic_area_id = d.therapeutic_area_id AND p.saved_at <= d.decided_at), 0)")).isZero();
		assertThat(jdbc.queryForList("SELECT DISTINCT policy_version FROM next_action_decision ORDER BY 1", Long.class))
			.contains(0L, 1L);
		// The dashboards: rollups rebuilt after the bulk load (equal to their source views), demo targets for the
		// last year, inquiries answered on time, late and still open for the SLA.
		assertThat(count(jdbc, "SELECT sum(n) FROM rollup_interaction WHERE ta_id = 0 AND product_id = 0"))
			.isEqualTo(count(jdbc, "SELECT count(*) FROM rollup_interaction_source WHERE ta_id = 0 AND product_id = 0"));
		assertThat(count(jdbc, "SELECT sum(treated) FROM rollup_patient"))
			.isEqualTo(count(jdbc, "SELECT sum(treated) FROM rollup_patient_source")).isEqualTo(50_256);
		assertThat(count(jdbc, "SELECT count(*) FROM patient_target")).isEqualTo(78);
		assertThat(count(jdbc, "SELECT count(*) FROM medical_inquiry WHERE status = 'CLOSED' AND delivered_at > due_at"))
			.isEqualTo(2);
		assertThat(count(jdbc, "SELECT count(*) FROM medical_inquiry WHERE status = 'ASSIGNED'")).isEqualTo(2);
		// Consent: most HCPs agreed on paper, some since withdrew promotional e-mail, a tenth never agreed.
		assertThat(count(jdbc, "SELECT count(*) FROM consent_record")).isEqualTo(activity.consents()).isEqualTo(12_767);
		assertThat(count(jdbc, "SELECT count(DISTINCT hcp_id) FROM consent_record WHERE state = 'WITHDRAWN'"))
			.isEqualTo(167);
		assertThat(count(jdbc, "SELECT count(*) FROM hcp h WHERE NOT EXISTS (SELECT 1 FROM consent_record c"
				+ " WHERE c.hcp_id = h.id)")).isEqualTo(200);
		String digest = "SELECT md5(string_agg(concat_ws('|', id, hcp_id, channel, author, key_messages), ','"
				+ " ORDER BY id)) FROM interaction";
		assertThat(jdbc.queryForObject(digest, String.class))
			.isEqualTo(this.second.jdbc.queryForObject(digest, String.class));
	}

	@Test
	void oneDemoUserPerRoleWithTheDemoPassword() {
		JdbcTemplate jdbc = this.first.jdbc;
		Map<String, String> roles = Map.of("mr01", "MR", "marketing", "MARKETING", "medical", "MEDICAL", "medical2",
				"MEDICAL", "callcenter", "CALL_CENTER", "manager", "MANAGER", "admin", "ADMIN");
		roles.forEach((username, role) -> {
			Map<String, Object> user = jdbc.queryForMap("SELECT u.password_hash, u.display_name, u.enabled, r.role"
					+ " FROM app_user u JOIN app_user_role r ON r.user_id = u.id WHERE u.username = ?", username);
			assertThat(user.get("role")).isEqualTo(role);
			assertThat(user.get("enabled")).isEqualTo(true);
			assertThat((String) user.get("password_hash")).startsWith("{bcrypt}");
			assertThat(this.passwords.matches("demo-password-2026", (String) user.get("password_hash"))).isTrue();
			assertThat(this.passwords.matches("wrong-password-2026", (String) user.get("password_hash"))).isFalse();
		});
		// A floor, not a count: the demo password must pass the password policy's minimum length.
		assertThat(DemoDataGenerator.demoPassword()).isEqualTo("demo-password-2026").hasSizeGreaterThanOrEqualTo(12);
		assertThat(count(jdbc, "SELECT count(*) FROM app_user_territory ut JOIN app_user u ON u.id = ut.user_id"
				+ " JOIN territory_prefecture tp ON tp.territory_id = ut.territory_id"
				+ " WHERE u.username = 'mr01' AND tp.prefecture_code = 13"))
			.isEqualTo(1);
		assertThat(count(jdbc, "SELECT count(*) FROM app_user_territory ut JOIN app_user u ON u.id = ut.user_id"
				+ " WHERE u.username = 'manager'"))
			.isEqualTo(3);
		assertThat(jdbc.queryForObject("SELECT department_code FROM app_user WHERE username = 'callcenter'",
				String.class))
			.isEqualTo("CALL_CENTER");
	}

	@Test
	void theGenerationIsAuditedAndASecondRunIsSkipped() {
		GenerationReport again = generator(this.first).generate(Scale.SMALL, 42);
		assertThat(again.skipped()).isTrue();
		assertThat(again.nothingCreated()).isTrue();
		assertThat(again.summary()).contains("skipped");
		JdbcTemplate jdbc = this.first.jdbc;
		assertThat(count(jdbc, "SELECT count(*) FROM hcp")).isEqualTo(2000);
		assertThat(count(jdbc, "SELECT count(*) FROM app_user")).isEqualTo(DemoUsers.USERS.size());
		List<Map<String, Object>> audit = jdbc.queryForList(
				"SELECT actor, entity_type, after_state ->> 'hcps' AS hcps, after_state ->> 'scale' AS scale"
						+ " FROM audit_event WHERE action = 'DEMO_DATA'");
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0)).containsEntry("actor", "system").containsEntry("hcps", "2000")
			.containsEntry("scale", "SMALL");
		// The identity sequences moved past the ids COPY wrote, so rows added later do not collide.
		assertThat(count(jdbc, "SELECT last_value FROM hco_id_seq")).isEqualTo(1050);
		assertThat(count(jdbc, "SELECT last_value FROM hcp_id_seq")).isEqualTo(2000);
	}

	private DemoDataGenerator generator(Schema schema) {
		return new DemoDataGenerator(schema.dataSource, new DataSourceTransactionManager(schema.dataSource),
				this.passwords, NOW);
	}

	private static long count(JdbcTemplate jdbc, String sql, Object... args) {
		Long count = jdbc.queryForObject(sql, Long.class, args);
		return (count != null) ? count : 0;
	}

	/** A schema of this run's database with the migrations applied; public stays on the path for pg_trgm. */
	private static final class Schema {

		final String name;

		final DriverManagerDataSource dataSource;

		final JdbcTemplate jdbc;

		private Schema(String name, DriverManagerDataSource dataSource) {
			this.name = name;
			this.dataSource = dataSource;
			this.jdbc = new JdbcTemplate(dataSource);
		}

		static Schema create() {
			TestDatabase db = TestDatabase.get();
			String name = "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
			String url = db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + name + ",public";
			// Migrated like production (as the owner role), then used by the superuser: this test is about the
			// generator, not about privileges.
			DriverManagerDataSource dataSource = new DriverManagerDataSource(url, db.adminUsername(), db.adminPassword());
			Flyway.configure()
				.dataSource(dataSource)
				.schemas(name)
				.locations("classpath:db/migration")
				.initSql("SET ROLE " + TestDatabase.OWNER)
				.placeholders(Map.of("crm_app", TestDatabase.APP))
				.load()
				.migrate();
			return new Schema(name, dataSource);
		}

		void drop() {
			this.jdbc.execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
		}

	}

}
