package org.openpharma.crm;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boot configuration for the persistence module's own tests (entities, repositories, services). */
@SpringBootApplication
public class PersistenceTestApplication {

}
