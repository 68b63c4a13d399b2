package org.openpharma.crm.delivery.web;

import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.UserManagement;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** The signed-in user as the library and the delivery services see them: name, roles and department. */
@Component
class Senders {

	private final UserManagement users;

	Senders(UserManagement users) {
		this.users = users;
	}

	ContentViewer of(Authentication user) {
		return new ContentViewer(user.getName(), Policy.roles(user), this.users.departmentOf(user.getName()).orElse(""));
	}

}
