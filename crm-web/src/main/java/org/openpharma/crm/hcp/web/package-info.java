/**
 * The HCP screens and API; the HCP page shows the timeline, consents and inquiries.
 * A nested application module of {@code hcp}: screens may combine the features they show
 * (docs/adr/0020).
 */
@ApplicationModule(displayName = "hcp screens", allowedDependencies = { "audit", "consent", "content", "delivery", "hcp", "inquiry", "interaction", "reference", "shared", "system", "user" })
package org.openpharma.crm.hcp.web;

import org.springframework.modulith.ApplicationModule;
