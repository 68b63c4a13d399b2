package org.openpharma.crm.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.openpharma.crm.shared.FieldViolation;

/**
 * Which passwords may be set (OWASP ASVS 2.1, NIST SP 800-63B): long enough, and not one an attacker tries
 * first. No composition rules: a long passphrase with spaces is welcome. Refused are blank passwords, one
 * character repeated, passwords made only of runs such as {@code 1234} or {@code abc}, passwords that
 * contain the user name, and commonly used passwords and their obvious variants ({@code password1234},
 * {@code P@ssw0rd!}).
 */
public final class PasswordPolicy {

	/** Long enough to resist guessing; passphrases are encouraged. */
	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	/** User names shorter than this (such as {@code mr}) occur in ordinary words and are not looked for. */
	static final int MIN_USERNAME_TO_LOOK_FOR = 3;

	/** A run of at least this many characters (abc, 321, aaa) counts as sequential. */
	static final int MIN_RUN = 3;

	private static final String COMMON_LIST = "common-passwords.txt";

	private static final class Standard {

		static final PasswordPolicy INSTANCE = new PasswordPolicy(load());

	}

	private final Set<String> common;

	PasswordPolicy(Set<String> commonPasswords) {
		this.common = Set.copyOf(commonPasswords);
	}

	/** The policy with the bundled list of a few thousand commonly used passwords. */
	public static PasswordPolicy standard() {
		return Standard.INSTANCE;
	}

	/** The first rule the password breaks, as a violation of the field {@code password}; empty when it may be set. */
	public Optional<FieldViolation> check(String password, String username) {
		String code = null;
		Object argument = null;
		if (password == null || password.isBlank()) {
			code = "user.password.blank";
		}
		else if (password.length() < MIN_LENGTH) {
			code = "user.password.tooShort";
			argument = MIN_LENGTH;
		}
		else if (password.length() > MAX_LENGTH) {
			code = "validation.tooLong";
			argument = MAX_LENGTH;
		}
		else if (isOneCharacterRepeated(password)) {
			code = "user.password.repeated";
		}
		else if (isSequential(password)) {
			code = "user.password.sequential";
		}
		else if (containsUsername(password, username)) {
			code = "user.password.containsUsername";
		}
		else if (isCommon(password)) {
			code = "user.password.common";
		}
		if (code == null) {
			return Optional.empty();
		}
		return Optional.of((argument != null) ? new FieldViolation("password", code, argument)
				: new FieldViolation("password", code));
	}

	static boolean isOneCharacterRepeated(String password) {
		return password.codePoints().distinct().count() == 1;
	}

	/**
	 * Made only of runs of at least {@link #MIN_RUN} characters that each go up by one, down by one or stay
	 * the same, such as {@code 123456789012}, {@code abcdefghijkl}, {@code abcabcabcabc} or
	 * {@code 1234abcd4321}; digits wrap around (…8, 9, 0, 1…).
	 */
	static boolean isSequential(String password) {
		int[] c = password.toLowerCase(Locale.ROOT).codePoints().toArray();
		int start = 0;
		while (start < c.length) {
			int end = start;
			if (start + 1 < c.length) {
				int step = step(c[start], c[start + 1]);
				if (step == Integer.MIN_VALUE) {
					return false;
				}
				end = start + 1;
				while (end + 1 < c.length && step(c[end], c[end + 1]) == step) {
					end++;
				}
			}
			if (end - start + 1 < MIN_RUN) {
				return false;
			}
			start = end + 1;
		}
		return true;
	}

	/** -1, 0 or +1 between two characters (digits wrap around); {@code MIN_VALUE} for anything else. */
	private static int step(int a, int b) {
		int d = b - a;
		if (Character.isDigit(a) && Character.isDigit(b)) {
			if (d == -9) {
				d = 1;
			}
			else if (d == 9) {
				d = -1;
			}
		}
		return (d >= -1 && d <= 1) ? d : Integer.MIN_VALUE;
	}

	static boolean containsUsername(String password, String username) {
		if (username == null || username.strip().length() < MIN_USERNAME_TO_LOOK_FOR) {
			return false;
		}
		return password.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT));
	}

	/**
	 * On the list, compared case-insensitively, also once digits, punctuation and spaces around it are
	 * taken off ({@code password1234}, {@code !dragon2026}) and with the usual look-alike digits read as
	 * letters ({@code p@ssw0rd}).
	 */
	boolean isCommon(String password) {
		String lower = password.toLowerCase(Locale.ROOT);
		String word = strip(lower, false);
		String letters = strip(lower, true);
		return this.common.contains(lower) || this.common.contains(unLeet(lower)) || this.common.contains(word)
				|| this.common.contains(unLeet(word))
				|| (!letters.isEmpty() && (this.common.contains(letters) || this.common.contains(unLeet(letters))));
	}

	/** Takes off what surrounds a word: punctuation and spaces, and with {@code digitsToo} digits as well. */
	private static String strip(String s, boolean digitsToo) {
		int from = 0;
		int to = s.length();
		while (from < to && isPadding(s.charAt(from), digitsToo)) {
			from++;
		}
		while (to > from && isPadding(s.charAt(to - 1), digitsToo)) {
			to--;
		}
		return s.substring(from, to);
	}

	private static boolean isPadding(char ch, boolean digitsToo) {
		return !Character.isLetter(ch) && (digitsToo || !Character.isDigit(ch));
	}

	private static String unLeet(String s) {
		StringBuilder plain = new StringBuilder(s.length());
		for (char ch : s.toCharArray()) {
			plain.append(switch (ch) {
				case '0' -> 'o';
				case '1', '!' -> 'i';
				case '3' -> 'e';
				case '4', '@' -> 'a';
				case '5', '$' -> 's';
				case '7' -> 't';
				default -> ch;
			});
		}
		return plain.toString();
	}

	private static Set<String> load() {
		try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_LIST)) {
			if (in == null) {
				throw new IllegalStateException(COMMON_LIST + " is missing from the class path");
			}
			Set<String> words = new HashSet<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String word = line.strip();
				if (!word.isEmpty() && !word.startsWith("#")) {
					words.add(word.toLowerCase(Locale.ROOT));
				}
			}
			return words;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
