/**
 * Information needs raised in the field and their board.
 * Application module {@code need}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "need", allowedDependencies = { "audit", "hcp", "privacy", "shared", "user" })
package org.openpharma.crm.need;

import org.springframework.modulith.ApplicationModule;
