package org.openpharma.crm.imports;

import java.util.Map;

/**
 * One data row of the file: the line it starts on (header = line 1), the values of the known columns
 * present in the file (keyed by lower-case header name), and its column count.
 */
record ImportRow(int line, Map<String, String> values, int columns, int expectedColumns) {

	ImportRow {
		values = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(values));
	}

	/** Whether the file has this column at all (an absent optional column leaves stored values alone). */
	boolean has(String header) {
		return this.values.containsKey(header);
	}

	/** The raw value, or null when the column is absent or the row is too short. */
	String get(String header) {
		return this.values.get(header);
	}

	boolean isBlank(String header) {
		String value = get(header);
		return value == null || value.isBlank();
	}

}
