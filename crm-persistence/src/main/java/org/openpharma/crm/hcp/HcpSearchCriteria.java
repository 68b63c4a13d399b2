package org.openpharma.crm.hcp;

import java.util.Locale;
import java.util.Set;

/**
 * What an HCP search asks for. {@code query} matches a kanji name, a kana reading (hiragana or
 * katakana, full- or half-width), a romanised name or a registry number.
 */
public record HcpSearchCriteria(String query, String institution, String specialtyCode, Integer prefectureCode,
		String sort, boolean descending) {

	/** Sort keys a caller may ask for; anything else falls back to the kana reading. */
	public static final Set<String> SORTS = Set.of("kana", "kanji", "specialty", "prefecture", "institution",
			"updated");

	public HcpSearchCriteria {
		query = (query == null) ? "" : query.strip();
		institution = (institution == null) ? "" : institution.strip();
		specialtyCode = (specialtyCode == null || specialtyCode.isBlank()) ? null : specialtyCode;
		sort = (sort == null || !SORTS.contains(sort.toLowerCase(Locale.ROOT))) ? "kana" : sort.toLowerCase(Locale.ROOT);
	}

	public static HcpSearchCriteria of(String query) {
		return new HcpSearchCriteria(query, null, null, null, null, false);
	}

	public boolean hasQuery() {
		return !this.query.isEmpty();
	}

}
