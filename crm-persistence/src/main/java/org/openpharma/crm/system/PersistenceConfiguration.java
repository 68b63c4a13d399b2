package org.openpharma.crm.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Beans the application services need wherever they run (the app, persistence tests, tools). */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

	/** The time every service reads; tests replace it to move time without sleeping. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** bcrypt by default, with the algorithm id stored so that hashes can be upgraded later. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
