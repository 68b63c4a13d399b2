package org.openpharma.crm.need;

/**
 * A record of another feature a need points to (the interaction it was met in, the medical inquiry that answered it),
 * with the HCP that record is about: {@code hcpId} is null when no such record exists. The need refuses a record of
 * another HCP.
 */
public record LinkedRecord(long id, Long hcpId) {

	/** An id that names no record. */
	public static LinkedRecord missing(long id) {
		return new LinkedRecord(id, null);
	}

}
