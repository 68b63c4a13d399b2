package org.openpharma.crm.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.user.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role has a label on the admin screens in both languages. (Key parity and literal text in
 * templates are checked for all bundles by MessagesConsistencyTests.)
 */
class AdminMessagesTests {

	@Test
	void everyRoleHasALabelInBothLanguages() throws IOException {
		for (String bundle : new String[] { "messages/admin_en.properties", "messages/admin_ja.properties" }) {
			Properties messages = load(bundle);
			for (Role role : Role.values()) {
				assertThat(messages).as(bundle).containsKey("admin.role." + role.name());
			}
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
