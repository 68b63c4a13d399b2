package org.openpharma.crm.shared;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Normalises Japanese names so that a search finds a doctor however the name was typed: full- or
 * half-width, hiragana or katakana, with or without spaces.
 */
public final class JapaneseText {

	private static final Pattern KANA = Pattern.compile("^[\\u30A0-\\u30FF ]+$");

	private static final Pattern ROMAJI = Pattern.compile("^[A-Za-z][A-Za-z .'-]*$");

	/** Digits, Latin letters and ASCII punctuation do not belong in a kanji name. */
	private static final Pattern NOT_IN_KANJI_NAME = Pattern.compile("[0-9A-Za-z!-/:-@\\[-`{-~]");

	private JapaneseText() {
	}

	/** NFKC (half-width kana and full-width ASCII become standard forms), single spaces, trimmed. */
	public static String normalize(String text) {
		if (text == null) {
			return "";
		}
		return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
	}

	/** A reading in full-width katakana: hiragana become katakana, half-width becomes full-width. */
	public static String toKatakana(String text) {
		String normalized = normalize(text);
		StringBuilder sb = new StringBuilder(normalized.length());
		for (int i = 0; i < normalized.length(); i++) {
			char c = normalized.charAt(i);
			sb.append((c >= '\u3041' && c <= '\u3096') ? (char) (c + 0x60) : c);
		}
		return sb.toString();
	}

	/** The form the database compares against: katakana, no spaces. */
	public static String kanaKey(String text) {
		return toKatakana(text).replace(" ", "");
	}

	/**
	 * The key a topic is grouped and matched by: NFKC, katakana, lower case, no spaces; so 「ＨｂＡ１ｃ 目標」,
	 * 「hba1c目標」 and 「HbA1c 目標」 are one topic, as are ていきょう and テイキョウ.
	 */
	public static String topicKey(String text) {
		return toKatakana(text).toLowerCase(java.util.Locale.ROOT).replace(" ", "");
	}

	public static String kanjiKey(String text) {
		return normalize(text).replace(" ", "");
	}

	public static String romajiKey(String text) {
		return normalize(text).replace(" ", "").toLowerCase(java.util.Locale.ROOT);
	}

	/** True when the text (after {@link #toKatakana}) holds only katakana, the long-vowel mark and spaces. */
	public static boolean isKana(String text) {
		return KANA.matcher(toKatakana(text)).matches();
	}

	public static boolean isRomaji(String text) {
		return ROMAJI.matcher(normalize(text)).matches();
	}

	public static boolean isKanjiName(String text) {
		String normalized = normalize(text);
		return !normalized.isEmpty() && !NOT_IN_KANJI_NAME.matcher(normalized).find();
	}

	/** Whether a search term looks like a kana reading (so it should be matched against the kana key). */
	public static boolean looksLikeKana(String text) {
		return !text.isBlank() && isKana(text);
	}

	/** Escapes LIKE wildcards so user input is matched literally. */
	public static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
