package org.openpharma.crm.demo;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * With the {@code demo} profile, fills an empty database with demo data at start-up
 * ({@code crm.demo.scale}: small, medium or japan; {@code crm.demo.seed}). With
 * {@code crm.demo.exit-after-load=true} the application stops after loading, for scripts that load a
 * large data set once and then start the application separately.
 */
@Component
@Profile("demo")
class DemoDataRunner implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

	private final DemoDataGenerator generator;

	private final ConfigurableApplicationContext context;

	private final String scale;

	private final long seed;

	private final boolean exitAfterLoad;

	DemoDataRunner(DemoDataGenerator generator, ConfigurableApplicationContext context,
			@Value("${crm.demo.scale:small}") String scale, @Value("${crm.demo.seed:42}") long seed,
			@Value("${crm.demo.exit-after-load:false}") boolean exitAfterLoad) {
		this.generator = generator;
		this.context = context;
		this.scale = scale;
		this.seed = seed;
		this.exitAfterLoad = exitAfterLoad;
	}

	@Override
	public void run(ApplicationArguments args) {
		Scale scale = Scale.of(this.scale);
		log.info("Demo profile: generating {} demo data with seed {} (skipped when the customer master has data)",
				scale.name().toLowerCase(Locale.ROOT), this.seed);
		GenerationReport report = this.generator.generate(scale, this.seed);
		log.info(report.summary());
		if (!report.nothingCreated()) {
			log.info("Demo users (password '{}'): mr01 … mr12, marketing, medical, callcenter, manager, admin, privacy",
					DemoDataGenerator.demoPassword());
		}
		if (this.exitAfterLoad) {
			log.info("crm.demo.exit-after-load=true: stopping after the load");
			// Close the context first (pool, server) so the exit is orderly, then end the JVM.
			System.exit(SpringApplication.exit(this.context, () -> 0));
		}
	}

}
