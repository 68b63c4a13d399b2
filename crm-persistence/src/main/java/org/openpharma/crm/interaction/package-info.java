/**
 * Interactions (calls, visits, pull events), the timeline and My HCPs (docs/adr/0007).
 * Application module {@code interaction}; its package is split across the jars (docs/adr/0020).
 */
// consent: the contact check before a call is logged (a query, stays synchronous);
// need: needs are raised in the capture transaction (docs/adr/0007);
// inquiry: an inquiry taken by phone (InquiryReceived) is logged as an inbound call, in the intake's transaction.
@ApplicationModule(displayName = "interaction", allowedDependencies = { "audit", "consent", "hcp", "inquiry", "need", "privacy", "reference", "shared", "stage", "user" })
package org.openpharma.crm.interaction;

import org.springframework.modulith.ApplicationModule;
