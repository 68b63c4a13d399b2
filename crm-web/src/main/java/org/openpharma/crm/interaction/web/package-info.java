/**
 * The call report form, My HCPs and the pull-event API.
 * A nested application module of {@code interaction}: screens may combine the features they show
 * (docs/adr/0020).
 */
@ApplicationModule(displayName = "interaction screens", allowedDependencies = { "consent", "content", "delivery", "hcp", "inquiry", "interaction", "need", "plan", "reference", "shared", "stage", "system", "user" })
package org.openpharma.crm.interaction.web;

import org.springframework.modulith.ApplicationModule;
