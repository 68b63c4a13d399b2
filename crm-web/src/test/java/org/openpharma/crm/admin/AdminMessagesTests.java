package org.openpharma.crm.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.user.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin screens' bundle has every key in Japanese and English, every key the admin templates use
 * exists, and no template line shows literal text instead of a message.
 */
class AdminMessagesTests {

	private static final Pattern STATIC_KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]");

	private static final Pattern TOKEN = Pattern.compile("<[^>]*>|[^<]+");

	@Test
	void bothLanguagesHaveTheSameKeys() throws IOException {
		Properties en = load("messages/admin_en.properties");
		Properties ja = load("messages/admin_ja.properties");
		assertThat(en.stringPropertyNames()).isNotEmpty().isEqualTo(ja.stringPropertyNames());
		en.forEach((key, value) -> assertThat(value.toString()).as("en " + key).isNotBlank());
		ja.forEach((key, value) -> assertThat(value.toString()).as("ja " + key).isNotBlank());
		assertThat(load("messages/admin.properties")).isEmpty();
	}

	@Test
	void everyRoleHasALabel() throws IOException {
		Properties en = load("messages/admin_en.properties");
		for (Role role : Role.values()) {
			assertThat(en).containsKey("admin.role." + role.name());
		}
	}

	@Test
	void templatesUseOnlyKnownKeys() throws Exception {
		Properties en = load("messages/messages_en.properties");
		en.putAll(load("messages/admin_en.properties"));
		Properties ja = load("messages/messages_ja.properties");
		ja.putAll(load("messages/admin_ja.properties"));
		for (Path template : templates()) {
			Matcher m = STATIC_KEY.matcher(Files.readString(template));
			while (m.find()) {
				assertThat(en).as(template + " (en)").containsKey(m.group(1));
				assertThat(ja).as(template + " (ja)").containsKey(m.group(1));
			}
		}
	}

	@Test
	void templatesHaveNoLiteralText() throws Exception {
		List<String> offenders = new ArrayList<>();
		for (Path template : templates()) {
			String lastTag = "";
			Matcher m = TOKEN.matcher(Files.readString(template));
			while (m.find()) {
				String token = m.group();
				if (token.startsWith("<")) {
					lastTag = token;
				}
				else if (token.codePoints().anyMatch(Character::isLetter) && !lastTag.contains("th:text")
						&& !lastTag.contains("th:utext") && !lastTag.contains("th:errors")) {
					offenders.add(template.getFileName() + ": " + token.strip());
				}
			}
		}
		assertThat(offenders).isEmpty();
	}

	private static List<Path> templates() throws IOException, URISyntaxException {
		Path root = Path.of(AdminMessagesTests.class.getResource("/templates/admin").toURI());
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(p -> p.toString().endsWith(".html")).toList();
		}
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = AdminMessagesTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
