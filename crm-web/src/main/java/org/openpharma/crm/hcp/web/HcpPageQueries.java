package org.openpharma.crm.hcp.web;

import java.util.List;
import java.util.Map;

import org.openpharma.crm.audit.AuditEntry;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPolicy.Decision;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.DeliveryQueries;
import org.openpharma.crm.delivery.DeliveryQueries.ContactContent;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.hcp.HcpProfileQueries;
import org.openpharma.crm.hcp.HcpProfileQueries.AffiliationRow;
import org.openpharma.crm.hcp.HcpProfileQueries.InstitutionRow;
import org.openpharma.crm.hcp.HcpProfileQueries.MergedRow;
import org.openpharma.crm.hcp.HcpProfileQueries.TerritoryRow;
import org.openpharma.crm.hcp.HcpStatus;
import org.openpharma.crm.inquiry.InquiryQueries;
import org.openpharma.crm.inquiry.InquiryQueries.InquirySummary;
import org.openpharma.crm.interaction.TimelineQueries;
import org.openpharma.crm.interaction.TimelineQueries.CountEntry;
import org.openpharma.crm.interaction.TimelineQueries.NeedEntry;
import org.openpharma.crm.interaction.TimelineQueries.PolicyEntry;
import org.openpharma.crm.interaction.TimelineQueries.StageEntry;
import org.openpharma.crm.interaction.TimelineQueries.TimelineEntry;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.user.UserManagement;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything the HCP 360 page shows, read in one read-only transaction: one connection and one BEGIN/COMMIT
 * for the page instead of one per service (each service's own {@code @Transactional} joins this one).
 */
@Component
class HcpPageQueries {

	/** Needs shown on the HCP page; "all needs" opens the board filtered to the HCP. */
	static final int NEEDS_SHOWN = 10;

	/** Timeline entries per page. */
	static final int TIMELINE_PAGE_SIZE = 20;

	private final HcpManagement hcps;

	private final HcpProfileQueries profiles;

	private final TimelineQueries timelines;

	private final ReferenceData reference;

	private final UserManagement users;

	private final ConsentLedger consents;

	private final InquiryQueries inquiries;

	private final AuditTrail audit;

	private final DeliveryQueries deliveries;

	HcpPageQueries(HcpManagement hcps, HcpProfileQueries profiles, TimelineQueries timelines, ReferenceData reference,
			UserManagement users, ConsentLedger consents, InquiryQueries inquiries, AuditTrail audit,
			DeliveryQueries deliveries) {
		this.deliveries = deliveries;
		this.hcps = hcps;
		this.profiles = profiles;
		this.timelines = timelines;
		this.reference = reference;
		this.users = users;
		this.consents = consents;
		this.inquiries = inquiries;
		this.audit = audit;
	}

	/** What the page shows; only {@code hcp} is set when the HCP was merged into another one. */
	record HcpPage(Hcp hcp, InstitutionRow primaryHco, List<AffiliationRow> affiliations,
			List<TerritoryRow> territories, List<MergedRow> merged, SearchPage<TimelineEntry> interactions,
			List<NeedEntry> needs, List<StageEntry> stages, List<PolicyEntry> policies, List<CountEntry> counts,
			List<ReferenceData.Item> areas, String myDepartment, Map<ConsentChannel, Map<ConsentPurpose, Decision>> consent,
			List<InquirySummary> inquiries, List<AuditEntry> history, String updatedByName,
			Map<Long, List<ContactContent>> contactContent) {
	}

	/**
	 * @param viewer the signed-in user, whose department decides who may correct an entry and whose roles which
	 *     items given in a contact they see
	 * @param withHistory whether to read the change history (administrators see it)
	 */
	@Transactional(readOnly = true)
	public HcpPage load(long id, TimelineQueries.Filter filter, int timelinePage, ContentViewer viewer,
			boolean withHistory) {
		String username = viewer.username();
		Hcp hcp = this.hcps.get(id);
		if (hcp.getStatus() == HcpStatus.MERGED) {
			return new HcpPage(hcp, null, List.of(), List.of(), List.of(), null, List.of(), List.of(), List.of(),
					List.of(), List.of(), "", Map.of(), List.of(), null, "", Map.of());
		}
		SearchPage<TimelineEntry> interactions = this.timelines.interactions(id, filter, timelinePage,
				TIMELINE_PAGE_SIZE);
		return new HcpPage(hcp, this.profiles.institution(hcp.getPrimaryHcoId()).orElse(null),
				this.profiles.affiliations(id), this.profiles.territories(id), this.profiles.mergedInto(id),
				interactions,
				// Open needs first; the board lists all of them (heavy HCPs have hundreds).
				this.timelines.needs(id, NEEDS_SHOWN), this.timelines.stages(id, 100),
				this.timelines.policyNotes(id, 10), this.timelines.patientCounts(id, 24),
				this.reference.therapeuticAreas(), this.users.departmentOf(username).orElse(""),
				this.consents.matrix(id),
				// Every role may know that inquiries exist; the summaries hold no medical content (docs/adr/0011).
				this.inquiries.summaries(id), withHistory ? this.audit.history("HCP", id, 50) : null,
				this.users.displayNameOf(hcp.getUpdatedBy()),
				this.deliveries.onContacts(id, interactions.items().stream().map(TimelineEntry::id).toList(), viewer));
	}

}
