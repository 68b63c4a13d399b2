package org.openpharma.crm.demo;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.shared.Japan;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two past campaigns with their results (issue 16, docs/adr/0034), so that the campaign pages and the "what worked"
 * page have something true to show: the members, holdout, mails, exclusions and decisions are written here; the
 * results are read from the demo's own contacts, stage changes and patient counts, nothing invented for them.
 * <ul>
 * <li>an e-mail campaign in the first area that has an approved e-mail item, 150 days ago (its 90-day window has
 * closed): the segment's AWARE and INTERESTED HCPs with e-mail consent (at most 400), a fifth held out; the others
 * mailed (a contact, an outbox row marked sent, the delivery with its tracked link, a third opened, every fifth
 * opened one rated), or left out for want of an address;</li>
 * <li>a visit campaign in the second such area, 100 to 70 days ago: its INTERESTED and TRIAL HCPs (at most 300), a
 * tenth held out, the others suggested to their MRs, two in five of whom accepted and one in six dismissed with a
 * reason.</li>
 * </ul>
 * Only when there is no campaign yet. The holdout here is a fixed draw by id in SQL, not the application's draw.
 */
final class DemoCampaigns {

	private static final String SENDER = "marketing";

	private DemoCampaigns() {
	}

	static int campaigns(JdbcTemplate jdbc, Instant now) {
		if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM campaign)", Boolean.class))
				|| !Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM app_user WHERE username = ?)",
						Boolean.class, SENDER))) {
			return 0;
		}
		// Areas with an approved promotional item for e-mail and visits, and an approved template.
		List<Map<String, Object>> areas = jdbc.queryForList("SELECT v.therapeutic_area_id AS area, min(v.id) AS item,"
				+ " min(a.name_ja) AS area_name FROM content_version v JOIN content_item ci ON ci.id = v.item_id"
				+ " JOIN therapeutic_area a ON a.id = v.therapeutic_area_id"
				+ " WHERE v.status = 'APPROVED' AND v.kind NOT IN ('EMAIL_TEMPLATE', 'WEBINAR') AND ci.audience = 'PROMOTIONAL'"
				+ " AND NOT ci.off_label AND 'EMAIL' = ANY (v.channels) AND 'VISIT' = ANY (v.channels) AND v.expires_on > ?"
				+ " GROUP BY v.therapeutic_area_id, a.code ORDER BY a.code LIMIT 2", Date.valueOf(today(now)));
		Long template = jdbc.query("SELECT v.id FROM content_version v JOIN content_item ci ON ci.id = v.item_id"
				+ " WHERE v.status = 'APPROVED' AND v.kind = 'EMAIL_TEMPLATE' AND ci.audience = 'PROMOTIONAL'"
				+ " AND v.expires_on > ? ORDER BY v.id LIMIT 1", rs -> rs.next() ? rs.getLong(1) : null,
				Date.valueOf(today(now)));
		if (areas.size() < 2 || template == null) {
			return 0;
		}
		email(jdbc, now, ((Number) areas.get(0).get("area")).longValue(), ((Number) areas.get(0).get("item")).longValue(),
				(String) areas.get(0).get("area_name"), template);
		visits(jdbc, now, ((Number) areas.get(1).get("area")).longValue(), ((Number) areas.get(1).get("item")).longValue(),
				(String) areas.get(1).get("area_name"));
		return 2;
	}

	private static LocalDate today(Instant now) {
		return LocalDate.ofInstant(now, Japan.ZONE);
	}

	private static long segment(JdbcTemplate jdbc, String name, String description, String criteria, Timestamp at) {
		return jdbc.queryForObject("INSERT INTO segment (name, description, criteria, created_by, created_at, updated_by,"
				+ " updated_at) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?) RETURNING id", Long.class, name, description, criteria,
				SENDER, at, SENDER, at);
	}

	private static void email(JdbcTemplate jdbc, Instant now, long area, long item, String areaName, long template) {
		Timestamp start = Timestamp.from(now.minus(Duration.ofDays(150)));
		String criteria = "{\"therapeuticAreaId\":" + area + ",\"stages\":[\"AWARE\",\"INTERESTED\"],\"consentChannels\":[\"EMAIL\"]}";
		long segment = segment(jdbc, areaName + " 認知・関心層（メール同意あり）", "ガイドライン改訂の案内対象", criteria, start);
		long campaign = jdbc.queryForObject("INSERT INTO campaign (name, segment_id, criteria, kind, therapeutic_area_id,"
				+ " content_version_id, template_version_id, holdout_percent, starts_at, status, members, held_out, sender,"
				+ " sender_department, launched_at, completed_at, updated_at) VALUES (?, ?, ?::jsonb, 'EMAIL', ?, ?, ?, 20, ?,"
				+ " 'COMPLETED', 0, 0, ?, 'MARKETING', ?, CAST(? AS timestamptz) + interval '1 hour', ?) RETURNING id", Long.class,
				areaName + " ガイドライン改訂のご案内メール", segment, criteria, area, item, template, start, SENDER, start, start,
				start);
		// The segment's members then: stage AWARE or INTERESTED in the area, e-mail consent granted before the start.
		jdbc.update("INSERT INTO campaign_member (campaign_id, hcp_id, status)"
				+ " SELECT ?, s.hcp_id, CASE WHEN (s.hcp_id * 7 + ?) % 5 = 0 THEN 'HOLDOUT' ELSE 'PENDING' END"
				+ " FROM hcp_stage s JOIN hcp h ON h.id = s.hcp_id WHERE s.therapeutic_area_id = ? AND h.status = 'ACTIVE'"
				+ " AND s.stage IN ('AWARE', 'INTERESTED') AND EXISTS (SELECT 1 FROM consent_record r WHERE r.hcp_id = h.id"
				+ " AND r.channel = 'EMAIL' AND r.purpose = 'PROMOTIONAL' AND r.state = 'GRANTED' AND r.captured_at < ?)"
				+ " ORDER BY s.hcp_id LIMIT 400", campaign, campaign, area, start);
		// Each mailed member: the contact, the mail as sent, the item's delivery with its tracked link.
		jdbc.update("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code, purpose, key_messages,"
				+ " external_event_id, recorded_at, updated_at) SELECT m.hcp_id, 'EMAIL_OUT', CAST(? AS timestamptz) + (m.hcp_id % 50) * interval '1 minute',"
				+ " ?, 'MARKETING', 'PROMOTIONAL', v.title, 'demo-campaign-' || m.campaign_id || '-' || m.hcp_id,"
				+ " CAST(? AS timestamptz) + (m.hcp_id % 50) * interval '1 minute', CAST(? AS timestamptz) + (m.hcp_id % 50) * interval '1 minute'"
				+ " FROM campaign_member m JOIN hcp h ON h.id = m.hcp_id JOIN content_version v ON v.id = ?"
				+ " WHERE m.campaign_id = ? AND m.status = 'PENDING' AND nullif(btrim(h.email), '') IS NOT NULL",
				start, SENDER, start, start, item, campaign);
		jdbc.update("INSERT INTO interaction_therapeutic_area (interaction_id, therapeutic_area_id)"
				+ " SELECT i.id, ? FROM interaction i WHERE i.external_event_id LIKE ?", area, "demo-campaign-" + campaign + "-%");
		jdbc.update("INSERT INTO content_email (hcp_id, interaction_id, template_version_id, purpose, medical, sender,"
				+ " sender_department, recipient, subject, body, unsubscribe_token_hash, status, attempts, queued_at, sent_at,"
				+ " updated_at) SELECT i.hcp_id, i.id, ?, 'PROMOTIONAL', false, ?, 'MARKETING', h.email,"
				+ " h.name_kanji || ' 先生：' || i.key_messages || 'のご案内', h.name_kanji || ' 先生' || chr(10) || chr(10)"
				+ " || i.key_messages || 'をご案内いたします。', encode(sha256(convert_to('demo-unsubscribe-' || i.id, 'UTF8')), 'hex'),"
				+ " 'SENT', 1, i.occurred_at, i.occurred_at + interval '1 minute', i.occurred_at + interval '1 minute'"
				+ " FROM interaction i JOIN hcp h ON h.id = i.hcp_id WHERE i.external_event_id LIKE ?", template, SENDER,
				"demo-campaign-" + campaign + "-%");
		jdbc.update("INSERT INTO content_delivery (hcp_id, item_id, version_id, channel, email_id, interaction_id, off_label,"
				+ " recipient, title, token_hash, delivered_by, delivered_at) SELECT e.hcp_id, v.item_id, v.id, 'EMAIL', e.id,"
				+ " e.interaction_id, false, e.recipient, v.title, encode(sha256(convert_to('demo-campaign-link-' || e.id, 'UTF8')), 'hex'),"
				+ " ?, e.queued_at FROM content_email e JOIN interaction i ON i.id = e.interaction_id JOIN content_version v ON v.id = ?"
				+ " WHERE i.external_event_id LIKE ?", SENDER, item, "demo-campaign-" + campaign + "-%");
		jdbc.update("UPDATE campaign_member m SET status = 'QUEUED', email_id = e.id, handled_at = e.queued_at"
				+ " FROM content_email e JOIN interaction i ON i.id = e.interaction_id"
				+ " WHERE m.campaign_id = ? AND i.external_event_id = 'demo-campaign-' || m.campaign_id || '-' || m.hcp_id", campaign);
		jdbc.update("UPDATE campaign_member SET status = 'EXCLUDED', exclusion = 'NO_ADDRESS', handled_at = ?"
				+ " WHERE campaign_id = ? AND status = 'PENDING'", start, campaign);
		// A third opened the link within a week (a pull event), every fifth of those rated it.
		jdbc.update("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code, key_messages,"
				+ " external_event_id, recorded_at, updated_at) SELECT d.hcp_id, 'WEB_CONTENT',"
				+ " d.delivered_at + (1 + d.hcp_id % 6) * interval '1 day', 'hcp-tracked-link', 'MARKETING', d.title,"
				+ " 'demo-campaign-view-' || d.id, d.delivered_at + (1 + d.hcp_id % 6) * interval '1 day',"
				+ " d.delivered_at + (1 + d.hcp_id % 6) * interval '1 day' FROM content_delivery d JOIN campaign_member m"
				+ " ON m.email_id = d.email_id WHERE m.campaign_id = ? AND d.hcp_id % 3 = 0", campaign);
		jdbc.update("INSERT INTO content_view (delivery_id, interaction_id, viewed_at) SELECT d.id, i.id, i.occurred_at"
				+ " FROM content_delivery d JOIN interaction i ON i.external_event_id = 'demo-campaign-view-' || d.id");
		jdbc.update("INSERT INTO content_feedback (delivery_id, hcp_id, version_id, helpful, comment, source, recorded_by,"
				+ " recorded_at) SELECT v.delivery_id, d.hcp_id, d.version_id, 3 + d.hcp_id % 3,"
				+ " (ARRAY['改訂点が一目で分かった', '患者説明にも使えそう', '図表をもう少し大きくしてほしい'])[1 + d.hcp_id % 3],"
				+ " 'HCP', 'hcp-tracked-link', v.viewed_at + interval '10 minutes' FROM content_view v"
				+ " JOIN content_delivery d ON d.id = v.delivery_id JOIN campaign_member m ON m.email_id = d.email_id"
				+ " WHERE m.campaign_id = ? AND d.hcp_id % 15 = 0", campaign);
		counts(jdbc, campaign);
	}

	private static void visits(JdbcTemplate jdbc, Instant now, long area, long item, String areaName) {
		Timestamp start = Timestamp.from(now.minus(Duration.ofDays(100)));
		LocalDate end = today(now).minusDays(70);
		String criteria = "{\"therapeuticAreaId\":" + area + ",\"stages\":[\"INTERESTED\",\"TRIAL\"],\"consentChannels\":[]}";
		long segment = segment(jdbc, areaName + " 関心・試用層", "新しい用量資料での訪問対象", criteria, start);
		long campaign = jdbc.queryForObject("INSERT INTO campaign (name, segment_id, criteria, kind, therapeutic_area_id,"
				+ " content_version_id, push_channel, holdout_percent, starts_at, ends_on, status, members, held_out, sender,"
				+ " sender_department, launched_at, completed_at, updated_at) VALUES (?, ?, ?::jsonb, 'PUSH', ?, ?, 'VISIT', 10,"
				+ " ?, ?, 'COMPLETED', 0, 0, ?, 'MARKETING', ?, ?, ?) RETURNING id", Long.class,
				areaName + " 用量資料の訪問キャンペーン", segment, criteria, area, item, start, Date.valueOf(end), SENDER, start,
				Timestamp.from(end.plusDays(1).atStartOfDay(Japan.ZONE).toInstant()), start);
		jdbc.update("INSERT INTO campaign_member (campaign_id, hcp_id, status, handled_at)"
				+ " SELECT ?, s.hcp_id, CASE WHEN (s.hcp_id * 7 + ?) % 10 = 0 THEN 'HOLDOUT' ELSE 'SUGGESTED' END,"
				+ " CASE WHEN (s.hcp_id * 7 + ?) % 10 = 0 THEN NULL ELSE CAST(? AS timestamptz) END"
				+ " FROM hcp_stage s JOIN hcp h ON h.id = s.hcp_id WHERE s.therapeutic_area_id = ? AND h.status = 'ACTIVE'"
				+ " AND s.stage IN ('INTERESTED', 'TRIAL') ORDER BY s.hcp_id LIMIT 300", campaign, campaign, campaign, start,
				area);
		// The MRs' decisions on the campaign's visit: two in five accepted, one in six dismissed with a reason.
		jdbc.update("INSERT INTO next_action_decision (hcp_id, therapeutic_area_id, kind, due_on, department,"
				+ " content_version_id, score, reasons, policy_version, decision, reason, result_type, decided_by, decided_at,"
				+ " campaign_id) SELECT m.hcp_id, ?, 'VISIT', (CAST(? AS timestamptz) + (m.hcp_id % 20) * interval '1 day')::date, 'SALES', ?, 110,"
				+ " jsonb_build_array(jsonb_build_object('code', 'campaign', 'args', jsonb_build_array(c.name, c.ends_on::text)),"
				+ "  jsonb_build_object('code', 'campaignItem', 'args', jsonb_build_array(v.title))),"
				+ " coalesce((SELECT max(p.version) FROM stage_policy p WHERE p.therapeutic_area_id = ? AND p.saved_at <= ?), 0),"
				+ " CASE WHEN m.hcp_id % 5 < 2 THEN 'ACCEPTED' ELSE 'DISMISSED' END,"
				+ " CASE WHEN m.hcp_id % 5 < 2 THEN NULL ELSE (ARRAY['当面は他剤で経過を見るとのこと', '先月同じ資料をご説明済み',"
				+ "  '院内規定で訪問は月1回まで'])[1 + m.hcp_id % 3] END,"
				+ " CASE WHEN m.hcp_id % 5 < 2 THEN 'NONE' END, coalesce(s.changed_by, ?),"
				+ " CAST(? AS timestamptz) + (m.hcp_id % 20) * interval '1 day', m.campaign_id FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id"
				+ " JOIN content_version v ON v.id = c.content_version_id"
				+ " LEFT JOIN hcp_stage s ON s.hcp_id = m.hcp_id AND s.therapeutic_area_id = ?"
				+ " WHERE m.campaign_id = ? AND m.status = 'SUGGESTED' AND (m.hcp_id % 5 < 2 OR m.hcp_id % 6 = 0)",
				area, start, item, area, start, SENDER, start, area, campaign);
		counts(jdbc, campaign);
	}

	private static void counts(JdbcTemplate jdbc, long campaign) {
		jdbc.update("UPDATE campaign c SET members = (SELECT count(*) FROM campaign_member m WHERE m.campaign_id = c.id),"
				+ " held_out = (SELECT count(*) FROM campaign_member m WHERE m.campaign_id = c.id AND m.status = 'HOLDOUT')"
				+ " WHERE c.id = ?", campaign);
	}

}
