package org.openpharma.crm.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12, item 6 (ADR 0017): the application's database role cannot rewrite history, neither directly nor by
 * setting the session flags the erasure once used; and the append-only triggers hold against the owner too.
 */
@PostgresTest
class DatabaseRolesIntegrationTests extends PostgresTestBase {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate tx;

	private long hcp;

	private long inquiry;

	@BeforeEach
	void someHistory() {
		UniqueNames.Name name = UniqueNames.next();
		this.hcp = this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana) VALUES (?, ?) RETURNING id",
				Long.class, name.kanji(), name.kana());
		long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '領域',"
				+ " 'Area') RETURNING id", Long.class, "RO" + Math.abs(name.romaji().hashCode()));
		long product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '製品', 'Product', ?) RETURNING id", Long.class, "RP" + Math.abs(name.romaji().hashCode()), area);
		this.jdbc.update("INSERT INTO stage_change (hcp_id, therapeutic_area_id, to_stage, reason, changed_by, changed_at)"
				+ " VALUES (?, ?, 'AWARE', 'first contact', 'test', now())", this.hcp, area);
		this.jdbc.update("INSERT INTO treatment_policy_note (hcp_id, therapeutic_area_id, note, author, created_at)"
				+ " VALUES (?, ?, 'prefers the older drug', 'test', now())", this.hcp, area);
		this.jdbc.update("INSERT INTO consent_record (hcp_id, channel, purpose, state, source, captured_by, captured_at,"
				+ " recorded_at) VALUES (?, 'EMAIL', 'PROMOTIONAL', 'WITHDRAWN', 'VERBAL', 'test', now(), now())", this.hcp);
		this.inquiry = this.jdbc.queryForObject("INSERT INTO medical_inquiry (hcp_id, subject, question, product_id,"
				+ " answer_channel, urgency, priority, status, received_at, received_by, received_via, due_at, updated_at)"
				+ " VALUES (?, 'Dosing', 'What dose for renal impairment?', ?, 'EMAIL', 'NORMAL', 'NORMAL', 'RECEIVED', now(),"
				+ " 'test', 'MEDICAL', now() + interval '5 days', now()) RETURNING id", Long.class, this.hcp, product);
		this.jdbc.update("INSERT INTO adverse_event_handoff (inquiry_id, suspect_product_id, description, seriousness,"
				+ " reporter, age_band, sex, created_at, due_at) VALUES (?, ?, 'rash', 'NON_SERIOUS', 'Dr', 'FORTIES',"
				+ " 'FEMALE', now(), now() + interval '15 days')", this.inquiry, product);
		this.jdbc.update("INSERT INTO inquiry_event (inquiry_id, occurred_at, actor, action, detail)"
				+ " VALUES (?, now(), 'test', 'RECEIVED', 'by e-mail')", this.inquiry);
		this.jdbc.update("INSERT INTO audit_event (actor, action, entity_type, entity_id, after_state)"
				+ " VALUES ('test', 'TEST', 'HCP', ?, '{\"note\": \"original\"}')", this.hcp);
	}

	@Test
	void theApplicationConnectsAsItsOwnRoleWhichOwnsNothing() {
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(TestDatabase.APP);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
				+ " WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = current_user", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles"
				+ " WHERE rolname = current_user", Boolean.class)).isFalse();
	}

	@Test
	void theApplicationsRoleCannotRewriteHistory() {
		List<String> refused = List.of("ALTER TABLE audit_event DISABLE TRIGGER ALL",
				"UPDATE audit_event SET actor = 'forger' WHERE entity_id = " + this.hcp,
				"DELETE FROM audit_event WHERE entity_id = " + this.hcp,
				"TRUNCATE audit_event",
				"UPDATE consent_record SET state = 'GRANTED' WHERE hcp_id = " + this.hcp,
				"DELETE FROM consent_record WHERE hcp_id = " + this.hcp,
				"TRUNCATE consent_record",
				"DELETE FROM adverse_event_handoff WHERE inquiry_id = " + this.inquiry,
				"UPDATE adverse_event_handoff SET description = 'nothing' WHERE inquiry_id = " + this.inquiry,
				"TRUNCATE adverse_event_handoff CASCADE",
				"UPDATE medical_inquiry SET question = 'something else' WHERE id = " + this.inquiry,
				"UPDATE medical_inquiry SET subject = 'Other' WHERE id = " + this.inquiry,
				"UPDATE medical_inquiry SET received_channel = 'EMAIL' WHERE id = " + this.inquiry,
				"DELETE FROM medical_inquiry WHERE id = " + this.inquiry,
				"TRUNCATE medical_inquiry CASCADE",
				"CREATE TABLE sneaky (id integer)",
				"CREATE FUNCTION sneaky() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
				"DROP TABLE stage_change",
				// The erasure's internal steps run with the owner's rights only inside the module functions.
				"SELECT crm_redact_audit('HCP', ARRAY[" + this.hcp + "]::bigint[])",
				"SELECT crm_begin_erasure(" + this.hcp + ")",
				"SET ROLE crm_owner");
		for (String sql : refused) {
			assertThatThrownBy(() -> this.jdbc.execute(sql)).as(sql).isInstanceOf(Exception.class);
		}
		// Whatever the session flags say, old or new (the erasure's marker is only trusted inside its function).
		for (String flag : List.of("SET LOCAL crm.erasure = 'on'", "SET LOCAL crm.erasing_hcp = '" + this.hcp + "'")) {
			for (String sql : List.of("UPDATE stage_change SET reason = 'rewritten' WHERE hcp_id = " + this.hcp,
					"DELETE FROM stage_change WHERE hcp_id = " + this.hcp,
					"TRUNCATE stage_change",
					"UPDATE treatment_policy_note SET note = 'rewritten' WHERE hcp_id = " + this.hcp,
					"DELETE FROM treatment_policy_note WHERE hcp_id = " + this.hcp,
					"UPDATE inquiry_event SET detail = 'rewritten' WHERE inquiry_id = " + this.inquiry,
					"DELETE FROM inquiry_event WHERE inquiry_id = " + this.inquiry,
					"UPDATE audit_event SET after_state = '{}' WHERE entity_id = " + this.hcp,
					"UPDATE medical_inquiry SET question = 'rewritten' WHERE id = " + this.inquiry)) {
				assertThatThrownBy(() -> this.tx.executeWithoutResult(s -> {
					this.jdbc.execute(flag);
					this.jdbc.execute(sql);
				})).as(flag + "; " + sql).isInstanceOf(Exception.class);
			}
		}
		assertThat(this.jdbc.queryForObject("SELECT reason FROM stage_change WHERE hcp_id = ?", String.class, this.hcp))
			.isEqualTo("first contact");
		assertThat(this.jdbc.queryForObject("SELECT state FROM consent_record WHERE hcp_id = ?", String.class, this.hcp))
			.isEqualTo("WITHDRAWN");
		assertThat(this.jdbc.queryForObject("SELECT question FROM medical_inquiry WHERE id = ?", String.class, this.inquiry))
			.isEqualTo("What dose for renal impairment?");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE entity_id = ? AND action = 'TEST'"
				+ " AND after_state ->> 'note' = 'original'", Long.class, this.hcp)).isOne();
	}

	@Test
	void whatTheApplicationDoesStillWorks() {
		this.jdbc.update("UPDATE adverse_event_handoff SET acknowledged_at = now(), acknowledged_by = 'pv',"
				+ " pv_reference = 'PV-1' WHERE inquiry_id = ?", this.inquiry);
		assertThatThrownBy(() -> this.jdbc.update("UPDATE adverse_event_handoff SET pv_reference = 'PV-2'"
				+ " WHERE inquiry_id = ?", this.inquiry)).rootCause().hasMessageContaining("append-only");
		this.jdbc.update("UPDATE medical_inquiry SET status = 'TRIAGED', category = 'DOSING' WHERE id = ?", this.inquiry);
		long other = this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana) VALUES ('合併先', 'ガッペイサキ')"
				+ " RETURNING id", Long.class);
		// A merge re-points history to the survivor (and changes nothing else).
		assertThat(this.jdbc.update("UPDATE stage_change SET hcp_id = ? WHERE hcp_id = ?", other, this.hcp)).isOne();
		assertThat(this.jdbc.update("UPDATE treatment_policy_note SET hcp_id = ? WHERE hcp_id = ?", other, this.hcp)).isOne();
	}

	@Test
	void tablesAddedLaterGetTheApplicationsRightsAndTheGrantsAreReappliedOnEveryMigration() throws SQLException {
		TestDatabase db = TestDatabase.get();
		try (Connection owner = db.connectAsAdmin(); Statement statement = owner.createStatement()) {
			statement.execute("SET ROLE " + TestDatabase.OWNER);
			statement.execute("CREATE TABLE added_by_another_branch (id integer)");
		}
		try {
			assertThat(this.jdbc.queryForObject("SELECT has_table_privilege('added_by_another_branch', 'SELECT, INSERT,"
					+ " UPDATE, DELETE')", Boolean.class)).isTrue();
			assertThat(this.jdbc.queryForObject("SELECT has_table_privilege('added_by_another_branch', 'TRUNCATE')"
					+ " OR has_table_privilege('added_by_another_branch', 'TRIGGER')", Boolean.class)).isFalse();
			JdbcTemplate admin = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(db.url(),
					db.adminUsername(), db.adminPassword()));
			int before = admin.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE script = 'R__grants.sql'",
					Integer.class);
			org.flywaydb.core.Flyway.configure()
				.dataSource(db.url(), db.adminUsername(), db.adminPassword())
				.initSql("SET ROLE " + TestDatabase.OWNER)
				.placeholders(java.util.Map.of("crm_app", TestDatabase.APP))
				.load()
				.migrate();
			assertThat(admin.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE script = 'R__grants.sql'",
					Integer.class)).isEqualTo(before + 1);
			assertThat(this.jdbc.queryForObject("SELECT has_table_privilege('audit_event', 'UPDATE')"
					+ " OR has_table_privilege('audit_event', 'DELETE')", Boolean.class)).isFalse();
		}
		finally {
			try (Connection owner = db.connectAsAdmin(); Statement statement = owner.createStatement()) {
				statement.execute("DROP TABLE added_by_another_branch");
			}
		}
	}

	@Test
	void theTriggersHoldAgainstTheOwnerOutsideTheErasureFunction() throws SQLException {
		for (String sql : List.of("UPDATE audit_event SET after_state = '{}' WHERE entity_id = " + this.hcp,
				"UPDATE stage_change SET reason = NULL WHERE hcp_id = " + this.hcp,
				"DELETE FROM treatment_policy_note WHERE hcp_id = " + this.hcp,
				"DELETE FROM adverse_event_handoff WHERE inquiry_id = " + this.inquiry,
				"UPDATE medical_inquiry SET question = 'x' WHERE id = " + this.inquiry)) {
			try (Connection owner = TestDatabase.get().connectAsAdmin(); Statement statement = owner.createStatement()) {
				owner.setAutoCommit(false);
				statement.execute("SET ROLE " + TestDatabase.OWNER);
				statement.execute("SELECT set_config('crm.erasing_hcp', '" + this.hcp + "', true)");
				if (sql.startsWith("UPDATE audit_event") || sql.contains("medical_inquiry")
						|| sql.contains("adverse_event_handoff")) {
					statement.execute("SELECT set_config('crm.erasing_hcp', '', true)");
				}
				else {
					// Even as the owner with the marker: only for another HCP than the row's.
					statement.execute("SELECT set_config('crm.erasing_hcp', '-1', true)");
				}
				assertThatThrownBy(() -> statement.execute(sql)).as(sql).hasMessageContaining("not allowed");
				owner.rollback();
			}
		}
	}

}
