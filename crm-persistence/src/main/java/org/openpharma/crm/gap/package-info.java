/**
 * The content gap: needs that wait for content, grouped by area, product, category and topic, from rollups kept
 * like the dashboards'; content requests raised from a group (docs/adr/0030). Application module {@code gap}; its
 * package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "gap",
		allowedDependencies = { "audit", "content", "need", "reference", "shared", "stage", "user" })
package org.openpharma.crm.gap;

import org.springframework.modulith.ApplicationModule;
