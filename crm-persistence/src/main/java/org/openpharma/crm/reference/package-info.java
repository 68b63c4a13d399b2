/**
 * Reference data: regions, departments, therapeutic areas, products.
 * Application module {@code reference}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "reference", allowedDependencies = {})
package org.openpharma.crm.reference;

import org.springframework.modulith.ApplicationModule;
