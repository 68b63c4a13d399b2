package org.openpharma.crm.action;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.action.StagePolicies.AreaPolicy;
import org.openpharma.crm.action.StagePolicies.PolicyVersion;
import org.openpharma.crm.audit.AuditEntry;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Stage policies against PostgreSQL, on this test's own therapeutic area and user: the defaults until a save, every
 * save a new version with who, when and why (audited), the newest current; a stale or invalid save refused with
 * nothing written; versions the database will not let anyone change.
 */
@PostgresTest
class StagePoliciesIntegrationTests extends PostgresTestBase {

	static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));

	@TestBean
	java.time.Clock clock;

	static java.time.Clock clock() {
		return CLOCK;
	}

	@Autowired
	StagePolicies policies;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	long area;

	String marketer;

	@BeforeEach
	void anAreaAndAMarketer() {
		String n = UniqueNames.next().romaji().toUpperCase();
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '方針領域',"
				+ " 'Policy area') RETURNING id", Long.class, "SP" + n);
		this.marketer = "mkt-" + n.toLowerCase();
		this.jdbc.update("INSERT INTO app_user (username, display_name, password_hash, department_code)"
				+ " VALUES (?, '方針 花子', 'x', 'MARKETING')", this.marketer);
	}

	@Test
	void anAreaWithoutAPolicyRunsOnTheDefaults() {
		PolicyVersion current = this.policies.current(this.area);

		assertThat(current.isDefaults()).isTrue();
		assertThat(current.version()).isZero();
		assertThat(current.policy()).isEqualTo(StagePolicy.defaults(this.area));
		assertThat(current.savedBy()).isNull();
		assertThat(current.savedAt()).isNull();
		assertThat(this.policies.history(this.area)).isEmpty();
		assertThat(this.policies.areas()).filteredOn(a -> a.therapeuticAreaId() == this.area)
			.extracting(AreaPolicy::version, AreaPolicy::savedByName, AreaPolicy::savedAt)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(0L, null, null));
	}

	@Test
	void everySaveAppendsAVersionAndTheNewestIsCurrent() {
		StagePolicy edited = edited(this.area);
		PolicyVersion first = this.policies.save(this.area, 0, edited, "年末年始の休止期間を追加", this.marketer);
		CLOCK.advance(Duration.ofHours(2));
		StagePolicy again = withCap(first.policy(), ConsentChannel.VISIT, new FatigueCap(2, 14));
		PolicyVersion second = this.policies.save(this.area, 1, again, null, this.marketer);

		assertThat(first.version()).isEqualTo(1);
		assertThat(first.isDefaults()).isFalse();
		assertThat(first.policy().rules()).isEqualTo(edited.rules());
		assertThat(first.policy().caps()).isEqualTo(edited.caps());
		assertThat(first.policy().minDaysBetweenPush()).isEqualTo(5);
		assertThat(first.savedBy()).isEqualTo(this.marketer);
		assertThat(first.savedByName()).isEqualTo("方針 花子");
		assertThat(first.savedAt()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
		assertThat(first.note()).isEqualTo("年末年始の休止期間を追加");
		assertThat(second.version()).isEqualTo(2);
		assertThat(second.note()).isNull();
		PolicyVersion current = this.policies.current(this.area);
		assertThat(current).isEqualTo(second);
		assertThat(current.policy().capFor(ConsentChannel.VISIT)).contains(new FatigueCap(2, 14));
		assertThat(current.policy().capFor(ConsentChannel.PHONE)).isEmpty();
		assertThat(current.policy().ruleFor(AdoptionStage.INTERESTED).actions())
			.containsExactly(ActionKind.VISIT, ActionKind.REMOTE_DETAIL);
		assertThat(current.policy().inQuietPeriod(LocalDate.of(2027, 1, 2))).isTrue();
		assertThat(current.policy().quietPeriodOn(LocalDate.of(2027, 5, 3)).map(QuietPeriod::label))
			.contains("ゴールデンウィーク");
		assertThat(this.policies.history(this.area)).extracting(PolicyVersion::version).containsExactly(2L, 1L);
		assertThat(this.policies.version(this.area, 1)).contains(first);
		assertThat(this.policies.areas()).filteredOn(a -> a.therapeuticAreaId() == this.area)
			.extracting(AreaPolicy::version, AreaPolicy::savedByName, AreaPolicy::savedAt)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "方針 花子", Instant.parse("2026-12-01T03:00:00Z")));
		// Quiet periods are kept in the order of their first day, whatever the order they were entered in.
		assertThat(first.policy().quietPeriods()).extracting(QuietPeriod::label).containsExactly("年末年始", "ゴールデンウィーク");
		// Audited: the state before (the defaults, then version 1) and after, with the note.
		List<AuditEntry> trail = this.audit.history("STAGE_POLICY", this.area, 10);
		assertThat(trail).extracting(AuditEntry::action).containsExactly("SAVE", "SAVE");
		assertThat(trail.get(1).before()).containsEntry("version", 0);
		assertThat(trail.get(1).after()).containsEntry("version", 1).containsEntry("note", "年末年始の休止期間を追加");
		assertThat(trail.get(0).before()).containsEntry("version", 1);
		assertThat(trail.get(0).after()).containsEntry("version", 2);
	}

	@Test
	void aSaveFromAnOlderVersionIsRefusedAndWritesNothing() {
		this.policies.save(this.area, 0, edited(this.area), null, this.marketer);

		assertThatThrownBy(() -> this.policies.save(this.area, 0, StagePolicy.defaults(this.area), "古い画面から", "other"))
			.isInstanceOfSatisfying(StaleVersionException.class, ex -> {
				assertThat(ex.getSubmittedVersion()).isZero();
				assertThat(ex.getCurrentVersion()).isEqualTo(1);
			});
		assertThat(this.policies.history(this.area)).hasSize(1);
		assertThat(this.audit.history("STAGE_POLICY", this.area, 10)).hasSize(1);
	}

	@Test
	void ofTwoSavesFromTheSameVersionAtOnceTheSecondIsStale() throws Exception {
		TransactionTemplate tx = new TransactionTemplate(this.transactionManager);
		java.util.concurrent.CountDownLatch firstWritten = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch commitFirst = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			java.util.concurrent.Future<?> first = pool.submit(() -> tx.executeWithoutResult(status -> {
				this.policies.save(this.area, 0, edited(this.area), "先", this.marketer);
				firstWritten.countDown();
				try {
					// Commit only once the second save waits for this version number.
					commitFirst.await(20, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(firstWritten.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			java.util.concurrent.Future<Throwable> second = pool.submit(() -> {
				try {
					this.policies.save(this.area, 0, StagePolicy.defaults(this.area), "後", this.marketer);
					return null;
				}
				catch (RuntimeException ex) {
					return ex;
				}
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> this.jdbc.queryForObject("SELECT count(*) FROM"
					+ " pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO stage_policy %'",
					Long.class) > 0);
			commitFirst.countDown();
			first.get(20, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(second.get(20, java.util.concurrent.TimeUnit.SECONDS))
				.isInstanceOfSatisfying(StaleVersionException.class, ex -> assertThat(ex.getCurrentVersion()).isEqualTo(1));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.policies.history(this.area)).extracting(PolicyVersion::note).containsExactly("先");
	}

	@Test
	void anInvalidPolicyIsRefusedFieldByFieldAndWritesNothing() {
		StagePolicy bad = withCap(edited(this.area), ConsentChannel.EMAIL, new FatigueCap(0, 30));
		Map<AdoptionStage, StageRule> rules = new EnumMap<>(bad.rules());
		rules.put(AdoptionStage.INTERESTED, new StageRule(Approach.PUSH, List.of(ActionKind.WEB_CONTENT), "理由"));
		StagePolicy worse = new StagePolicy(this.area, 0, rules, bad.caps(), bad.quietPeriods(), 7);

		assertThatThrownBy(() -> this.policies.save(this.area, 0, worse, "あ".repeat(501), this.marketer))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.getViolations())
				.extracting(FieldViolation::field)
				.containsExactly("rules[INTERESTED].actions", "caps[EMAIL].max", "note"));
		assertThat(this.policies.history(this.area)).isEmpty();
		assertThat(this.policies.current(this.area).isDefaults()).isTrue();
	}

	@Test
	void anUnknownAreaIsNotFound() {
		assertThatThrownBy(() -> this.policies.current(-1)).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> this.policies.save(-1, 0, StagePolicy.defaults(-1), null, this.marketer))
			.isInstanceOf(NotFoundException.class);
	}

	@Test
	void savedVersionsCannotBeChangedOrRemoved() {
		this.policies.save(this.area, 0, edited(this.area), null, this.marketer);
		long id = this.jdbc.queryForObject("SELECT id FROM stage_policy WHERE therapeutic_area_id = ?", Long.class,
				this.area);
		for (String sql : List.of("UPDATE stage_policy SET note = 'rewritten' WHERE id = " + id,
				"DELETE FROM stage_policy WHERE id = " + id,
				"UPDATE stage_policy_rule SET rationale = 'rewritten' WHERE policy_id = " + id,
				"DELETE FROM stage_policy_rule WHERE policy_id = " + id,
				"UPDATE stage_policy_cap SET max_contacts = 50 WHERE policy_id = " + id,
				"DELETE FROM stage_policy_quiet_period WHERE policy_id = " + id,
				"TRUNCATE stage_policy_cap")) {
			assertThatThrownBy(() -> this.jdbc.execute(sql)).as(sql).isInstanceOf(Exception.class);
		}
		StagePolicy kept = this.policies.current(this.area).policy();
		assertThat(kept.version()).isEqualTo(1);
		assertThat(kept.rules()).isEqualTo(edited(this.area).rules());
		assertThat(kept.quietPeriods()).hasSize(2);
	}

	/** The defaults with two quiet periods (entered out of order), a visit-first INTERESTED rule and no phone cap. */
	static StagePolicy edited(long area) {
		StagePolicy defaults = StagePolicy.defaults(area);
		Map<AdoptionStage, StageRule> rules = new EnumMap<>(defaults.rules());
		rules.put(AdoptionStage.INTERESTED, new StageRule(Approach.PUSH,
				List.of(ActionKind.VISIT, ActionKind.REMOTE_DETAIL), "関心が高まった段階のため、MRの訪問で詳しくご説明します。"));
		Map<ConsentChannel, FatigueCap> caps = new EnumMap<>(defaults.caps());
		caps.remove(ConsentChannel.PHONE);
		return new StagePolicy(area, 0, rules, caps,
				List.of(new QuietPeriod(LocalDate.of(2027, 4, 29), LocalDate.of(2027, 5, 5), "ゴールデンウィーク"),
						new QuietPeriod(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 4), "年末年始")),
				5);
	}

	static StagePolicy withCap(StagePolicy policy, ConsentChannel channel, FatigueCap cap) {
		Map<ConsentChannel, FatigueCap> caps = new EnumMap<>(policy.caps());
		caps.put(channel, cap);
		return new StagePolicy(policy.therapeuticAreaId(), policy.version(), policy.rules(), caps, policy.quietPeriods(),
				policy.minDaysBetweenPush());
	}

}
