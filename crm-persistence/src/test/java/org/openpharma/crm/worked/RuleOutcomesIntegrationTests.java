package org.openpharma.crm.worked;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.action.ActionKind;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.WorkScope;
import org.openpharma.crm.worked.RuleOutcomes.Group;
import org.openpharma.crm.worked.RuleOutcomes.ReasonCount;
import org.openpharma.crm.worked.RuleOutcomes.Report;
import org.openpharma.crm.worked.RuleOutcomes.Rule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stage policy rules' figures against PostgreSQL: accepted against dismissed per rule, each HCP once per group,
 * a stage move counted only forward and only within the 90 days after the decision, a window not yet ended counted
 * apart, the latest patient report of a month, the top dismissal reasons, decisions kept before the policy reason
 * existed, and a territorial manager's HCPs only.
 */
@PostgresTest
class RuleOutcomesIntegrationTests extends PostgresTestBase {

	static final WorkScope NATIONAL = new WorkScope(true, Set.of(), "MARKETING");

	@Autowired
	RuleOutcomes outcomes;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	long otherArea;

	Instant now;

	LocalDate today;

	long hco31;

	long hco13;

	@BeforeEach
	void anArea() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '検証領域',"
				+ " 'Check') RETURNING id", Long.class, "WW" + n);
		this.otherArea = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '他領域',"
				+ " 'Other') RETURNING id", Long.class, "WX" + n);
		this.hco31 = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('鳥取病院', 'トットリビョウイン', 'HOSPITAL', 31) RETURNING id", Long.class);
		this.hco13 = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('東京病院', 'トウキョウビョウイン', 'HOSPITAL', 13) RETURNING id", Long.class);
		this.now = this.clock.instant();
		this.today = LocalDate.ofInstant(this.now, Japan.ZONE);
	}

	@Test
	void acceptedAgainstDismissedWithTheNinetyDaysAfterAndOpenWindowsApart() {
		long h1 = hcp(this.hco31);
		long h2 = hcp(this.hco13);
		long h3 = hcp(this.hco13);
		long h4 = hcp(this.hco13);
		long h5 = hcp(this.hco13);
		// Accepted: h1 moves forward 30 days after; its second decision counts it no second time. h2 moves too late.
		Instant d1 = decide(h1, this.area, "INTERESTED", "VISIT", 1, "ACCEPTED", null, 120);
		decide(h1, this.area, "INTERESTED", "VISIT", 1, "ACCEPTED", null, 100);
		Instant d2 = decide(h2, this.area, "INTERESTED", "VISIT", 1, "ACCEPTED", null, 110);
		move(h1, this.area, "INTERESTED", "TRIAL", d1.plus(30, ChronoUnit.DAYS));
		move(h2, this.area, "INTERESTED", "TRIAL", d2.plus(100, ChronoUnit.DAYS));
		// Dismissed: h3 moves back, h4 forward; h5's window is still open (and its move is not counted).
		Instant d3 = decide(h3, this.area, "INTERESTED", "VISIT", 1, "DISMISSED", "来月まで訪問不可", 115);
		Instant d4 = decide(h4, this.area, "INTERESTED", "VISIT", 1, "DISMISSED", "来月まで訪問不可", 100);
		Instant d5 = decide(h5, this.area, "INTERESTED", "VISIT", 1, "DISMISSED", "資料説明済み", 20);
		move(h3, this.area, "INTERESTED", "AWARE", d3.plus(10, ChronoUnit.DAYS));
		move(h4, this.area, "INTERESTED", "TRIAL", d4.plus(10, ChronoUnit.DAYS));
		move(h5, this.area, "INTERESTED", "TRIAL", d5.plus(5, ChronoUnit.DAYS));
		// The month before h1's first decision: a correction replaces the first report; the month after: 7; another
		// area's and a later month's reports do not count.
		LocalDate month = LocalDate.ofInstant(d1, Japan.ZONE).withDayOfMonth(1);
		report(h1, this.area, month.minusMonths(1), 5, d1.minus(20, ChronoUnit.DAYS));
		report(h1, this.area, month.minusMonths(1), 3, d1.minus(10, ChronoUnit.DAYS));
		report(h1, this.area, month, 100, d1);
		report(h1, this.area, month.plusMonths(1), 7, d1.plus(40, ChronoUnit.DAYS));
		report(h1, this.area, month.plusMonths(4), 50, d1.plus(40, ChronoUnit.DAYS));
		report(h1, this.otherArea, month.plusMonths(1), 9, d1.plus(40, ChronoUnit.DAYS));
		// Not counted: another area, before the period.
		decide(h2, this.otherArea, "INTERESTED", "VISIT", 1, "ACCEPTED", null, 100);
		decide(h3, this.area, "INTERESTED", "VISIT", 1, "ACCEPTED", null, 200);

		Report report = this.outcomes.report(this.area, Period.of(null, null, this.today), NATIONAL);

		assertThat(report.windowDays()).isEqualTo(90);
		assertThat(report.period().from()).isEqualTo(this.today.minusDays(179));
		assertThat(report.rules()).extracting(Rule::key).containsExactly("INTERESTED-VISIT");
		Rule visit = report.rules().get(0);
		assertThat(visit.stage()).isEqualTo(AdoptionStage.INTERESTED);
		assertThat(visit.kind()).isEqualTo(ActionKind.VISIT);
		assertThat(visit.policyVersions()).containsExactly(1L);
		assertThat(visit.approaches()).containsExactly("PUSH");
		assertThat(visit.accepted()).isEqualTo(new Group(3, 2, 0, 2, 1, 1, 3, 7));
		assertThat(visit.accepted().movedForwardPercent()).isEqualTo(50);
		assertThat(visit.dismissed()).isEqualTo(new Group(3, 3, 1, 2, 1, 0, 0, 0));
		assertThat(visit.topReasons()).containsExactly(new ReasonCount("来月まで訪問不可", 2),
				new ReasonCount("資料説明済み", 1));
		assertThat(visit.otherReasons()).isZero();
		assertThat(report.decisions()).isEqualTo(6);
		assertThat(report.open()).isEqualTo(1);
	}

	@Test
	void rulesInLadderOrderDecisionsWithoutThePolicyReasonAndTopReasons() {
		long h = hcp(this.hco13);
		for (String reason : new String[] { "A", "A", "A", "B", "B", "C", "D", "E" }) {
			decide(h, this.area, "TRIAL", "APPROVED_EMAIL", 2, "DISMISSED", reason, 10);
		}
		// Kept before the policy reason existed: the stage reason names the stage, the version is the defaults.
		this.jdbc.update("INSERT INTO next_action_decision (hcp_id, therapeutic_area_id, kind, due_on, department, score,"
				+ " reasons, policy_version, decision, reason, decided_by, decided_at) VALUES (?, ?, 'WEBINAR_INVITATION', ?,"
				+ " 'MARKETING', 100, '[{\"code\": \"stage\", \"args\": [\"AWARE\", \"2026-01-01\", \"3\"]}]'::jsonb, 0,"
				+ " 'DISMISSED', '不要', 'test', ?)", h, this.area, Date.valueOf(this.today),
				Timestamp.from(this.now.minus(5, ChronoUnit.DAYS)));

		Report report = this.outcomes.report(this.area, Period.of(this.today.minusDays(30), this.today, this.today),
				NATIONAL);

		assertThat(report.rules()).extracting(Rule::key).containsExactly("AWARE-WEBINAR_INVITATION", "TRIAL-APPROVED_EMAIL");
		assertThat(report.rules().get(0).policyVersions()).containsExactly(0L);
		assertThat(report.rules().get(0).approaches()).isEmpty();
		Rule email = report.rules().get(1);
		assertThat(email.accepted().isEmpty()).isTrue();
		assertThat(email.dismissed().decisions()).isEqualTo(8);
		assertThat(email.dismissed().hcps()).isEqualTo(1);
		assertThat(email.dismissed().open()).isEqualTo(1);
		assertThat(email.dismissed().movedForwardPercent()).isNull();
		assertThat(email.topReasons()).containsExactly(new ReasonCount("A", 3), new ReasonCount("B", 2),
				new ReasonCount("C", 1));
		assertThat(email.otherReasons()).isEqualTo(2);
	}

	@Test
	void aTerritorialManagerCountsTheHcpsOfTheirPrefecturesOnly() {
		long tottori = hcp(this.hco31);
		long tokyo = hcp(this.hco13);
		decide(tottori, this.area, "ADOPTER", "WEB_CONTENT", 2, "ACCEPTED", null, 50);
		decide(tokyo, this.area, "ADOPTER", "WEB_CONTENT", 2, "ACCEPTED", null, 50);

		Period period = Period.of(null, null, this.today);
		assertThat(this.outcomes.report(this.area, period, new WorkScope(false, Set.of(31), "MANAGEMENT"))
			.rules()
			.get(0)
			.accepted()
			.hcps()).isEqualTo(1);
		assertThat(this.outcomes.report(this.area, period, NATIONAL).rules().get(0).accepted().hcps()).isEqualTo(2);
		assertThat(this.outcomes.report(this.area, period, new WorkScope(false, Set.of(1), "MANAGEMENT")).rules())
			.isEmpty();
	}

	@Test
	void aPeriodEndingInTheFutureOrBackwardsOrTooLongIsRefusedByField() {
		assertThatThrownBy(() -> Period.of(this.today, this.today.plusDays(1), this.today))
			.isInstanceOf(ValidationException.class)
			.satisfies(ex -> assertThat(((ValidationException) ex).getViolations())
				.extracting(v -> v.field() + ":" + v.code())
				.containsExactly("to:worked.period.future"));
		assertThatThrownBy(() -> Period.of(this.today, this.today.minusDays(1), this.today))
			.satisfies(ex -> assertThat(((ValidationException) ex).getViolations())
				.extracting(v -> v.field() + ":" + v.code())
				.containsExactly("from:worked.period.order"));
		assertThatThrownBy(() -> Period.of(this.today.minusYears(3), this.today, this.today))
			.satisfies(ex -> assertThat(((ValidationException) ex).getViolations())
				.extracting(v -> v.field() + ":" + v.code())
				.containsExactly("from:worked.period.tooLong"));
		assertThat(Period.of(this.today.minusDays(10), null, this.today)).isEqualTo(new Period(this.today.minusDays(10),
				this.today));
	}

	private long hcp(long hco) {
		return this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana, primary_hco_id) VALUES ('検証 太郎',"
				+ " 'ケンショウ タロウ', ?) RETURNING id", Long.class, hco);
	}

	/** A decision {@code daysAgo} days ago on a suggestion made by the stage's rule of the policy version. */
	private Instant decide(long hcp, long area, String stage, String kind, long version, String decision, String reason,
			int daysAgo) {
		Instant at = this.now.minus(daysAgo, ChronoUnit.DAYS);
		String approach = kind.equals("VISIT") || kind.equals("APPROVED_EMAIL") ? "PUSH" : "PULL";
		String reasons = "[{\"code\": \"stage\", \"args\": [\"" + stage + "\", \"2026-01-01\", \"30\"]},"
				+ " {\"code\": \"policy\", \"args\": [\"" + stage + "\", \"" + approach + "\", \"" + version + "\", \"理由\"]},"
				+ " {\"code\": \"rank\", \"args\": [\"1\", \"" + kind + "\"]}]";
		this.jdbc.update("INSERT INTO next_action_decision (hcp_id, therapeutic_area_id, kind, due_on, department, score,"
				+ " reasons, policy_version, decision, reason, result_type, decided_by, decided_at)"
				+ " VALUES (?, ?, ?, ?, 'SALES', 100, ?::jsonb, ?, ?, ?, ?, 'test', ?)", hcp, area, kind,
				Date.valueOf(LocalDate.ofInstant(at, Japan.ZONE)), reasons, version, decision, reason,
				decision.equals("ACCEPTED") ? "PLANNED_CALL" : null, Timestamp.from(at));
		return at;
	}

	private void move(long hcp, long area, String from, String to, Instant at) {
		this.jdbc.update("INSERT INTO stage_change (hcp_id, therapeutic_area_id, from_stage, to_stage, changed_by,"
				+ " changed_at) VALUES (?, ?, ?, ?, 'test', ?)", hcp, area, from, to, Timestamp.from(at));
	}

	private void report(long hcp, long area, LocalDate period, int treated, Instant at) {
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, period, eligible_patients,"
				+ " treated_patients, reported_by, reported_at) VALUES (?, ?, ?, 200, ?, 'test', ?)", hcp, area,
				Date.valueOf(period), treated, Timestamp.from(at));
	}

}
