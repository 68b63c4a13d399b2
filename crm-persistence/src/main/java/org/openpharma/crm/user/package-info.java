/**
 * Users, roles and API tokens.
 * Application module {@code user}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "user", allowedDependencies = { "audit", "reference", "shared" })
package org.openpharma.crm.user;

import org.springframework.modulith.ApplicationModule;
