/**
 * Healthcare professionals: records, search, merge, name dictionary.
 * Application module {@code hcp}; its package is split across the jars (docs/adr/0020).
 */
// TODO issue 13: replace with event HcpMerged (HcpManagement.moveRelationship calls
// ConsentLedger.copyForMerge; the merge also rewrites other features' tables in SQL, which
// Modulith cannot see).
@ApplicationModule(displayName = "hcp", allowedDependencies = { "audit", "consent", "reference", "shared" })
package org.openpharma.crm.hcp;

import org.springframework.modulith.ApplicationModule;
