/**
 * User and API-token administration screens.
 * Application module {@code admin}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "admin", allowedDependencies = { "reference", "shared", "system", "user" })
package org.openpharma.crm.admin;

import org.springframework.modulith.ApplicationModule;
