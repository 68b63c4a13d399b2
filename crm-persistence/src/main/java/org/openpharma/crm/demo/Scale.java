package org.openpharma.crm.demo;

import java.util.Locale;

/**
 * How much demo data to generate. {@code JAPAN} is the size the product is designed for (about 340,000
 * physicians, 8,000 hospitals, 100,000 clinics); {@code SMALL} starts in seconds for a demo.
 */
public enum Scale {

	SMALL(2_000, 150, 800, 100),

	MEDIUM(34_000, 800, 10_000, 1_000),

	JAPAN(340_000, 8_000, 100_000, 10_000);

	private final int hcps;

	private final int hospitals;

	private final int clinics;

	private final int pharmacies;

	Scale(int hcps, int hospitals, int clinics, int pharmacies) {
		this.hcps = hcps;
		this.hospitals = hospitals;
		this.clinics = clinics;
		this.pharmacies = pharmacies;
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
