/**
 * Healthcare professionals: records, search, merge, name dictionary.
 * Application module {@code hcp}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "hcp", allowedDependencies = { "audit", "privacy", "reference", "shared" })
package org.openpharma.crm.hcp;

import org.springframework.modulith.ApplicationModule;
