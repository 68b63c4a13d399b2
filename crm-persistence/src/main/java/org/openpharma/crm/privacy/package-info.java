/**
 * Data rights: access and erasure requests (docs/adr/0010).
 * Application module {@code privacy}; its package is split across the jars (docs/adr/0020).
 */
// Erasure: DataRights publishes HcpErased and each module erases its own tables in its handler (docs/adr/0023).
@ApplicationModule(displayName = "privacy", allowedDependencies = { "audit", "shared" })
package org.openpharma.crm.privacy;

import org.springframework.modulith.ApplicationModule;
