/**
 * The import screens.
 * A nested application module of {@code imports}: screens may combine the features they show
 * (docs/adr/0020).
 */
@ApplicationModule(displayName = "imports screens", allowedDependencies = { "imports", "shared", "system", "user" })
package org.openpharma.crm.imports.web;

import org.springframework.modulith.ApplicationModule;
