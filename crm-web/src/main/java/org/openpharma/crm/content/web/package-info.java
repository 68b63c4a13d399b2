/**
 * The content library's screens: the library, an item with its versions and reviews, the upload form.
 * A nested application module of {@code content}: screens may combine the features they show (docs/adr/0020).
 */
@ApplicationModule(displayName = "content screens", allowedDependencies = { "audit", "consent", "content", "need",
		"reference", "shared", "stage", "system", "user" })
package org.openpharma.crm.content.web;

import org.springframework.modulith.ApplicationModule;
