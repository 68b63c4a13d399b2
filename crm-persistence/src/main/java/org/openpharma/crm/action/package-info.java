/**
 * Next best actions. So far the stage policy: per therapeutic area, how marketing wants HCPs reached at each adoption
 * stage, fatigue caps, quiet periods, versioned and audited (docs/adr/0031); the engine that reads it comes later.
 * Application module {@code action}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "action", allowedDependencies = { "audit", "consent", "content", "delivery", "hcp",
		"interaction", "need", "privacy", "shared", "stage", "user" })
package org.openpharma.crm.action;

import org.springframework.modulith.ApplicationModule;
