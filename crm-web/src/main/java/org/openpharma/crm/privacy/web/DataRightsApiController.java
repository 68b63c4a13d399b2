package org.openpharma.crm.privacy.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openpharma.crm.privacy.DataRights;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.user.Capability;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The HCP's data export for machines (the privacy officer's answer to an access request; audited). */
@RestController
@Allowed(Capability.ANSWER_DATA_REQUESTS)
@Tag(name = "Data rights", description = "Everything held about one HCP")
class DataRightsApiController {

	private final DataRights rights;

	DataRightsApiController(DataRights rights) {
		this.rights = rights;
	}

	@GetMapping("/api/v1/hcps/{id}/data-export")
	@Operation(summary = "Export everything held about one HCP",
			description = "Profile, merged duplicates, affiliations, consent ledger, interactions, needs, stage"
					+ " history, policy notes, medical inquiries and patient counts; times in ISO-8601. PRIVACY_OFFICER only;"
					+ " every export is audited.")
	Map<String, List<Map<String, Object>>> export(@PathVariable long id, java.security.Principal user) {
		return this.rights.export(id, user.getName(), "api");
	}

}
