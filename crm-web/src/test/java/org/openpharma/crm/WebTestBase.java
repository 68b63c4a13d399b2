package org.openpharma.crm;

import org.openpharma.crm.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Points the application under test at this run's PostgreSQL database. */
public abstract class WebTestBase {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

}
