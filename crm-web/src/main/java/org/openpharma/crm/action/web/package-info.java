/**
 * The stage policies' screens: the areas with their current policy, one area's policy with its history, and the edit
 * form that saves a new version. A nested application module of {@code action}: screens may combine the features they
 * show (docs/adr/0020).
 */
@ApplicationModule(displayName = "action screens",
		allowedDependencies = { "action", "consent", "hcp", "reference", "shared", "stage", "system", "user" })
package org.openpharma.crm.action.web;

import org.springframework.modulith.ApplicationModule;
