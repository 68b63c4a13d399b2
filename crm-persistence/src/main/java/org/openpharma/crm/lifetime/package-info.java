/**
 * Patient lifetime value per HCP (issue 16, docs/adr/0035): the patients each HCP reported treating, month by month
 * and cumulative (patient-months) per therapeutic area, and the same by region for managers. Counts only, never a
 * patient; no revenue. Application module {@code lifetime}; its package is split across the jars (docs/adr/0020).
 */
// user: WorkScope, the manager's territories.
@ApplicationModule(displayName = "lifetime", allowedDependencies = { "shared", "user" })
package org.openpharma.crm.lifetime;

import org.springframework.modulith.ApplicationModule;
