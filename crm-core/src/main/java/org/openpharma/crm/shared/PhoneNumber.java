package org.openpharma.crm.shared;

import java.util.regex.Pattern;

/**
 * Japanese telephone numbers as typed and as searched: a caller's number is found however it was written
 * (03-1234-5678, 0312345678, ０３（１２３４）５６７８, +81 3-1234-5678). The search key is the digits alone, with
 * the country code +81 written as the leading 0; db/migration/V21 computes the same key in SQL ({@code phone_key}).
 */
public final class PhoneNumber {

	/** How a stored number may look after {@link #normalize}: digits, +, hyphens, parentheses and spaces. */
	public static final Pattern STORED = Pattern.compile("^[0-9+()\\- ]{6,20}$");

	/** Digits a search query needs before it is taken for a telephone number (fewer: a name or registry number). */
	public static final int MIN_SEARCH_DIGITS = 4;

	/** Dashes a Japanese keyboard produces between the groups of a number (NFKC leaves them as they are). */
	private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\u30FC]");

	private static final Pattern LOOKS_LIKE_PHONE = Pattern.compile("^\\+?[0-9()\\- ]+$");

	private PhoneNumber() {
	}

	/** NFKC (full-width digits and brackets become ASCII), dashes of every kind become '-', trimmed. */
	public static String normalize(String text) {
		return DASHES.matcher(JapaneseText.normalize(text)).replaceAll("-");
	}

	/** The search key: the digits only, +81 written as 0; empty when there are none. */
	public static String digits(String text) {
		String normalized = normalize(text);
		String digits = normalized.replaceAll("[^0-9]", "");
		if (normalized.startsWith("+81") && digits.length() > 2) {
			return "0" + digits.substring(2);
		}
		return digits;
	}

	/** Whether a search query is a telephone number (or its beginning) rather than a name. */
	public static boolean looksLikePhone(String query) {
		String normalized = normalize(query);
		return LOOKS_LIKE_PHONE.matcher(normalized).matches() && digits(normalized).length() >= MIN_SEARCH_DIGITS;
	}

}
