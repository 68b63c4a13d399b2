/**
 * Healthcare organisations and their affiliations.
 * Application module {@code hco}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "hco", allowedDependencies = { "audit", "hcp", "shared" })
package org.openpharma.crm.hco;

import org.springframework.modulith.ApplicationModule;
