/**
 * Data rights: access and erasure requests (docs/adr/0010).
 * Application module {@code privacy}; its package is split across the jars (docs/adr/0020).
 */
// Erasure runs in one database function with the owner's rights (crm_erase_hcp, ADR 0017), which writes the
// owning modules' tables; DataRights publishes HcpErased for the event stream. One function per module, called
// from each module's HcpErased handler, is still open (docs/adr/0023, issue 13).
@ApplicationModule(displayName = "privacy", allowedDependencies = { "audit", "shared" })
package org.openpharma.crm.privacy;

import org.springframework.modulith.ApplicationModule;
