package org.openpharma.crm.hco;

import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.hcp.HcpSummary;
import org.openpharma.crm.shared.PagedSql;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.shared.JapaneseText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read models for the HCO list and the HCO page (its HCPs). */
@Service
@Transactional(readOnly = true)
public class HcoQueries {

	private final JdbcTemplate jdbc;

	HcoQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One row of the HCO list. */
	public record HcoSummary(long id, String institutionCode, String name, String nameKana, String type,
			int prefectureCode, String address, long hcpCount) {
	}

	public SearchPage<HcoSummary> search(String query, Integer prefectureCode, String type, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> args = new ArrayList<>();
		String q = JapaneseText.normalize(query);
		if (!q.isEmpty()) {
			where.append(" AND (o.name LIKE ? OR o.name_kana LIKE ? OR o.institution_code = ?)");
			args.add(JapaneseText.escapeLike(q) + "%");
			args.add(JapaneseText.escapeLike(JapaneseText.toKatakana(q)) + "%");
			args.add(q.toUpperCase(java.util.Locale.ROOT));
		}
		if (prefectureCode != null) {
			where.append(" AND o.prefecture_code = ?");
			args.add(prefectureCode);
		}
		if (type != null && !type.isBlank()) {
			where.append(" AND o.hco_type = ?");
			args.add(type);
		}
		return PagedSql.page(this.jdbc, "SELECT o.id, o.institution_code, o.name, o.name_kana, o.hco_type,"
				+ " o.prefecture_code, o.address,"
				+ " (SELECT count(*) FROM hcp h WHERE h.primary_hco_id = o.id AND h.status <> 'MERGED')"
				+ " FROM hco o" + where, "ORDER BY o.name_kana, o.id", args,
				(rs, i) -> new HcoSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getInt(6), rs.getString(7), rs.getLong(8)),
				page, size);
	}

	/** HCPs whose primary affiliation or any affiliation is this HCO. */
	public SearchPage<HcpSummary> hcps(long hcoId, int page, int size) {
		String from = " FROM hcp h JOIN hco o ON o.id = ? WHERE h.status <> 'MERGED' AND (h.primary_hco_id = o.id"
				+ " OR EXISTS (SELECT 1 FROM affiliation a WHERE a.hcp_id = h.id AND a.hco_id = o.id))";
		Long total = this.jdbc.queryForObject("SELECT count(*)" + from, Long.class, hcoId);
		List<HcpSummary> rows = this.jdbc.query("SELECT h.id, h.name_kanji, h.name_kana, h.name_romaji,"
				+ " h.registry_number, h.specialty_code, o.id, o.name, o.prefecture_code, h.status" + from
				+ " ORDER BY h.kana_key, h.id LIMIT ? OFFSET ?",
				(rs, i) -> new HcpSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getInt(9),
						rs.getString(10)),
				hcoId, size, (long) page * size);
		return new SearchPage<>(rows, page, size, (total != null) ? total : 0, false);
	}

}
