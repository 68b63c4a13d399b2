package org.openpharma.crm.hcp;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read model of the HCP 360 page: affiliations, territory and coverage, merged duplicates. */
@Service
@Transactional(readOnly = true)
public class HcpProfileQueries {

	private final JdbcTemplate jdbc;

	HcpProfileQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One affiliation of the HCP with an organisation. */
	public record AffiliationRow(long hcoId, String hcoName, String hcoType, Integer prefectureCode, String role,
			LocalDate validFrom, LocalDate validTo) {

		public boolean current(LocalDate today) {
			return (this.validFrom == null || !this.validFrom.isAfter(today))
					&& (this.validTo == null || !this.validTo.isBefore(today));
		}

	}

	/** A territory covering the HCP's prefecture, with the users assigned to it. */
	public record TerritoryRow(long id, String code, String nameJa, String nameEn, String users) {
	}

	/** A record that was merged into this one. */
	public record MergedRow(long id, String nameKanji, String registryNumber) {
	}

	/** The institution an HCP works at first, as the profile shows it. */
	public record InstitutionRow(long id, String name, int prefectureCode) {
	}

	public java.util.Optional<InstitutionRow> institution(Long hcoId) {
		if (hcoId == null) {
			return java.util.Optional.empty();
		}
		return this.jdbc.query("SELECT id, name, prefecture_code FROM hco WHERE id = ?",
				(rs, i) -> new InstitutionRow(rs.getLong(1), rs.getString(2), rs.getInt(3)), hcoId).stream().findFirst();
	}

	public List<AffiliationRow> affiliations(long hcpId) {
		return this.jdbc.query("SELECT o.id, o.name, o.hco_type, o.prefecture_code, a.role, a.valid_from, a.valid_to"
				+ " FROM affiliation a JOIN hco o ON o.id = a.hco_id WHERE a.hcp_id = ?"
				+ " ORDER BY a.valid_to DESC NULLS FIRST, a.valid_from DESC NULLS LAST, o.name",
				(rs, i) -> new AffiliationRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
						rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class)),
				hcpId);
	}

	public List<TerritoryRow> territories(long hcpId) {
		return this.jdbc.query("SELECT t.id, t.code, t.name_ja, t.name_en,"
				+ " (SELECT string_agg(u.display_name, ', ' ORDER BY u.display_name) FROM app_user_territory ut"
				+ "  JOIN app_user u ON u.id = ut.user_id WHERE ut.territory_id = t.id AND u.enabled)"
				+ " FROM hcp h JOIN hco o ON o.id = h.primary_hco_id"
				+ " JOIN territory_prefecture tp ON tp.prefecture_code = o.prefecture_code"
				+ " JOIN territory t ON t.id = tp.territory_id WHERE h.id = ? ORDER BY t.code",
				(rs, i) -> new TerritoryRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5)),
				hcpId);
	}

	public List<MergedRow> mergedInto(long hcpId) {
		return this.jdbc.query("SELECT id, name_kanji, registry_number FROM hcp WHERE merged_into_id = ? ORDER BY id",
				(rs, i) -> new MergedRow(rs.getLong(1), rs.getString(2), rs.getString(3)), hcpId);
	}

}
