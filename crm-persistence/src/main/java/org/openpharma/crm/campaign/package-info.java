/**
 * Marketing's segments and campaigns (issue 16, docs/adr/0034): saved segments that stay live, campaigns that freeze
 * a segment's members at launch with a holdout, queue approved e-mails through the outbox or put a push suggestion
 * into the MRs' next actions, and their results against the holdout. Application module {@code campaign}; its
 * package is split across the jars (docs/adr/0020).
 */
// delivery: a campaign's mail is an approved e-mail (ContentEmails); consent: checked per member; action: the
// stage policy's fatigue cap, and a push campaign's HCPs marked for their next actions; content: the items.
@ApplicationModule(displayName = "campaign", allowedDependencies = { "action", "audit", "consent", "content",
		"delivery", "hcp", "interaction", "need", "reference", "shared", "stage", "user" })
package org.openpharma.crm.campaign;

import org.springframework.modulith.ApplicationModule;
