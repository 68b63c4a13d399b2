package org.openpharma.crm.action;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.stage.AdoptionStage;

/**
 * Everything the rules know about one HCP in one therapeutic area on one day, read by the persistence layer; the
 * rules themselves ({@link NextActionRules}) touch no database and no clock.
 *
 * @param stage the HCP's stage in the area; null when no one recorded one yet
 * @param stageSince the day the stage was set; null with the stage
 * @param consent per channel and purpose, whether contact is allowed and the ledger entry it rests on
 * @param contacts the HCP's contacts of the last 90 days in every area (fatigue is per person, not per area), newest
 *     first
 * @param content per channel, the approved items that may be used, best match for this HCP and area first
 * @param dismissed suggestions of this area dismissed lately
 * @param planned calls already planned in this area for today or later (a visit is not suggested twice)
 * @param campaigns marketing's push campaigns that ask for this HCP in this area (docs/adr/0034)
 */
public record ActionFacts(long hcpId, long therapeuticAreaId, LocalDate today, AdoptionStage stage,
		LocalDate stageSince, List<OpenNeed> needs, Map<ConsentChannel, Map<ConsentPurpose, ConsentFact>> consent,
		List<Contact> contacts, Map<ConsentChannel, List<ContentOption>> content, List<Dismissal> dismissed,
		List<Planned> planned, List<CampaignAsk> campaigns) {

	public ActionFacts {
		needs = List.copyOf(needs);
		consent = Map.copyOf(consent);
		contacts = List.copyOf(contacts);
		content = Map.copyOf(content);
		dismissed = List.copyOf(dismissed);
		planned = List.copyOf(planned);
		campaigns = (campaigns != null) ? List.copyOf(campaigns) : List.of();
	}

	/** The facts without a campaign. */
	public ActionFacts(long hcpId, long therapeuticAreaId, LocalDate today, AdoptionStage stage, LocalDate stageSince,
			List<OpenNeed> needs, Map<ConsentChannel, Map<ConsentPurpose, ConsentFact>> consent, List<Contact> contacts,
			Map<ConsentChannel, List<ContentOption>> content, List<Dismissal> dismissed, List<Planned> planned) {
		this(hcpId, therapeuticAreaId, today, stage, stageSince, needs, consent, contacts, content, dismissed, planned,
				List.of());
	}

	/**
	 * A running push campaign this HCP is a member of: the MR is asked for a visit or remote detailing with the
	 * campaign's item until its end day.
	 */
	public record CampaignAsk(long campaignId, String name, ActionKind kind, long versionId, String title,
			LocalDate until) {
	}

	/** A call planned for the HCP in this area: its channel and day. */
	public record Planned(Channel channel, LocalDate day) {
	}

	/** An open need of the HCP in this area. */
	public record OpenNeed(long id, String topic, NeedCategory category, Urgency urgency, RoutedTo routedTo,
			LocalDate raisedOn) {

		/** Needs that call for medical affairs: routed there, or a scientific question of efficacy or safety. */
		public boolean callsForMedical() {
			return this.routedTo == RoutedTo.MEDICAL || this.category == NeedCategory.EFFICACY
					|| this.category == NeedCategory.SAFETY;
		}

	}

	/** Whether a channel and purpose are allowed, and since when (the ledger entry's day); null day when none. */
	public record ConsentFact(boolean allowed, LocalDate since, String reason) {
	}

	/** One contact with the HCP: its channel, day, purpose (null for pull) and outcome. */
	public record Contact(Channel channel, LocalDate on, ConsentPurpose purpose, String outcome) {

		public boolean promotionalPush() {
			return this.channel.isPush() && this.purpose == ConsentPurpose.PROMOTIONAL;
		}

	}

	/** An approved item usable on a channel: its version, title, kind, match score and the need it answers. */
	public record ContentOption(long versionId, String title, org.openpharma.crm.content.ContentKind kind, int score,
			Long needId) {
	}

	/** A suggestion someone dismissed, with their reason. */
	public record Dismissal(ActionKind kind, LocalDate on, String reason) {
	}

	public List<OpenNeed> needs() {
		return this.needs;
	}

	/** The consent fact of a channel and purpose; "not allowed" when the ledger says nothing. */
	public ConsentFact consentFor(ConsentChannel channel, ConsentPurpose purpose) {
		Map<ConsentPurpose, ConsentFact> byPurpose = this.consent.get(channel);
		ConsentFact fact = (byPurpose != null) ? byPurpose.get(purpose) : null;
		return (fact != null) ? fact : new ConsentFact(false, null, "NO_CONSENT");
	}

}
