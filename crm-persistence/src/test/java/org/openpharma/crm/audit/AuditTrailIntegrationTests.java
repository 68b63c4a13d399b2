package org.openpharma.crm.audit;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PostgresTest
class AuditTrailIntegrationTests extends PostgresTestBase {

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate tx;

	@Test
	void auditRowsCannotBeUpdatedDeletedOrTruncated() {
		this.tx.executeWithoutResult(s -> this.audit.record("tester", "UPDATE", "TEST", 42L, Map.of("a", 1),
				Map.of("a", 2)));
		assertThatThrownBy(() -> this.jdbc.update("UPDATE audit_event SET actor = 'forger' WHERE entity_type = 'TEST'"))
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM audit_event WHERE entity_type = 'TEST'"))
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE audit_event")).isInstanceOf(DataAccessException.class);
		assertThat(this.audit.history("TEST", 42L, 10)).singleElement()
			.satisfies(e -> assertThat(e.actor()).isEqualTo("tester"));
	}

	@Test
	void actionsNameTheUserByDisplayNameAndKeepWhatWasRecordedForOthers() {
		long entity = System.nanoTime() % 1_000_000_000L;
		String username = "audit-name-" + entity;
		this.jdbc.update("INSERT INTO app_user (username, display_name, password_hash, department_code)"
				+ " VALUES (?, '監査 花子', 'x', 'SALES')", username);
		this.tx.executeWithoutResult(s -> {
			this.audit.record(username, "TRIAGE", "TEST_ACTIONS", entity, null, null);
			this.audit.record("api-import", "START", "TEST_ACTIONS", entity, null, null);
		});
		assertThat(this.audit.actions("TEST_ACTIONS", entity, 10)).extracting(AuditEntry::actor)
			.containsExactly("api-import", "監査 花子");
	}

	@Test
	void recordingOutsideATransactionIsRefused() {
		assertThatThrownBy(() -> this.audit.record("x", "Y", "TEST", 1L, null, null))
			.isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
	}

}
