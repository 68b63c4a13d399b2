package org.openpharma.crm;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.stereotype.Component;

/** Creates (once per database) one user per role for tests: username = role in lower case. */
@Component
public class TestUsers {

	public static final String PASSWORD = "test-password-123";

	private final UserManagement users;

	public TestUsers(UserManagement users) {
		this.users = users;
	}

	/** Makes sure a user named after the role exists (e.g. "admin", "mr", "call_center") and returns its name. */
	public synchronized String ensure(Role role) {
		String username = role.name().toLowerCase(Locale.ROOT);
		if (this.users.findByUsername(username).isEmpty()) {
			String department = switch (role) {
				case MR -> "SALES";
				case MARKETING -> "MARKETING";
				case MEDICAL -> "MEDICAL";
				case CALL_CENTER -> "CALL_CENTER";
				case MANAGER -> "MANAGEMENT";
				case ADMIN -> "IT";
				case PRIVACY_OFFICER, REVIEWER -> "COMPLIANCE";
			};
			this.users.create(username, "Test " + role.name(), PASSWORD, department, EnumSet.of(role), Set.of(),
					"test-setup");
		}
		return username;
	}

	public void ensureAll() {
		for (Role role : Role.values()) {
			ensure(role);
		}
	}

}
