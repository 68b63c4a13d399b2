package org.openpharma.crm;

import org.openpharma.crm.system.DatabaseBootstrap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The CRM: one shared record per healthcare professional for every department. */
@SpringBootApplication
@EnableAsync
@EnableScheduling
public class CrmApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(CrmApplication.class);
		application.addListeners(new DatabaseBootstrap());
		application.run(args);
	}

}
