/**
 * The needs board.
 * A nested application module of {@code need}: screens may combine the features they show
 * (docs/adr/0020).
 */
@ApplicationModule(displayName = "need screens", allowedDependencies = { "audit", "hcp", "need", "reference", "shared", "system", "user" })
package org.openpharma.crm.need.web;

import org.springframework.modulith.ApplicationModule;
