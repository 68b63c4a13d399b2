/**
 * Marketing's segment builder and campaigns: the live count and members as the criteria change, saved segments,
 * launching an e-mail or push campaign with a holdout, and its results. A nested application module of
 * {@code campaign} (docs/adr/0020, docs/adr/0034).
 */
@ApplicationModule(displayName = "campaign screens", allowedDependencies = { "campaign", "consent", "content", "delivery",
		"interaction", "need", "reference", "shared", "stage", "system", "user" })
package org.openpharma.crm.campaign.web;

import org.springframework.modulith.ApplicationModule;
