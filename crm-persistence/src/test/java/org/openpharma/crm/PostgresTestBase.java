package org.openpharma.crm;

import org.openpharma.crm.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Points every persistence test at this run's PostgreSQL database (see TestDatabase). */
public abstract class PostgresTestBase {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

}
