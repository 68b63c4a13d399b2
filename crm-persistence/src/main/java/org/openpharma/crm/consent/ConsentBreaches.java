package org.openpharma.crm.consent;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts recorded although the consent their channel and purpose needed was not in force: for the
 * HCP's consent page, for their author and for the manager of the HCP's territory. Reads the partial
 * indexes on flagged interactions only.
 */
@Service
@Transactional(readOnly = true)
public class ConsentBreaches {

	/** One contact without consent. */
	public record Breach(long interactionId, long hcpId, String hcpName, Instant occurredAt, String channel,
			String purpose, String reason, String author, String departmentCode) {
	}

	private static final String SELECT = "SELECT i.id, i.hcp_id, h.name_kanji, i.occurred_at, i.channel, i.purpose,"
			+ " i.consent_breach, i.author, i.department_code FROM interaction i JOIN hcp h ON h.id = i.hcp_id";

	private static final RowMapper<Breach> ROW = (rs, n) -> new Breach(rs.getLong(1), rs.getLong(2), rs.getString(3),
			rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
			rs.getString(9));

	private final JdbcTemplate jdbc;

	ConsentBreaches(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The HCP's contacts without consent, newest first. */
	public List<Breach> forHcp(long hcpId, int limit) {
		return this.jdbc.query(SELECT + " WHERE i.hcp_id = ? AND i.consent_breach IS NOT NULL"
				+ " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?", ROW, hcpId, limit);
	}

	/** The contacts without consent the user recorded, newest first. */
	public List<Breach> recordedBy(String username, int limit) {
		return this.jdbc.query(SELECT + " WHERE i.author = ? AND i.consent_breach IS NOT NULL"
				+ " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?", ROW, username, limit);
	}

	/**
	 * Contacts without consent with HCPs whose institution lies in these prefectures (a manager's
	 * territories, WorkScope), or with any HCP when {@code prefectures} is null (a nationwide scope), newest
	 * first: a manager's view of their team's breaches.
	 */
	public List<Breach> within(Set<Integer> prefectures, int limit) {
		if (prefectures == null) {
			return this.jdbc.query(SELECT + " WHERE i.consent_breach IS NOT NULL ORDER BY i.occurred_at DESC, i.id DESC"
					+ " LIMIT ?", ROW, limit);
		}
		return this.jdbc.query(SELECT + " JOIN hco o ON o.id = h.primary_hco_id WHERE i.consent_breach IS NOT NULL"
				+ " AND o.prefecture_code = ANY (?) ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?", ROW,
				prefectures.toArray(Integer[]::new), limit);
	}

}
