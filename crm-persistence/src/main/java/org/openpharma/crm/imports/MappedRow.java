package org.openpharma.crm.imports;

import java.util.List;

/** A row turned into domain details, or the reasons it cannot be (then {@code value} is unusable). */
record MappedRow<T>(T value, List<ImportRowError> errors) {

	MappedRow {
		errors = List.copyOf(errors);
	}

	boolean ok() {
		return this.errors.isEmpty();
	}

	/** A row with more or fewer values than the header has columns is rejected as a whole. */
	static ImportRowError columnCountError(ImportRow row) {
		return (row.columns() != row.expectedColumns()) ? new ImportRowError(row.line(), null,
				ImportMessage.of("import.row.columns", row.expectedColumns(), row.columns()), null) : null;
	}

}
