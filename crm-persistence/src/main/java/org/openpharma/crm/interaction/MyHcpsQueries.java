package org.openpharma.crm.interaction;

import java.time.Instant;
import java.util.List;

import org.openpharma.crm.shared.SearchPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "My HCPs": the HCPs in a user's territories (by the prefecture of their primary institution), most
 * open needs first, then longest without contact.
 */
@Service
@Transactional(readOnly = true)
public class MyHcpsQueries {

	private final JdbcTemplate jdbc;

	MyHcpsQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One HCP of the territory with what makes it urgent. */
	public record MyHcp(long id, String nameKanji, String nameKana, String hcoName, int prefectureCode, int openNeeds,
			Instant lastContact) {
	}

	private static final String FROM = " FROM hcp h JOIN hco o ON o.id = h.primary_hco_id"
			+ " WHERE h.status = 'ACTIVE' AND o.prefecture_code IN (SELECT tp.prefecture_code FROM app_user u"
			+ " JOIN app_user_territory ut ON ut.user_id = u.id JOIN territory_prefecture tp ON tp.territory_id = ut.territory_id"
			+ " WHERE u.username = ?)";

	/** The HCPs the user logged interactions with most recently (for the picker when nothing is typed yet). */
	public List<Long> recentHcpIds(String username, int limit) {
		return this.jdbc.queryForList("SELECT hcp_id FROM (SELECT hcp_id, max(occurred_at) AS last FROM"
				+ " (SELECT hcp_id, occurred_at FROM interaction WHERE author = ? ORDER BY occurred_at DESC LIMIT 200) r"
				+ " GROUP BY hcp_id) x ORDER BY last DESC LIMIT ?", Long.class, username, limit);
	}

	/** Which of these HCPs are in the user's territories. */
	public java.util.Set<Long> inTerritory(String username, java.util.Collection<Long> hcpIds) {
		if (hcpIds.isEmpty()) {
			return java.util.Set.of();
		}
		return new java.util.HashSet<>(this.jdbc.queryForList("SELECT h.id" + FROM + " AND h.id = ANY (?)", Long.class,
				username, hcpIds.toArray(Long[]::new)));
	}

	public SearchPage<MyHcp> forUser(String username, int page, int size) {
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM (SELECT 1" + FROM + " LIMIT ?) c", Long.class,
				username, SearchPage.COUNT_CAP + 1);
		int shown = SearchPage.clamp(page, (total != null) ? total : 0, size);
		List<MyHcp> rows = this.jdbc.query("SELECT h.id, h.name_kanji, h.name_kana, o.name, o.prefecture_code,"
				+ " (SELECT count(*) FROM information_need n WHERE n.hcp_id = h.id"
				+ "   AND n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS')) AS open_needs,"
				+ " (SELECT max(i.occurred_at) FROM interaction i WHERE i.hcp_id = h.id) AS last_contact" + FROM
				+ " ORDER BY open_needs DESC, last_contact ASC NULLS FIRST, h.kana_key, h.id LIMIT ? OFFSET ?",
				(rs, i) -> new MyHcp(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
						rs.getInt(6), (rs.getTimestamp(7) != null) ? rs.getTimestamp(7).toInstant() : null),
				username, size, (long) shown * size);
		return new SearchPage<>(rows, shown, size, (total != null) ? total : 0, false);
	}

}
