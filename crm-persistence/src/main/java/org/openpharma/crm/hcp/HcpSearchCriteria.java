package org.openpharma.crm.hcp;

import java.util.Locale;
import java.util.Set;

import org.openpharma.crm.shared.PhoneNumber;

/**
 * What an HCP search asks for. {@code query} matches a kanji name, a kana reading (hiragana or
 * katakana, full- or half-width), a romanised name or a registry number; a query that looks like a telephone
 * number ({@link PhoneNumber#looksLikePhone}) matches the HCP's own number or their primary institution's.
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

	/** The digits of a query that is a telephone number (or its beginning); null for a name. */
	public String phoneDigits() {
		return PhoneNumber.looksLikePhone(this.query) ? PhoneNumber.digits(this.query) : null;
	}

}
