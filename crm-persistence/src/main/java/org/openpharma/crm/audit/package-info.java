/**
 * The append-only audit trail every write goes through (docs/adr/0002).
 * Application module {@code audit}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "audit", allowedDependencies = {})
package org.openpharma.crm.audit;

import org.springframework.modulith.ApplicationModule;
