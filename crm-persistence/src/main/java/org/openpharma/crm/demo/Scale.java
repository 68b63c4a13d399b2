package org.openpharma.crm.demo;

import java.util.Locale;

/**
 * How much demo data to generate. {@code JAPAN} is the size the product is designed for (about 340,000
 * physicians, 8,000 hospitals, 100,000 clinics); {@code SMALL} starts in seconds for a demo.
 */
public enum Scale {

	SMALL(2_000, 150, 800, 100, 20_000, 4_000, 800),

	MEDIUM(34_000, 800, 10_000, 1_000, 1_000_000, 200_000, 3_000),

	JAPAN(340_000, 8_000, 100_000, 10_000, 10_000_000, 2_000_000, 5_000);

	private final int hcps;

	private final int hospitals;

	private final int clinics;

	private final int pharmacies;

	private final int interactions;

	private final int needs;

	private final int maxInteractionsPerHcp;

	Scale(int hcps, int hospitals, int clinics, int pharmacies, int interactions, int needs,
			int maxInteractionsPerHcp) {
		this.hcps = hcps;
		this.hospitals = hospitals;
		this.clinics = clinics;
		this.pharmacies = pharmacies;
		this.interactions = interactions;
		this.needs = needs;
		this.maxInteractionsPerHcp = maxInteractionsPerHcp;
	}

	/** About this many interactions over three years (the heavy tail is capped, so a little fewer). */
	public int interactions() {
		return this.interactions;
	}

	/** About this many information needs (each raised in an interaction). */
	public int needs() {
		return this.needs;
	}

	/** The most interactions one HCP gets (a key opinion leader). */
	public int maxInteractionsPerHcp() {
		return this.maxInteractionsPerHcp;
	}

	public int hcps() {
		return this.hcps;
	}

	public int hospitals() {
		return this.hospitals;
	}

	public int clinics() {
		return this.clinics;
	}

	public int pharmacies() {
		return this.pharmacies;
	}

	/** Case-insensitive ("small", "japan"); a clear message for anything else. */
	public static Scale of(String name) {
		String key = (name == null) ? "" : name.strip().toUpperCase(Locale.ROOT);
		for (Scale scale : values()) {
			if (scale.name().equals(key)) {
				return scale;
			}
		}
		throw new IllegalArgumentException(
				"Unknown demo scale '" + name + "': use one of small, medium, japan");
	}

}
