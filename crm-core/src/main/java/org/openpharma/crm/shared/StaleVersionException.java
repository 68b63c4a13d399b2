package org.openpharma.crm.shared;

/**
 * Someone else saved the record after the caller loaded it. Carries the current version so that the
 * screen can show what changed and let the user decide.
 */
public class StaleVersionException extends RuntimeException {

	private final long submittedVersion;

	private final long currentVersion;

	public StaleVersionException(String what, Object id, long submittedVersion, long currentVersion) {
		super(what + " " + id + " was changed: submitted version " + submittedVersion + ", current " + currentVersion);
		this.submittedVersion = submittedVersion;
		this.currentVersion = currentVersion;
	}

	public long getSubmittedVersion() {
		return this.submittedVersion;
	}

	public long getCurrentVersion() {
		return this.currentVersion;
	}

}
