package org.openpharma.crm.demo;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Suggestions the demo MRs dismissed in the last four weeks, with their reasons (issue 16): every 40th HCP with an
 * interested or trial stage had its visit suggestion dismissed by the MR who set the stage, so the HCP page shows
 * "dismissed on …" among the reasons and the check of what worked has dismissals to count. And the months before
 * ({@link #history}): suggestions accepted and dismissed over the last nine months across areas and stages, placed on
 * the demo's own stage histories, so that the "what worked" page (docs/adr/0036) counts moves that are in the data.
 * Plain SQL like the rest of the demo; deterministic for a given clock. Only when there are none yet.
 */
final class DemoDecisions {

	private DemoDecisions() {
	}

	static int dismissals(JdbcTemplate jdbc, Instant now) {
		if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM next_action_decision)", Boolean.class))) {
			return 0;
		}
		Timestamp at = Timestamp.from(now);
		return jdbc.update("INSERT INTO next_action_decision (hcp_id, therapeutic_area_id, kind, due_on, department, score,"
				+ " reasons, policy_version, decision, reason, decided_by, decided_at)"
				+ " SELECT s.hcp_id, s.therapeutic_area_id, 'VISIT', (CAST(? AS timestamptz) - (s.hcp_id % 28) * interval '1 day')::date,"
				+ " 'SALES', 100, jsonb_build_array("
				+ "  jsonb_build_object('code', 'stage', 'args', jsonb_build_array(s.stage, to_char(s.changed_at, 'YYYY-MM-DD'),"
				+ "   (CAST(? AS date) - s.changed_at::date)::text)),"
				+ "  jsonb_build_object('code', 'rank', 'args', jsonb_build_array('1', 'VISIT'))),"
				+ " coalesce((SELECT max(p.version) FROM stage_policy p WHERE p.therapeutic_area_id = s.therapeutic_area_id), 0),"
				+ " 'DISMISSED', (ARRAY['学会準備のため来月まで訪問を控えてほしいとのこと', '先月同じ資料をご説明済み',"
				+ "  '院内規定で製薬会社の訪問は月1回まで', '当面は他剤で様子を見るとのこと'])[1 + s.hcp_id % 4],"
				+ " s.changed_by, CAST(? AS timestamptz) - (s.hcp_id % 28) * interval '1 day'"
				+ " FROM hcp_stage s JOIN app_user u ON u.username = s.changed_by"
				+ " WHERE s.stage IN ('INTERESTED', 'TRIAL') AND s.hcp_id % 40 = 0", at, at, at);
	}

	/**
	 * Stage policy rule decisions of the last nine months, each made for the stage the HCP then stood at and naming
	 * the policy version then in force (version 0, the defaults, before marketing saved one), with its policy and
	 * rank reasons as the rules write them. Two kinds of HCP: every one whose stage moved forward in the last 260 days
	 * had a suggestion 10–69 days before that move (two in three accepted); every fifth one whose stage has not changed
	 * for 300 days had one at some day of the last 263 (one in three accepted). Mostly the rule's first action, every
	 * fifth its other one. Dismissals carry the reasons
	 * MRs and marketing give. Only when no decision older than 35 days exists yet; returns how many.
	 */
	static int history(JdbcTemplate jdbc, Instant now) {
		Timestamp at = Timestamp.from(now);
		if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM next_action_decision"
				+ " WHERE decided_at < CAST(? AS timestamptz) - interval '35 days')", Boolean.class, at))) {
			return 0;
		}
		// The first and another action of each stage's rule (the demo policies and the defaults agree on them).
		String rules = "(VALUES ('UNAWARE', 'PULL', 'WEB_CONTENT', 'WEBINAR_INVITATION'),"
				+ " ('AWARE', 'PULL', 'WEBINAR_INVITATION', 'WEB_CONTENT'), ('INTERESTED', 'PUSH', 'VISIT', 'REMOTE_DETAIL'),"
				+ " ('TRIAL', 'PUSH', 'VISIT', 'APPROVED_EMAIL'), ('ADOPTER', 'PULL', 'WEB_CONTENT', 'WEBINAR_INVITATION'),"
				+ " ('ADVOCATE', 'PULL', 'WEB_CONTENT', 'WEBINAR_INVITATION')) AS r (stage, approach, first_kind, other_kind)";
		String candidates = "SELECT c.hcp_id, c.therapeutic_area_id, c.from_stage AS stage, c.changed_by AS mr,"
				+ "  c.changed_at - (10 + c.hcp_id % 60) * interval '1 day' AS decided_at, c.hcp_id % 3 <> 0 AS accepted"
				+ " FROM stage_change c WHERE c.from_stage IS NOT NULL"
				+ " AND array_position(ARRAY['UNAWARE', 'AWARE', 'INTERESTED', 'TRIAL', 'ADOPTER', 'ADVOCATE']::varchar[], c.to_stage)"
				+ "   > array_position(ARRAY['UNAWARE', 'AWARE', 'INTERESTED', 'TRIAL', 'ADOPTER', 'ADVOCATE']::varchar[], c.from_stage)"
				+ " AND c.changed_at > CAST(? AS timestamptz) - interval '260 days'"
				+ " AND c.changed_at < CAST(? AS timestamptz) - interval '5 days'"
				// The stage held from the decision to the move: no other change in between.
				+ " AND NOT EXISTS (SELECT 1 FROM stage_change e WHERE e.hcp_id = c.hcp_id"
				+ "   AND e.therapeutic_area_id = c.therapeutic_area_id AND e.id <> c.id AND e.changed_at <= c.changed_at"
				+ "   AND e.changed_at > c.changed_at - (10 + c.hcp_id % 60) * interval '1 day')"
				+ " UNION ALL"
				+ " SELECT s.hcp_id, s.therapeutic_area_id, s.stage, s.changed_by,"
				+ "  CAST(? AS timestamptz) - (3 + s.hcp_id % 260) * interval '1 day' - (s.hcp_id % 480) * interval '1 minute',"
				+ "  (s.hcp_id / 5) % 3 = 0"
				+ " FROM hcp_stage s WHERE s.hcp_id % 5 = 2 AND s.changed_at < CAST(? AS timestamptz) - interval '300 days'";
		return jdbc.update("INSERT INTO next_action_decision (hcp_id, therapeutic_area_id, kind, due_on, department, score,"
				+ " reasons, policy_version, decision, reason, result_type, decided_by, decided_at)"
				+ " SELECT x.hcp_id, x.therapeutic_area_id, k.kind, (x.decided_at AT TIME ZONE 'Asia/Tokyo')::date,"
				+ " k.department, 100, jsonb_build_array("
				+ "  jsonb_build_object('code', 'policy', 'args', jsonb_build_array(x.stage, r.approach, coalesce(v.version, 0)::text,"
				+ "   coalesce(pr.rationale, ''))),"
				+ "  jsonb_build_object('code', 'rank', 'args', jsonb_build_array(CASE WHEN k.kind = r.first_kind THEN '1' ELSE '2' END,"
				+ "   k.kind))),"
				+ " coalesce(v.version, 0), CASE WHEN x.accepted THEN 'ACCEPTED' ELSE 'DISMISSED' END,"
				+ " CASE WHEN x.accepted THEN NULL WHEN k.department = 'SALES' THEN (ARRAY['学会準備のため来月まで訪問を控えてほしいとのこと',"
				+ "  '先月同じ資料をご説明済み', '院内規定で製薬会社の訪問は月1回まで', '先月同じ資料をご説明済み',"
				+ "  '当面は他剤で様子を見るとのこと'])[1 + (x.hcp_id / 7) % 5]"
				+ "  ELSE (ARRAY['メール配信は不要とのご意見あり', '同じ講演会に院内で参加予定', 'メール配信は不要とのご意見あり',"
				+ "  '前回のご案内から間がない'])[1 + (x.hcp_id / 7) % 4] END,"
				+ " CASE WHEN NOT x.accepted THEN NULL WHEN k.department = 'SALES' AND k.kind <> 'APPROVED_EMAIL' THEN 'PLANNED_CALL'"
				+ "  ELSE 'EMAIL' END,"
				+ " CASE WHEN k.department = 'SALES' THEN x.mr ELSE 'marketing' END, x.decided_at"
				+ " FROM (" + candidates + ") x"
				+ " JOIN " + rules + " ON r.stage = x.stage"
				+ " CROSS JOIN LATERAL (SELECT CASE WHEN (x.hcp_id / 3) % 5 = 0 THEN r.other_kind ELSE r.first_kind END AS kind) kk"
				+ " CROSS JOIN LATERAL (SELECT kk.kind, CASE WHEN kk.kind IN ('WEB_CONTENT', 'WEBINAR_INVITATION') THEN 'MARKETING'"
				+ "  ELSE 'SALES' END AS department) k"
				+ " LEFT JOIN LATERAL (SELECT p.id, p.version FROM stage_policy p WHERE p.therapeutic_area_id = x.therapeutic_area_id"
				+ "  AND p.saved_at <= x.decided_at ORDER BY p.version DESC LIMIT 1) v ON true"
				+ " LEFT JOIN stage_policy_rule pr ON pr.policy_id = v.id AND pr.stage = x.stage"
				+ " WHERE x.decided_at > CAST(? AS timestamptz) - interval '270 days'", at, at, at, at, at);
	}

}
