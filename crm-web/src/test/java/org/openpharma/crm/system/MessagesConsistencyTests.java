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
 * Japanese and English from day one: every bundle has the same keys in both languages, every
 * message key a template uses exists, and templates hold no literal text outside expressions.
 */
class MessagesConsistencyTests {

	private static final Path MESSAGES = Path.of("src/main/resources/messages");

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/** Literal text between tags that is not a Thymeleaf placeholder replaced at runtime. */
	private static final Pattern TEXT_BETWEEN_TAGS = Pattern.compile(">([^<>]*\\p{L}[^<>]*)<");

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[(}]");

	@Test
	void everyBundleHasTheSameKeysInJapaneseAndEnglish() throws IOException {
		for (String bundle : bundles()) {
			Set<String> ja = keys(MESSAGES.resolve(bundle + "_ja.properties"));
			Set<String> en = keys(MESSAGES.resolve(bundle + "_en.properties"));
			assertThat(ja).as("keys in %s_ja but not in %s_en", bundle, bundle).isSubsetOf(en);
			assertThat(en).as("keys in %s_en but not in %s_ja", bundle, bundle).isSubsetOf(ja);
		}
	}

	/** A key defined twice silently takes the later text: "last change" once read "the HCP was saved". */
	@Test
	void noBundleDefinesAKeyTwiceAndBundlesDoNotShareKeys() throws IOException {
		java.util.Map<String, String> owner = new java.util.HashMap<>();
		for (String bundle : bundles()) {
			for (String language : List.of("_ja", "_en")) {
				Path file = MESSAGES.resolve(bundle + language + ".properties");
				Set<String> seen = new TreeSet<>();
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					String trimmed = line.strip();
					if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
						continue;
					}
					String key = trimmed.substring(0, trimmed.indexOf('=')).strip();
					assertThat(seen.add(key)).as("%s defines %s twice", file, key).isTrue();
					String previous = owner.putIfAbsent(key + language, bundle);
					assertThat(previous == null || previous.equals(bundle)).as("%s is in bundles %s and %s", key, previous,
							bundle).isTrue();
				}
			}
		}
	}

	@Test
	void everyMessageKeyUsedInATemplateExists() throws IOException {
		Set<String> all = new TreeSet<>();
		for (String bundle : bundles()) {
			all.addAll(keys(MESSAGES.resolve(bundle + "_en.properties")));
		}
		List<String> missing = new ArrayList<>();
		for (Path template : templates()) {
			Matcher m = MESSAGE_KEY.matcher(Files.readString(template));
			while (m.find()) {
				if (!all.contains(m.group(1))) {
					missing.add(TEMPLATES.relativize(template) + ": " + m.group(1));
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void templatesHoldNoLiteralTextOutsideReplacedElements() throws IOException {
		List<String> literals = new ArrayList<>();
		for (Path template : templates()) {
			String content = Files.readString(template);
			Matcher m = TEXT_BETWEEN_TAGS.matcher(content);
			while (m.find()) {
				String text = m.group(1).strip();
				// Text inside an element whose content Thymeleaf replaces (th:text, th:utext) is a preview only.
				int tagStart = content.lastIndexOf('<', m.start());
				String tag = (tagStart >= 0) ? content.substring(tagStart, m.start() + 1) : "";
				boolean replaced = tag.contains("th:text") || tag.contains("th:utext") || tag.contains("th:errors")
						|| tag.contains("sec:authentication") || tag.contains("th:replace") || tag.startsWith("<!--");
				boolean languageName = text.equals("日本語") || text.equals("English");
				if (!text.isEmpty() && !replaced && !languageName) {
					int line = content.substring(0, m.start()).split("\n", -1).length;
					literals.add(TEMPLATES.relativize(template) + ":" + line + ": " + text);
				}
			}
		}
		assertThat(literals).isEmpty();
	}

	private static List<String> bundles() throws IOException {
		try (Stream<Path> files = Files.list(MESSAGES)) {
			return files.map(p -> p.getFileName().toString())
				.filter(n -> n.endsWith("_en.properties"))
				.map(n -> n.substring(0, n.length() - "_en.properties".length()))
				.sorted()
				.toList();
		}
	}

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
		}
	}

	private static Set<String> keys(Path file) throws IOException {
		assertThat(file).exists();
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return new TreeSet<>(properties.stringPropertyNames());
	}

}
