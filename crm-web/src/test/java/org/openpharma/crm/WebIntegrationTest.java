package org.openpharma.crm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port, on this run's PostgreSQL database. Test classes also extend
 * {@link WebTestBase}, which registers the data source.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Failed event publications are retried by EventStreamIntegrationTests' own context only: the contexts share one
// database, and a retry from here would deliver that test's events around the broker link it cuts.
@SpringBootTest(classes = CrmApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "crm.events.stream.retry-interval=1h")
@Import(TestUsers.class)
public @interface WebIntegrationTest {

}
