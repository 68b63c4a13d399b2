package org.openpharma.crm.demo;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Suggestions the demo MRs dismissed in the last four weeks, with their reasons (issue 16): every 40th HCP with an
 * interested or trial stage had its visit suggestion dismissed by the MR who set the stage, so the HCP page shows
 * "dismissed on …" among the reasons and the check of what worked has dismissals to count. Plain SQL like the rest of
 * the demo; deterministic for a given clock. Only when there are none yet.
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

}
