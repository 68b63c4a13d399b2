/**
 * The MR's call plan: planned calls, their day and channel, and how they end (done by an interaction, cancelled,
 * or missed when their day has passed). Application module {@code plan}; its package is split across the jars
 * (docs/adr/0020, docs/adr/0032).
 */
// interaction: a plan is for a push channel and becomes the interaction that logs it;
// delivery, content: the item planned to be shown; consent: checked when planned.
@ApplicationModule(displayName = "plan", allowedDependencies = { "action", "audit", "consent", "content", "delivery", "hcp", "interaction", "privacy", "reference", "shared", "user" })
package org.openpharma.crm.plan;

import org.springframework.modulith.ApplicationModule;
