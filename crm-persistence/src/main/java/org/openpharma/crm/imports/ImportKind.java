package org.openpharma.crm.imports;

import java.util.List;

/** What a CSV import loads, with the header names its file must (and may) have. */
public enum ImportKind {

	/** Healthcare professionals, keyed by registry number. */
	HCP(List.of("registry_number", "name_kanji", "name_kana"),
			List.of("name_romaji", "specialty", "institution_code", "email", "phone")),

	/** Healthcare organisations, keyed by institution code. */
	HCO(List.of("institution_code", "name", "name_kana", "type", "prefecture"),
			List.of("postal_code", "address", "phone", "bed_count")),

	/** Consent records for HCPs known by registry number, appended to the ledger with source IMPORT. */
	CONSENT(List.of("registry_number", "channel", "purpose", "state", "captured_at"), List.of("expires_on", "evidence"));

	private final List<String> requiredHeaders;

	private final List<String> optionalHeaders;

	ImportKind(List<String> requiredHeaders, List<String> optionalHeaders) {
		this.requiredHeaders = requiredHeaders;
		this.optionalHeaders = optionalHeaders;
	}

	/** Columns the file must have (a value may still be optional, e.g. an HCP's registry number). */
	public List<String> requiredHeaders() {
		return this.requiredHeaders;
	}

	/** Columns the file may have; when one is left out, existing records keep their value. */
	public List<String> optionalHeaders() {
		return this.optionalHeaders;
	}

	public boolean isKnownHeader(String header) {
		return this.requiredHeaders.contains(header) || this.optionalHeaders.contains(header);
	}

}
