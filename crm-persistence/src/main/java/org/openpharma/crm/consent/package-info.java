/**
 * The consent ledger, purposes and breaches (docs/adr/0009, 0016).
 * Application module {@code consent}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "consent", allowedDependencies = { "audit", "hcp", "privacy", "shared" })
package org.openpharma.crm.consent;

import org.springframework.modulith.ApplicationModule;
