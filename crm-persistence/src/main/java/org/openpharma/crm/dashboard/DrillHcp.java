package org.openpharma.crm.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One HCP of a drill-down list: the HCPs behind a dashboard figure (never their patient figures).
 *
 * @param detail what the list is about (reports, stage, last contact)
 */
public record DrillHcp(long id, String nameKanji, String nameKana, String institution, int prefectureCode,
		String detail) {

	/** The longest drill-down list; a narrower filter shows the rest. */
	public static final int LIMIT = 200;

	/** The columns every drill-down selects from hcp h and hco o; the query adds its {@code detail} column. */
	static final String COLUMNS = "SELECT h.id, h.name_kanji, h.name_kana, o.name AS institution,"
			+ " coalesce(o.prefecture_code, 0) AS prefecture_code";

	static DrillHcp map(ResultSet rs) throws SQLException {
		return new DrillHcp(rs.getLong("id"), rs.getString("name_kanji"), rs.getString("name_kana"),
				rs.getString("institution"), rs.getInt("prefecture_code"), rs.getString("detail"));
	}

}
