package org.openpharma.crm.gap;

import java.util.Comparator;
import java.util.List;

import org.openpharma.crm.content.ContentAudience;

/**
 * Whether a group is answered, as one reader may see it (the firewall, docs/adr/0011): medical items are matched
 * like any other, but only a reader who sees medical content learns which they are; anyone else learns that
 * medical affairs has answered the group ({@link #byMedicalAffairs}), not with what.
 *
 * @param items the answering items this reader may see (title and link), newest version first
 * @param byMedicalAffairs whether medical items answer it that this reader may not see
 */
public record GapAnswer(List<UsableContent> items, boolean byMedicalAffairs) {

	public static final GapAnswer NONE = new GapAnswer(List.of(), false);

	public GapAnswer {
		items = List.copyOf(items);
	}

	/** What a reader sees of the answering content: all of it with {@code seesMedical}, else the promotional items. */
	public static GapAnswer of(List<UsableContent> answering, boolean seesMedical) {
		List<UsableContent> visible = answering.stream()
			.filter(c -> seesMedical || c.audience() == ContentAudience.PROMOTIONAL)
			.sorted(Comparator.comparingLong(UsableContent::versionId).reversed())
			.toList();
		boolean hidden = answering.stream().anyMatch(c -> !seesMedical && c.audience() == ContentAudience.MEDICAL);
		return new GapAnswer(visible, hidden);
	}

	/** Whether any usable content answers the group (visible to this reader or not). */
	public boolean answered() {
		return !this.items.isEmpty() || this.byMedicalAffairs;
	}

}
