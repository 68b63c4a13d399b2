/**
 * Patient lifetime screens (docs/adr/0035): the card on the HCP page (loaded by htmx) and the managers' view by
 * region among the dashboards. A nested application module of {@code lifetime} (docs/adr/0020).
 */
// dashboard: the dashboards' filter rules (DashboardFilter) for the managers' view.
@ApplicationModule(displayName = "lifetime screens", allowedDependencies = { "dashboard", "lifetime", "reference", "shared", "system", "user" })
package org.openpharma.crm.lifetime.web;

import org.springframework.modulith.ApplicationModule;
