/**
 * Demo data generation (writes through SQL COPY, no feature types).
 * Application module {@code demo}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "demo", allowedDependencies = { "shared" })
package org.openpharma.crm.demo;

import org.springframework.modulith.ApplicationModule;
