package org.openpharma.crm.system;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message keys a template passes to the field fragments ({@code label='hcp.email'}) exist, as
 * MessagesConsistencyTests checks the keys templates use as {@code #{...}}.
 */
class FieldFragmentsTests {

	private static final Path MESSAGES = Path.of("src/main/resources/messages");

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Pattern FIELD_CALL = Pattern.compile("fragments/field :: (?:input|select|textarea)\\(([^\\n]*)\\)\\}");

	/** The parameters that name a message key. */
	private static final Pattern KEY_PARAMETER = Pattern
		.compile("\\b(?:label|aria|placeholder|help|none)=\\$?\\{?[^']*'([a-zA-Z0-9_.]+)'");

	@Test
	void everyKeyPassedToAFieldFragmentExistsInBothLanguages() throws IOException {
		Set<String> ja = new TreeSet<>();
		Set<String> en = new TreeSet<>();
		try (Stream<Path> files = Files.list(MESSAGES)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.endsWith("_ja.properties")) {
					ja.addAll(keys(file));
				}
				else if (name.endsWith("_en.properties")) {
					en.addAll(keys(file));
				}
			}
		}
		List<String> used = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path template : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
				Matcher call = FIELD_CALL.matcher(Files.readString(template));
				while (call.find()) {
					for (String parameter : call.group(1).split(",\\s*(?=[a-z]+=)")) {
						Matcher key = KEY_PARAMETER.matcher(parameter);
						if (key.find()) {
							used.add(key.group(1));
							if (!ja.contains(key.group(1)) || !en.contains(key.group(1))) {
								missing.add(TEMPLATES.relativize(template) + ": " + key.group(1));
							}
						}
					}
				}
			}
		}
		assertThat(used).contains("hcp.email", "need.topic", "interaction.correctionReason.help", "common.none",
				"dashboard.filter.japan");
		assertThat(missing).isEmpty();
	}

	private static Set<String> keys(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties.stringPropertyNames();
	}

}
