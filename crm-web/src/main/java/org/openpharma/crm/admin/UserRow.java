package org.openpharma.crm.admin;

import java.util.List;

import org.openpharma.crm.user.Role;

/**
 * One user as the admin screens show it: names resolved for the current language, never the password
 * hash. {@code lockedUntil} is set only while the account is locked after failed sign-ins.
 */
public record UserRow(long id, String username, String displayName, String department, List<Role> roles,
		List<String> territories, boolean enabled, boolean systemUser, String lockedUntil, long version) {

	public boolean locked() {
		return this.lockedUntil != null;
	}

}
