package org.openpharma.crm.worked;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.openpharma.crm.action.ActionKind;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.WorkScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stage policy rules' part of the "what worked" check (docs/adr/0036): for one therapeutic area and a period, per
 * rule (the adoption stage the suggestion was made for × the kind of action suggested) how many suggestions were
 * accepted and dismissed, the dismissal reasons most given, and what followed for each group's HCPs in the
 * {@value #WINDOW_DAYS} days after their decision: a move forward on the adoption ladder in that area, and the treated
 * patients they reported for the three months after the decision's month against the three months before it.
 * <p>
 * Everything is read from the decisions as they were kept (next_action_decision: the suggestion as shown, its reasons
 * with the stage, approach and policy version), so a rule changed since is still counted as it was. An HCP counts
 * once per rule and group, from their first decision in the period; one whose window has not ended yet is counted
 * apart ({@link Group#open()}) and left out of every outcome. These are associations with their counts: whom people
 * accepted a suggestion for is not a random choice, so nothing here shows that a suggestion caused a move.
 */
@Service
@Transactional(readOnly = true)
public class RuleOutcomes {

	/** The days after a decision in which a stage move or a patient report counts as "afterwards". */
	public static final int WINDOW_DAYS = 90;

	/** The dismissal reasons listed per rule; the rest are summed up. */
	public static final int TOP_REASONS = 3;

	private static final String STAGE_ORDER = "ARRAY['UNAWARE', 'AWARE', 'INTERESTED', 'TRIAL', 'ADOPTER', 'ADVOCATE']::varchar[]";

	/** The decisions of the area and period, with the stage and approach of the rule that made each suggestion. */
	private static final String DECISIONS = "WITH d AS (SELECT d.hcp_id, d.kind, d.decision, btrim(d.reason) AS reason,"
			+ " d.policy_version, d.decided_at, pr.args ->> 1 AS approach,"
			// The policy reason names the rule's stage (an HCP without a stage is run on the UNAWARE rule); rows
			// written before it was kept fall back to the stage reason.
			+ " coalesce(pr.args ->> 0, sr.args ->> 0, CASE WHEN d.reasons @> '[{\"code\": \"stageUnknown\"}]'::jsonb"
			+ " THEN 'UNAWARE' END) AS stage"
			+ " FROM next_action_decision d"
			+ " LEFT JOIN LATERAL (SELECT r -> 'args' AS args FROM jsonb_array_elements(d.reasons) r"
			+ "   WHERE r ->> 'code' = 'policy' LIMIT 1) pr ON true"
			+ " LEFT JOIN LATERAL (SELECT r -> 'args' AS args FROM jsonb_array_elements(d.reasons) r"
			+ "   WHERE r ->> 'code' = 'stage' LIMIT 1) sr ON true"
			+ " WHERE d.therapeutic_area_id = ? AND d.decided_at >= ? AND d.decided_at < ? AND d.decided_at <= ?"
			+ " AND (? OR d.hcp_id IN (SELECT h.id FROM hcp h JOIN hco o ON o.id = h.primary_hco_id"
			+ "   WHERE o.prefecture_code = ANY (?))))";

	/** One side of a rule: the suggestions accepted, or those dismissed, and what followed for their HCPs. */
	public record Group(long decisions, long hcps, long open, long closed, long movedForward, long reportingAfter,
			long treatedBefore, long treatedAfter) {

		static final Group NONE = new Group(0, 0, 0, 0, 0, 0, 0, 0);

		/** The share of HCPs with an ended window who moved forward, in whole percent; null without any. */
		public Integer movedForwardPercent() {
			return percent(this.movedForward, this.closed);
		}

		/** The share of HCPs with an ended window who reported treated patients afterwards; null without any. */
		public Integer reportingAfterPercent() {
			return percent(this.reportingAfter, this.closed);
		}

		public boolean isEmpty() {
			return this.decisions == 0;
		}

		private static Integer percent(long part, long whole) {
			return (whole == 0) ? null : (int) Math.round(100.0 * part / whole);
		}

	}

	/** A dismissal reason as given, and how often. */
	public record ReasonCount(String reason, long count) {
	}

	/**
	 * One stage policy rule as it was applied: the stage ({@code null} when the decision does not say) and the kind of
	 * action suggested, the approaches and policy versions the suggestions were made under (version 0: the defaults),
	 * both groups, the most given dismissal reasons and how many dismissals gave another.
	 */
	public record Rule(AdoptionStage stage, ActionKind kind, List<String> approaches, List<Long> policyVersions,
			Group accepted, Group dismissed, List<ReasonCount> topReasons, long otherReasons) {

		/** Accepted, then dismissed: the rows of the page's table. */
		public List<Group> groups() {
			return List.of(this.accepted, this.dismissed);
		}

		/** The anchor and test id of the rule: {@code INTERESTED-VISIT}. */
		public String key() {
			return ((this.stage != null) ? this.stage.name() : "UNKNOWN") + "-" + this.kind.name();
		}

	}

	/** The page's stage-policy section for one area and period: the rules in ladder order, and the moment it was read. */
	public record Report(long therapeuticAreaId, Period period, Instant asOf, int windowDays, List<Rule> rules) {

		public long decisions() {
			return this.rules.stream().mapToLong(r -> r.accepted().decisions() + r.dismissed().decisions()).sum();
		}

		/** HCP-and-rule pairs whose window has not ended, over both groups. */
		public long open() {
			return this.rules.stream().mapToLong(r -> r.accepted().open() + r.dismissed().open()).sum();
		}

	}

	private final JdbcTemplate jdbc;

	private final Clock clock;

	RuleOutcomes(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The rules' figures for the area and period, for the HCPs in the user's scope (a territorial manager's). */
	public Report report(long therapeuticAreaId, Period period, WorkScope scope) {
		Instant now = this.clock.instant();
		Object[] args = { therapeuticAreaId, Timestamp.from(period.start()), Timestamp.from(period.end()),
				Timestamp.from(now), scope.national(), scope.prefectures().toArray(Integer[]::new) };
		Map<String, Builder> rules = new LinkedHashMap<>();
		this.jdbc.query(DECISIONS + " SELECT stage, kind, decision, count(*), count(DISTINCT hcp_id),"
				+ " array_agg(DISTINCT policy_version ORDER BY policy_version),"
				+ " array_remove(array_agg(DISTINCT approach ORDER BY approach), NULL)"
				+ " FROM d GROUP BY stage, kind, decision", rs -> {
					String stage = rs.getString(1);
					String kind = rs.getString(2);
					Builder rule = rules.computeIfAbsent(key(stage, kind),
							k -> new Builder(stage(stage), ActionKind.valueOf(kind)));
					rule.versions.addAll(Arrays.asList(longs(rs.getArray(6))));
					rule.approaches.addAll(Arrays.asList(strings(rs.getArray(7))));
					rule.counts.put(rs.getString(3), new long[] { rs.getLong(4), rs.getLong(5) });
				}, args);
		this.jdbc.query(DECISIONS + " SELECT stage, kind, reason, count(*) FROM d WHERE decision = 'DISMISSED'"
				+ " GROUP BY stage, kind, reason ORDER BY count(*) DESC, reason", rs -> {
					Builder rule = rules.get(key(rs.getString(1), rs.getString(2)));
					if (rule.reasons.size() < TOP_REASONS) {
						rule.reasons.add(new ReasonCount(rs.getString(3), rs.getLong(4)));
					}
					else {
						rule.otherReasons += rs.getLong(4);
					}
				}, args);
		Object[] outcomeArgs = Arrays.copyOf(args, args.length + 5);
		outcomeArgs[args.length] = WINDOW_DAYS;
		outcomeArgs[args.length + 1] = Timestamp.from(now);
		outcomeArgs[args.length + 2] = therapeuticAreaId;
		outcomeArgs[args.length + 3] = WINDOW_DAYS;
		outcomeArgs[args.length + 4] = therapeuticAreaId;
		this.jdbc.query(DECISIONS
				// Each HCP once per rule and group: from their first decision in the period.
				+ ", firsts AS (SELECT DISTINCT ON (stage, kind, decision, hcp_id) stage, kind, decision, hcp_id, decided_at,"
				+ "   date_trunc('month', decided_at AT TIME ZONE 'Asia/Tokyo')::date AS month"
				+ "   FROM d ORDER BY stage, kind, decision, hcp_id, decided_at)"
				+ " SELECT f.stage, f.kind, f.decision, count(*) FILTER (WHERE NOT w.closed),"
				+ " count(*) FILTER (WHERE w.closed), count(*) FILTER (WHERE w.closed AND m.moved),"
				+ " count(*) FILTER (WHERE w.closed AND p.reports_after > 0),"
				+ " coalesce(sum(p.treated_before) FILTER (WHERE w.closed), 0),"
				+ " coalesce(sum(p.treated_after) FILTER (WHERE w.closed), 0)"
				+ " FROM firsts f"
				+ " CROSS JOIN LATERAL (SELECT f.decided_at + make_interval(days => ?) <= ? AS closed) w"
				// A move forward: any change of the area to a later stage within the window (no stage before counts
				// as UNAWARE, as the rules take it).
				+ " LEFT JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM stage_change c WHERE c.hcp_id = f.hcp_id"
				+ "   AND c.therapeutic_area_id = ? AND c.changed_at > f.decided_at"
				+ "   AND c.changed_at <= f.decided_at + make_interval(days => ?)"
				+ "   AND array_position(" + STAGE_ORDER + ", c.to_stage)"
				+ "     > array_position(" + STAGE_ORDER + ", coalesce(c.from_stage, 'UNAWARE'))) AS moved) m"
				+ "   ON w.closed"
				// Treated patients: an HCP's figure for a month (and product) is their latest report of it.
				+ " LEFT JOIN LATERAL (SELECT"
				+ "   coalesce(sum(l.treated) FILTER (WHERE l.period < f.month), 0) AS treated_before,"
				+ "   coalesce(sum(l.treated) FILTER (WHERE l.period > f.month), 0) AS treated_after,"
				+ "   count(l.treated) FILTER (WHERE l.period > f.month) AS reports_after"
				+ "   FROM (SELECT DISTINCT ON (c.period, coalesce(c.product_id, 0)) c.period, c.treated_patients AS treated"
				+ "     FROM patient_count c LEFT JOIN product pr ON pr.id = c.product_id"
				+ "     WHERE c.hcp_id = f.hcp_id AND coalesce(c.therapeutic_area_id, pr.therapeutic_area_id) = ?"
				+ "     AND c.period >= f.month - interval '3 months' AND c.period <= f.month + interval '3 months'"
				+ "     AND c.period <> f.month"
				+ "     ORDER BY c.period, coalesce(c.product_id, 0), c.reported_at DESC, c.id DESC) l) p ON w.closed"
				+ " GROUP BY f.stage, f.kind, f.decision", rs -> {
					Builder rule = rules.get(key(rs.getString(1), rs.getString(2)));
					rule.outcomes.put(rs.getString(3), new long[] { rs.getLong(4), rs.getLong(5), rs.getLong(6),
							rs.getLong(7), rs.getLong(8), rs.getLong(9) });
				}, outcomeArgs);
		List<Rule> result = rules.values()
			.stream()
			.map(Builder::build)
			.sorted(Comparator
				.comparing((Rule r) -> (r.stage() != null) ? r.stage().ordinal() : Integer.MAX_VALUE)
				.thenComparing(r -> r.kind().ordinal()))
			.toList();
		return new Report(therapeuticAreaId, period, now, WINDOW_DAYS, result);
	}

	private static String key(String stage, String kind) {
		return Objects.toString(stage, "") + ":" + kind;
	}

	private static AdoptionStage stage(String value) {
		if (value == null) {
			return null;
		}
		try {
			return AdoptionStage.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Long[] longs(Array array) throws SQLException {
		Object values = array.getArray();
		return Arrays.stream((Object[]) values).map(v -> ((Number) v).longValue()).toArray(Long[]::new);
	}

	private static String[] strings(Array array) throws SQLException {
		return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toArray(String[]::new);
	}

	private static final class Builder {

		final AdoptionStage stage;

		final ActionKind kind;

		final TreeSet<Long> versions = new TreeSet<>();

		final TreeSet<String> approaches = new TreeSet<>();

		final Map<String, long[]> counts = new LinkedHashMap<>();

		final Map<String, long[]> outcomes = new LinkedHashMap<>();

		final List<ReasonCount> reasons = new ArrayList<>();

		long otherReasons;

		Builder(AdoptionStage stage, ActionKind kind) {
			this.stage = stage;
			this.kind = kind;
		}

		Rule build() {
			return new Rule(this.stage, this.kind, List.copyOf(this.approaches), List.copyOf(this.versions),
					group("ACCEPTED"), group("DISMISSED"), List.copyOf(this.reasons), this.otherReasons);
		}

		private Group group(String decision) {
			long[] count = this.counts.get(decision);
			if (count == null) {
				return Group.NONE;
			}
			long[] o = this.outcomes.getOrDefault(decision, new long[6]);
			return new Group(count[0], count[1], o[0], o[1], o[2], o[3], o[4], o[5]);
		}

	}

}
