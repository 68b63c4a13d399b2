/**
 * The call plan's screens: the planner's week (drag a card to another day), planning by hand, and the manager's
 * plan against done of their reps. A nested application module of {@code plan} (docs/adr/0020, docs/adr/0032).
 */
@ApplicationModule(displayName = "plan screens", allowedDependencies = { "consent", "content", "delivery", "hcp", "interaction", "plan", "reference", "shared", "system", "user" })
package org.openpharma.crm.plan.web;

import org.springframework.modulith.ApplicationModule;
