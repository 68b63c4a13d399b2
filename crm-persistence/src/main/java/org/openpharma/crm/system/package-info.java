/**
 * Security, errors, locale, database bootstrap and health.
 * Application module {@code system}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "system", allowedDependencies = { "audit", "shared", "user" })
package org.openpharma.crm.system;

import org.springframework.modulith.ApplicationModule;
