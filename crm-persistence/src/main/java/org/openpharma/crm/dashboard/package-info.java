/**
 * Dashboards, rollups and patient targets (docs/adr/0012).
 * Application module {@code dashboard}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "dashboard",
		allowedDependencies = { "audit", "hcp", "inquiry", "interaction", "need", "reference", "shared", "stage" })
package org.openpharma.crm.dashboard;

import org.springframework.modulith.ApplicationModule;
