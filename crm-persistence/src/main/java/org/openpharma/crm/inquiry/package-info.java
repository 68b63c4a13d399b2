/**
 * Medical inquiries, the firewall and adverse-event clocks (docs/adr/0011, 0015).
 * Application module {@code inquiry}; its package is split across the jars (docs/adr/0020).
 */
// consent: the answer channel's consent is checked when the inquiry is taken and answered.
@ApplicationModule(displayName = "inquiry", allowedDependencies = { "audit", "consent", "hcp", "need", "privacy", "reference", "shared", "user" })
package org.openpharma.crm.inquiry;

import org.springframework.modulith.ApplicationModule;
