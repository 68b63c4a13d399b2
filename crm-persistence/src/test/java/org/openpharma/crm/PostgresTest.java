package org.openpharma.crm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A Spring context of the persistence module on this run's PostgreSQL database; the class must also
 * extend {@link PostgresTestBase} (which registers the data source).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = PersistenceTestApplication.class)
public @interface PostgresTest {

}
