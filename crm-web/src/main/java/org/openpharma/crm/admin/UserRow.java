package org.openpharma.crm.admin;

import java.util.List;

import org.openpharma.crm.user.Role;

/**
 * One user as the admin screens show it: names resolved for the current language, never the password
 * hash. {@code failedSignIns} counts wrong passwords since the last successful sign-in: a sign that someone
 * may be guessing (it locks nothing, see docs/adr/0013).
 */
public record UserRow(long id, String username, String displayName, String department, List<Role> roles,
		List<String> territories, boolean enabled, boolean systemUser, int failedSignIns, long version) {

}
