/**
 * The e-mail form, the sent-mail list, the HCP page's card of what they received, and the public pages an HCP
 * reaches from a mail: the tracked content with its rating form, and the unsubscribe page.
 * A nested application module of {@code delivery}: screens may combine the features they show (docs/adr/0020).
 */
@ApplicationModule(displayName = "delivery screens", allowedDependencies = { "consent", "content", "delivery", "hcp",
		"shared", "system", "user" })
package org.openpharma.crm.delivery.web;

import org.springframework.modulith.ApplicationModule;
