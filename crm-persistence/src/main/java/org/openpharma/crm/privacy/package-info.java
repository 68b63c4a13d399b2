/**
 * Data rights: access and erasure requests (docs/adr/0010).
 * Application module {@code privacy}; its package is split across the jars (docs/adr/0020).
 */
// DataRights writes about twelve feature tables in SQL, which Modulith cannot see:
// TODO issue 13: replace with event HcpErased.
@ApplicationModule(displayName = "privacy", allowedDependencies = { "audit", "shared" })
package org.openpharma.crm.privacy;

import org.springframework.modulith.ApplicationModule;
