/**
 * The inquiry queue and API.
 * A nested application module of {@code inquiry}: screens may combine the features they show
 * (docs/adr/0020).
 */
@ApplicationModule(displayName = "inquiry screens", allowedDependencies = { "consent", "hcp", "inquiry", "need", "reference", "shared", "system", "user" })
package org.openpharma.crm.inquiry.web;

import org.springframework.modulith.ApplicationModule;
