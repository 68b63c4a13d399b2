package org.openpharma.crm.campaign.web;

import java.util.List;
import java.util.Set;

import org.openpharma.crm.campaign.SegmentCriteria;
import org.openpharma.crm.campaign.Segments;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.stage.AdoptionStage;

/**
 * The segment builder: a saved segment's name and description, and the criteria (field names as in
 * {@link SegmentCriteria}, so that its violations land on their fields).
 *
 * @param seen "SEEN" or "NOT_SEEN" with an item
 */
public record SegmentForm(String name, String description, Long version, Long therapeuticAreaId,
		List<AdoptionStage> stages, Long productId, List<String> specialties, List<String> regions,
		List<Integer> prefectures, List<NeedCategory> needCategories, Long seenItemId, String seen,
		Integer contactWithinDays, Integer noContactForDays, List<ConsentChannel> consentChannels,
		Integer minPatientMonths) {

	static SegmentForm empty() {
		return new SegmentForm(null, null, null, null, List.of(), null, List.of(), List.of(), List.of(), List.of(), null,
				"SEEN", null, null, List.of(ConsentChannel.EMAIL), null);
	}

	static SegmentForm of(Segments.Saved saved) {
		SegmentCriteria c = saved.criteria();
		return new SegmentForm(saved.name(), saved.description(), saved.version(), c.therapeuticAreaId(),
				List.copyOf(c.stages()), c.productId(), List.copyOf(c.specialties()), List.copyOf(c.regions()),
				List.copyOf(c.prefectures()), List.copyOf(c.needCategories()), c.seenItemId(),
				Boolean.FALSE.equals(c.seen()) ? "NOT_SEEN" : "SEEN", c.contactWithinDays(), c.noContactForDays(),
				List.copyOf(c.consentChannels()), c.minPatientMonths());
	}

	SegmentCriteria criteria() {
		return new SegmentCriteria(this.therapeuticAreaId, set(this.stages), this.productId, set(this.specialties),
				set(this.regions), set(this.prefectures), set(this.needCategories), this.seenItemId,
				(this.seenItemId == null) ? null : !"NOT_SEEN".equals(this.seen), this.contactWithinDays,
				this.noContactForDays, set(this.consentChannels), this.minPatientMonths);
	}

	private static <T> Set<T> set(List<T> values) {
		return (values == null) ? Set.of() : Set.copyOf(values.stream().filter(v -> v != null && !"".equals(v)).toList());
	}

}
