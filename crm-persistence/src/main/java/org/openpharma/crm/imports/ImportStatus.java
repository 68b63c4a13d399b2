package org.openpharma.crm.imports;

/** Life of an import job; mirrored by the CHECK constraint on import_job.status. */
public enum ImportStatus {

	QUEUED, RUNNING, DONE, FAILED;

	public boolean isFinished() {
		return this == DONE || this == FAILED;
	}

}
