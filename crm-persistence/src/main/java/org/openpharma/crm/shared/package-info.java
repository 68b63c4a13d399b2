/**
 * Types every module may use: domain exceptions, paging, text rules.
 * Application module {@code shared}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "shared", allowedDependencies = {})
package org.openpharma.crm.shared;

import org.springframework.modulith.ApplicationModule;
