/**
 * The check in PDCA (issue 16, docs/adr/0036): what happened after the suggestions people accepted and dismissed, per
 * stage policy rule — counts and associations, never proof. A campaign section joins it later with its own query.
 * Application module {@code worked}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "worked", allowedDependencies = { "action", "shared", "stage", "user" })
package org.openpharma.crm.worked;

import org.springframework.modulith.ApplicationModule;
