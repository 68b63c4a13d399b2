package org.openpharma.crm.inquiry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.shared.Japan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The regulators' adverse-event rules as kept in the database ({@code ae_regulatory_rule}, per jurisdiction,
 * with effective dates; {@code ae_jurisdiction_country} maps a country to its jurisdiction), read into the
 * rule class {@link AdverseEventClockRules}. The tables are small and read per request, so a rule inserted
 * by operations counts at once.
 */
@Service
@Transactional(readOnly = true)
public class AdverseEventClocks {

	private final JdbcTemplate jdbc;

	AdverseEventClocks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Every rule of every period, and which country belongs to which jurisdiction. */
	public AdverseEventClockRules rules() {
		Map<String, String> countries = new HashMap<>();
		this.jdbc.query("SELECT country, jurisdiction_code FROM ae_jurisdiction_country",
				rs -> {
					countries.put(rs.getString(1).strip(), rs.getString(2));
				});
		List<RegulatoryRule> rules = this.jdbc.query("SELECT id, jurisdiction_code, code, serious, expected, fatal,"
				+ " report_days, name_ja, name_en, legal_basis, effective_from, effective_to FROM ae_regulatory_rule"
				+ " ORDER BY id",
				(rs, i) -> new RegulatoryRule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
						(Boolean) rs.getObject(5), (Boolean) rs.getObject(6),
						(rs.getObject(7) != null) ? rs.getInt(7) : null, rs.getString(8), rs.getString(9),
						rs.getString(10), rs.getDate(11).toLocalDate(),
						(rs.getDate(12) != null) ? rs.getDate(12).toLocalDate() : null));
		return new AdverseEventClockRules(Japan.ZONE, countries, rules);
	}

}
