/**
 * The HCO screens and API.
 * A nested application module of {@code hco}: screens may combine the features they show
 * (docs/adr/0020).
 */
@ApplicationModule(displayName = "hco screens", allowedDependencies = { "hco", "hcp", "reference", "shared", "system" })
package org.openpharma.crm.hco.web;

import org.springframework.modulith.ApplicationModule;
