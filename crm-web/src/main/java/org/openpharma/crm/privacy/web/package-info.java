/**
 * The data-rights screens and API.
 * A nested application module of {@code privacy}: screens may combine the features they show
 * (docs/adr/0020).
 */
@ApplicationModule(displayName = "privacy screens", allowedDependencies = { "privacy", "shared", "system", "user" })
package org.openpharma.crm.privacy.web;

import org.springframework.modulith.ApplicationModule;
