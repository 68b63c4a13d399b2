/**
 * The "what worked" page (docs/adr/0036): per area and period, the stage policy rules' section (a fragment of its own,
 * {@code worked/rules}); a campaign section joins it as another fragment. A nested application module of
 * {@code worked}: screens may combine the features they show (docs/adr/0020).
 */
@ApplicationModule(displayName = "worked screens",
		allowedDependencies = { "action", "campaign", "reference", "shared", "stage", "system", "user", "worked" })
package org.openpharma.crm.worked.web;

import org.springframework.modulith.ApplicationModule;
