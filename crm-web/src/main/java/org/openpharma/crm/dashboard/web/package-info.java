/**
 * The dashboard screens, API and exports.
 * A nested application module of {@code dashboard}: screens may combine the features they show
 * (docs/adr/0020).
 */
@ApplicationModule(displayName = "dashboard screens", allowedDependencies = { "audit", "dashboard", "reference", "shared", "stage", "system", "user" })
package org.openpharma.crm.dashboard.web;

import org.springframework.modulith.ApplicationModule;
