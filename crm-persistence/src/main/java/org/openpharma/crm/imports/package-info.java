/**
 * CSV imports of HCPs, HCOs and consents.
 * Application module {@code imports}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "imports", allowedDependencies = { "audit", "consent", "hco", "hcp", "reference", "shared" })
package org.openpharma.crm.imports;

import org.springframework.modulith.ApplicationModule;
