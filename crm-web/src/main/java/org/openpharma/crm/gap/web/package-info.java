/**
 * The content-gap report (marketing's and medical affairs' home page), its drill-down to the HCPs waiting, content
 * requests, and the "content available" marker on the needs board.
 * A nested application module of {@code gap}: screens may combine the features they show (docs/adr/0020).
 */
@ApplicationModule(displayName = "gap screens",
		allowedDependencies = { "audit", "gap", "need", "reference", "shared", "stage", "system", "user" })
package org.openpharma.crm.gap.web;

import org.springframework.modulith.ApplicationModule;
