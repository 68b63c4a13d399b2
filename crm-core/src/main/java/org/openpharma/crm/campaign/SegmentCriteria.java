package org.openpharma.crm.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.stage.AdoptionStage;

/**
 * What makes an HCP a member of a segment (docs/adr/0034). Every criterion left empty matches everyone; the criteria
 * that are set must all hold. Only active HCPs are members. A saved segment keeps these criteria, not its members:
 * it stays live, and a campaign freezes its members when it is launched.
 *
 * @param therapeuticAreaId the area the stage, need, seen-content and patient criteria are read in; alone, it keeps
 *     the HCPs whose stage in the area is recorded
 * @param stages adoption stages in the area (needs the area)
 * @param productId the product was discussed in a contact of the last 365 days, or the HCP reported patients on it
 * @param specialties the HCP's specialty is one of these
 * @param regions the HCP's institution is in one of these regions, or (with prefectures) one of those prefectures
 * @param needCategories the HCP has an open need of one of these categories (in the area, when one is chosen)
 * @param seenItemId an approved content item: shown in a visit or remote detailing, or opened from a mail or link
 * @param seen true: the HCP has seen the item; false: they have not (needs the item)
 * @param contactWithinDays the HCP's last contact, on any channel, is at most this many days ago
 * @param noContactForDays no contact on any channel in this many days (or never)
 * @param consentChannels promotional contact is allowed on every one of these channels now (the consent ledger
 *     and the company's consent rules, as a send would check it)
 * @param minPatientMonths the HCP's reported patients in the area add up to at least this many patient-months
 *     (patient lifetime value; needs the area)
 */
public record SegmentCriteria(Long therapeuticAreaId, Set<AdoptionStage> stages, Long productId, Set<String> specialties,
		Set<String> regions, Set<Integer> prefectures, Set<NeedCategory> needCategories, Long seenItemId, Boolean seen,
		Integer contactWithinDays, Integer noContactForDays, Set<ConsentChannel> consentChannels,
		Integer minPatientMonths) {

	/** The longest look back, in days, of the contact criteria. */
	public static final int MAX_DAYS = 3650;

	public static final int MAX_PATIENT_MONTHS = 1_000_000;

	public SegmentCriteria {
		stages = (stages != null) ? Set.copyOf(new TreeSet<>(stages)) : Set.of();
		specialties = (specialties != null) ? Set.copyOf(specialties) : Set.of();
		regions = (regions != null) ? Set.copyOf(regions) : Set.of();
		prefectures = (prefectures != null) ? Set.copyOf(prefectures) : Set.of();
		needCategories = (needCategories != null) ? Set.copyOf(needCategories) : Set.of();
		consentChannels = (consentChannels != null) ? Set.copyOf(consentChannels) : Set.of();
		seen = (seenItemId == null) ? null : (seen == null || seen);
	}

	/** Every active HCP. */
	public static SegmentCriteria everyone() {
		return new SegmentCriteria(null, null, null, null, null, null, null, null, null, null, null, null, null);
	}

	/** Whether no criterion is set: the segment is every active HCP. */
	public boolean isEveryone() {
		return this.equals(everyone());
	}

	/**
	 * The violations of these criteria as input (field names as on the form); reference codes (area, product,
	 * specialty, region, prefecture, item) are checked against the database by the caller.
	 */
	public List<FieldViolation> violations() {
		List<FieldViolation> violations = new ArrayList<>();
		if (!this.stages.isEmpty() && this.therapeuticAreaId == null) {
			violations.add(new FieldViolation("stages", "segment.stages.needArea"));
		}
		if (this.minPatientMonths != null) {
			if (this.therapeuticAreaId == null) {
				violations.add(new FieldViolation("minPatientMonths", "segment.patients.needArea"));
			}
			else if (this.minPatientMonths < 1 || this.minPatientMonths > MAX_PATIENT_MONTHS) {
				violations.add(new FieldViolation("minPatientMonths", "segment.range", 1, MAX_PATIENT_MONTHS));
			}
		}
		checkDays(violations, "contactWithinDays", this.contactWithinDays);
		checkDays(violations, "noContactForDays", this.noContactForDays);
		if (this.contactWithinDays != null && this.noContactForDays != null
				&& this.noContactForDays >= this.contactWithinDays) {
			// "Last contact within 30 days" and "no contact for 60 days" cannot both hold.
			violations.add(new FieldViolation("noContactForDays", "segment.contact.contradiction"));
		}
		return violations;
	}

	private static void checkDays(List<FieldViolation> violations, String field, Integer days) {
		if (days != null && (days < 1 || days > MAX_DAYS)) {
			violations.add(new FieldViolation(field, "segment.range", 1, MAX_DAYS));
		}
	}

}
