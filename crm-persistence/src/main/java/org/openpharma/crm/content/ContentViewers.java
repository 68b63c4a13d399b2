package org.openpharma.crm.content;

import java.util.Set;

import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.stereotype.Service;

/** A signed-in user as the library and delivery see them: name, roles and the department from their account. */
@Service
public class ContentViewers {

	private final UserManagement users;

	ContentViewers(UserManagement users) {
		this.users = users;
	}

	public ContentViewer of(String username, Set<Role> roles) {
		return new ContentViewer(username, roles, this.users.departmentOf(username).orElse(""));
	}

}
