package org.openpharma.crm.content;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Chooses the file store: {@code crm.content.files.store} = filesystem (default) or database. */
@Configuration(proxyBeanMethods = false)
class ContentConfiguration {

	@Bean
	ContentFileStore contentFileStore(@Value("${crm.content.files.store:filesystem}") String store,
			@Value("${crm.content.files.directory:data/content-files}") String directory, JdbcTemplate jdbc) {
		return switch (store) {
			case "database" -> new DatabaseFileStore(jdbc);
			case "filesystem" -> new FilesystemFileStore(Path.of(directory).toAbsolutePath());
			default -> throw new IllegalStateException(
					"crm.content.files.store must be 'filesystem' or 'database', not '" + store + "'");
		};
	}

}
