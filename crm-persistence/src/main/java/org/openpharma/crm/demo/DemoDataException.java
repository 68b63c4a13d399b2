package org.openpharma.crm.demo;

/** Demo data could not be loaded (a COPY or reference insert failed); the whole load is rolled back. */
public class DemoDataException extends RuntimeException {

	public DemoDataException(String message, Throwable cause) {
		super(message, cause);
	}

}
