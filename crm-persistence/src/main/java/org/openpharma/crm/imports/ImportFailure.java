package org.openpharma.crm.imports;

/** The file as a whole cannot be imported (encoding, header, CSV syntax); ends the job as FAILED. */
class ImportFailure extends RuntimeException {

	private final ImportMessage reason;

	ImportFailure(String code, Object... args) {
		super(code);
		this.reason = ImportMessage.of(code, args);
	}

	ImportMessage reason() {
		return this.reason;
	}

}
