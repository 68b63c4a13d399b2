package org.openpharma.crm;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names no other test uses, so tests sharing one database cannot see each other's rows: a kanji,
 * kana and romaji family name built from a running number.
 */
public final class UniqueNames {

	private static final String KANJI = "零壱弐参肆伍陸漆捌玖";

	private static final String KANA = "アイウエオカキクケコ";

	private static final String ROMAJI = "abcdefghij";

	private static final AtomicInteger COUNTER = new AtomicInteger((int) (System.nanoTime() % 100_000));

	private UniqueNames() {
	}

	/** A fresh family name in three scripts. */
	public record Name(String kanji, String kana, String romaji) {
	}

	public static Name next() {
		String digits = String.format("%06d", COUNTER.incrementAndGet());
		StringBuilder kanji = new StringBuilder("試");
		StringBuilder kana = new StringBuilder("ヌ");
		StringBuilder romaji = new StringBuilder("Zz");
		for (char c : digits.toCharArray()) {
			kanji.append(KANJI.charAt(c - '0'));
			kana.append(KANA.charAt(c - '0'));
			romaji.append(ROMAJI.charAt(c - '0'));
		}
		return new Name(kanji.toString(), kana.toString(), romaji.toString());
	}

	public static String registryNumber() {
		return "T" + COUNTER.incrementAndGet() + (System.nanoTime() % 1000);
	}

}
