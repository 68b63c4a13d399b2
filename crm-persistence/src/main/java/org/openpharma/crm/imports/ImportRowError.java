package org.openpharma.crm.imports;

/**
 * Why one row was not imported: the row number as the file shows it (the header is row 1), the CSV
 * column (null when the row as a whole is wrong), the message and the raw value (at most 300 chars).
 */
public record ImportRowError(int rowNumber, String field, ImportMessage message, String rawValue) {

	static final int RAW_MAX = 300;

	public ImportRowError {
		if (rawValue != null && rawValue.length() > RAW_MAX) {
			rawValue = rawValue.substring(0, RAW_MAX);
		}
	}

	static ImportRowError of(ImportRow row, String field, String code, Object... args) {
		return new ImportRowError(row.line(), field, ImportMessage.of(code, args),
				(field != null) ? row.get(field) : null);
	}

}
