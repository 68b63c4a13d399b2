package org.openpharma.crm.imports;

import java.time.Instant;

/** One import job as the screens show it: counters, status and, when it failed, why. */
public record ImportJob(long id, ImportKind kind, String filename, String encoding, ImportStatus status,
		int totalRows, int processedRows, int createdRows, int updatedRows, int failedRows, ImportMessage failure,
		String startedBy, Instant createdAt, Instant finishedAt) {

	/** Rows identical to the stored record: read, checked, not written. */
	public int unchangedRows() {
		return Math.max(0, this.processedRows - this.createdRows - this.updatedRows - this.failedRows);
	}

	public boolean finished() {
		return this.status.isFinished();
	}

	/** The encoding as chosen or detected ({@link ImportEncoding#AUTO} until detection ran). */
	public ImportEncoding encodingChoice() {
		return ImportEncoding.fromLabel(this.encoding);
	}

	public int percent() {
		if (this.totalRows == 0) {
			return (this.status == ImportStatus.DONE) ? 100 : 0;
		}
		return (int) Math.min(100, (100L * this.processedRows) / this.totalRows);
	}

}
