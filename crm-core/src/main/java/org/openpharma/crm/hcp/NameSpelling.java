package org.openpharma.crm.hcp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Spelling correction for HCP name searches: the words of a query that found nothing are compared
 * with the name words that exist (family and given names in one script, with how many HCPs carry
 * them), and the closest existing spellings are proposed as whole-name prefixes, best first.
 *
 * <p>Closeness is the optimal string alignment distance (insert, delete, replace, swap two neighbours):
 * サトオ → サトウ, stao → sato and 斉藤 → 斎藤 are one edit each. Among equally close proposals the more
 * common name wins, as a person would guess.
 */
public final class NameSpelling {

	/** At most this many proposals per query word, and this many whole-name proposals in all. */
	static final int PER_WORD = 6;

	static final int PROPOSALS = 12;

	/** Names have two or three words; longer queries are not names and go without corrections. */
	static final int MAX_WORDS = 4;

	/** One proposal: the name key prefix to search (words joined without spaces) and its total edits. */
	public record Proposal(String prefix, int edits, long frequency) {
	}

	private record Candidate(String word, int edits, long frequency) {
	}

	private NameSpelling() {
	}

	/**
	 * Proposals for a query given as words in one script (already in the dictionary's form: katakana,
	 * lower-case romaji or kanji). Every proposal is a prefix, so the last word may be unfinished. The
	 * unchanged query is never proposed: it is what found nothing.
	 */
	public static List<Proposal> propose(List<String> words, Map<String, Long> dictionary) {
		if (words.isEmpty() || words.size() > MAX_WORDS || dictionary.isEmpty()) {
			return List.of();
		}
		boolean allKnown = words.stream().allMatch(dictionary::containsKey);
		List<List<Candidate>> perWord = new ArrayList<>();
		for (String word : words) {
			perWord.add(candidates(word, allKnown || !dictionary.containsKey(word), dictionary));
		}
		List<Proposal> proposals = new ArrayList<>();
		combine(perWord, 0, new StringBuilder(), 0, Long.MAX_VALUE, proposals);
		proposals.sort(Comparator.comparingInt(Proposal::edits)
			.thenComparing(Comparator.comparingLong(Proposal::frequency).reversed())
			.thenComparing(Proposal::prefix));
		return proposals.stream().distinct().limit(PROPOSALS).toList();
	}

	private static List<Candidate> candidates(String word, boolean correct, Map<String, Long> dictionary) {
		List<Candidate> found = new ArrayList<>();
		// As typed, too: the last word may be a prefix still being typed, and a name newer than the
		// dictionary is right although the dictionary does not know it.
		found.add(new Candidate(word, 0, dictionary.getOrDefault(word, 1L)));
		if (!correct) {
			return found;
		}
		int allowed = allowedEdits(word);
		List<Candidate> near = new ArrayList<>();
		for (Map.Entry<String, Long> entry : dictionary.entrySet()) {
			String candidate = entry.getKey();
			if (candidate.equals(word) || Math.abs(candidate.length() - word.length()) > allowed) {
				continue;
			}
			int edits = distance(word, candidate, allowed);
			if (edits <= allowed) {
				near.add(new Candidate(candidate, edits, entry.getValue()));
			}
		}
		near.sort(Comparator.comparingInt(Candidate::edits)
			.thenComparing(Comparator.comparingLong(Candidate::frequency).reversed())
			.thenComparing(Candidate::word));
		found.addAll(near.subList(0, Math.min(PER_WORD, near.size())));
		return found;
	}

	/** One edit for short words (a kanji name of two characters, a kana name of three), two from seven up. */
	static int allowedEdits(String word) {
		int length = word.codePointCount(0, word.length());
		if (length < 2) {
			return 0;
		}
		return (length >= 7) ? 2 : 1;
	}

	private static void combine(List<List<Candidate>> perWord, int index, StringBuilder prefix, int edits,
			long frequency, List<Proposal> out) {
		if (index == perWord.size()) {
			if (edits > 0) {
				out.add(new Proposal(prefix.toString(), edits, frequency));
			}
			return;
		}
		for (Candidate candidate : perWord.get(index)) {
			int length = prefix.length();
			prefix.append(candidate.word());
			// A whole name is as common as its rarest word.
			combine(perWord, index + 1, prefix, edits + candidate.edits(), Math.min(frequency, candidate.frequency()),
					out);
			prefix.setLength(length);
		}
	}

	/**
	 * Optimal string alignment distance between two words, by code point; stops early and returns
	 * {@code limit + 1} once the distance must exceed {@code limit}.
	 */
	public static int distance(String a, String b, int limit) {
		int[] s = a.codePoints().toArray();
		int[] t = b.codePoints().toArray();
		if (Math.abs(s.length - t.length) > limit) {
			return limit + 1;
		}
		int[] previous2 = new int[t.length + 1];
		int[] previous = new int[t.length + 1];
		int[] current = new int[t.length + 1];
		for (int j = 0; j <= t.length; j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= s.length; i++) {
			current[0] = i;
			int rowMin = current[0];
			for (int j = 1; j <= t.length; j++) {
				int cost = (s[i - 1] == t[j - 1]) ? 0 : 1;
				int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
				if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1]) {
					value = Math.min(value, previous2[j - 2] + 1);
				}
				current[j] = value;
				rowMin = Math.min(rowMin, value);
			}
			if (rowMin > limit) {
				return limit + 1;
			}
			int[] recycled = previous2;
			previous2 = previous;
			previous = current;
			current = recycled;
		}
		return Math.min(previous[t.length], limit + 1);
	}

}
