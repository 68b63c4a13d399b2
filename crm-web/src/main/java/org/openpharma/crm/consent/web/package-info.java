/**
 * The consent screens and the self-service page.
 * A nested application module of {@code consent}: screens may combine the features they show
 * (docs/adr/0020).
 */
@ApplicationModule(displayName = "consent screens", allowedDependencies = { "consent", "hcp", "shared", "system", "user" })
package org.openpharma.crm.consent.web;

import org.springframework.modulith.ApplicationModule;
