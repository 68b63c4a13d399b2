package org.openpharma.crm.shared;

import java.time.ZoneId;

/**
 * The company's time zone: months, days, business calendars and the times shown on screens are Japanese. The one
 * place it is written (a test keeps it so).
 */
public final class Japan {

	public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

	private Japan() {
	}

}
