package org.openpharma.crm.delivery.web;

import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.content.ContentViewers;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** The signed-in user as the library and the delivery services see them: name, roles and department. */
@Component
class Senders {

	private final ContentViewers viewers;

	Senders(ContentViewers viewers) {
		this.viewers = viewers;
	}

	ContentViewer of(Authentication user) {
		return this.viewers.of(user.getName(), Policy.roles(user));
	}

}
