package org.openpharma.crm.demo;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.shared.Japan;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo call plans (docs/adr/0032): for every MR, two visits or calls per working day for the coming two weeks
 * with HCPs of their territories (the area they are at a stage in, and for every other plan an approved item of
 * that area to show), two missed plans in the past week, and their last visits of the past week as done plans. Only
 * when there are no plans yet.
 */
final class DemoPlans {

	static final int PER_WORKING_DAY = 2;

	static final int MISSED = 2;

	static final int DONE = 3;

	private static final String OWNER_NOTE = "前回のご質問へのフォロー";

	private DemoPlans() {
	}

	static int plans(JdbcTemplate jdbc, Instant now) {
		if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM planned_call)", Boolean.class))) {
			return 0;
		}
		LocalDate today = LocalDate.ofInstant(now, Japan.ZONE);
		List<LocalDate> ahead = new ArrayList<>();
		for (int d = 0; d < 14; d++) {
			if (working(today.plusDays(d))) {
				ahead.add(today.plusDays(d));
			}
		}
		List<LocalDate> past = new ArrayList<>();
		for (int d = 1; d <= 7 && past.size() < MISSED; d++) {
			if (working(today.minusDays(d))) {
				past.add(today.minusDays(d));
			}
		}
		Timestamp at = Timestamp.from(now);
		int written = 0;
		List<String> mrs = jdbc.queryForList("SELECT u.username FROM app_user u JOIN app_user_role r ON r.user_id = u.id"
				+ " AND r.role = 'MR' WHERE u.enabled ORDER BY u.username", String.class);
		for (String mr : mrs) {
			int needed = ahead.size() * PER_WORKING_DAY + past.size();
			// The territory's HCPs in a fixed but spread order, none who withdrew their visit consent.
			List<Map<String, Object>> hcps = jdbc.queryForList("SELECT h.id, (SELECT min(s.therapeutic_area_id)"
					+ " FROM hcp_stage s WHERE s.hcp_id = h.id) AS area FROM hcp h JOIN hco o ON o.id = h.primary_hco_id"
					+ " WHERE h.status = 'ACTIVE' AND o.prefecture_code IN (SELECT tp.prefecture_code FROM app_user u"
					+ " JOIN app_user_territory ut ON ut.user_id = u.id JOIN territory_prefecture tp"
					+ " ON tp.territory_id = ut.territory_id WHERE u.username = ?) AND NOT EXISTS (SELECT 1"
					+ " FROM consent_record c WHERE c.hcp_id = h.id AND c.channel IN ('VISIT', 'PHONE')"
					+ " AND c.state = 'WITHDRAWN') ORDER BY (h.id * 7919) % 1000003, h.id LIMIT ?", mr, needed);
			if (hcps.isEmpty()) {
				continue;
			}
			int i = 0;
			for (LocalDate day : ahead) {
				for (int k = 0; k < PER_WORKING_DAY; k++) {
					Map<String, Object> hcp = hcps.get(i % hcps.size());
					Long area = (Long) hcp.get("area");
					Long content = (i % 2 == 0 && area != null) ? content(jdbc, area, day) : null;
					// Every fifth a call instead of a visit.
					String channel = (i % 5 == 4) ? "PHONE_OUT" : "VISIT";
					written += insert(jdbc, (Long) hcp.get("id"), area, day, channel, content, mr,
							(i % 3 == 0) ? OWNER_NOTE : null, "PLANNED", null, at);
					i++;
				}
			}
			for (LocalDate day : past) {
				Map<String, Object> hcp = hcps.get(i % hcps.size());
				written += insert(jdbc, (Long) hcp.get("id"), (Long) hcp.get("area"), day, "VISIT", null, mr, null,
						"PLANNED", null, at);
				i++;
			}
			// Their last visits of the past week, as the plans they did.
			List<Map<String, Object>> visits = jdbc.queryForList("SELECT i.id, i.hcp_id, i.occurred_at,"
					+ " (SELECT min(t.therapeutic_area_id) FROM interaction_therapeutic_area t WHERE t.interaction_id = i.id)"
					+ " AS area FROM interaction i WHERE i.author = ? AND i.channel = 'VISIT' AND i.occurred_at >= ?"
					+ " AND i.occurred_at <= ? ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?", mr,
					Timestamp.from(today.minusDays(7).atStartOfDay(Japan.ZONE).toInstant()), at, DONE);
			for (Map<String, Object> visit : visits) {
				LocalDate day = LocalDate.ofInstant(((Timestamp) visit.get("occurred_at")).toInstant(), Japan.ZONE);
				written += insert(jdbc, (Long) visit.get("hcp_id"), (Long) visit.get("area"), day, "VISIT", null, mr,
						null, "DONE", (Long) visit.get("id"), at);
			}
		}
		return written;
	}

	private static boolean working(LocalDate day) {
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	/** An approved promotional item of the area that may be shown in a visit and is valid on the day. */
	private static Long content(JdbcTemplate jdbc, long area, LocalDate day) {
		List<Long> ids = jdbc.queryForList("SELECT v.id FROM content_version v JOIN content_item i ON i.id = v.item_id"
				+ " WHERE v.therapeutic_area_id = ? AND v.status = 'APPROVED' AND v.expires_on >= ?"
				+ " AND i.audience = 'PROMOTIONAL' AND 'VISIT' = ANY (v.channels) AND v.kind <> 'EMAIL_TEMPLATE'"
				+ " ORDER BY v.id LIMIT 1", Long.class, area, Date.valueOf(day));
		return ids.isEmpty() ? null : ids.get(0);
	}

	private static int insert(JdbcTemplate jdbc, long hcpId, Long area, LocalDate day, String channel, Long content,
			String owner, String note, String status, Long interactionId, Timestamp at) {
		return jdbc.update("INSERT INTO planned_call (hcp_id, therapeutic_area_id, planned_day, channel,"
				+ " content_version_id, owner, note, status, interaction_id, created_by, created_at, updated_by, updated_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", hcpId, area, Date.valueOf(day), channel, content, owner,
				note, status, interactionId, owner, at, owner, at);
	}

}
