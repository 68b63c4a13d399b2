package org.openpharma.crm.shared;

/** Something asked for by id does not exist (or the caller may not know it does). */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object id) {
		super(what + " " + id + " not found");
	}

}
