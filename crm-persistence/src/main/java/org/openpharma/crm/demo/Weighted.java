package org.openpharma.crm.demo;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Draws items with probabilities proportional to integer weights (cumulative table, binary search). */
final class Weighted<T> {

	private final List<T> items;

	private final long[] cumulative;

	Weighted(List<T> items, int[] weights) {
		if (items.size() != weights.length || items.isEmpty()) {
			throw new IllegalArgumentException("one weight per item, at least one item");
		}
		this.items = List.copyOf(items);
		this.cumulative = new long[weights.length];
		long sum = 0;
		for (int i = 0; i < weights.length; i++) {
			sum += Math.max(0, weights[i]);
			this.cumulative[i] = sum;
		}
		if (sum == 0) {
			throw new IllegalArgumentException("all weights are zero");
		}
	}

	T pick(SplittableRandom random) {
		return this.items.get(index(this.cumulative, random));
	}

	/** The index drawn from a cumulative weight table (shared with callers that keep plain arrays). */
	static int index(long[] cumulative, SplittableRandom random) {
		long r = random.nextLong(cumulative[cumulative.length - 1]);
		int i = Arrays.binarySearch(cumulative, r + 1);
		// binarySearch finds the first slot whose running total exceeds r (or its insertion point).
		return (i >= 0) ? firstOf(cumulative, i) : -i - 1;
	}

	private static int firstOf(long[] cumulative, int i) {
		// Zero weights repeat a running total; step back to the first slot holding it.
		while (i > 0 && cumulative[i - 1] == cumulative[i]) {
			i--;
		}
		return i;
	}

}
