/**
 * Delivery of approved content on a consented channel (issue 15): the ranked picker, approved e-mail through a
 * transactional outbox, tracked links, one-click unsubscribe and the HCP's ratings (docs/adr/0029).
 * Application module {@code delivery}; its package is split across the jars (docs/adr/0020).
 */
// consent: the contact is checked when queued and again when sent; content: what may be sent (types only, its own
// SQL for reads); interaction: the e-mail is a contact (EMAIL_OUT), a view a pull event (WEB_CONTENT); need: a need
// the mail answers is fulfilled with it; privacy: an erasure clears the mails (crm_erase_deliveries).
@ApplicationModule(displayName = "delivery", allowedDependencies = { "audit", "consent", "content", "hcp",
		"interaction", "need", "privacy", "shared", "stage", "user" })
package org.openpharma.crm.delivery;

import org.springframework.modulith.ApplicationModule;
