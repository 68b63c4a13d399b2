package org.openpharma.crm.gap;

import java.util.Collection;
import java.util.List;

/**
 * When an approved content item answers a group of needs (docs/adr/0030). All three must hold:
 * <ol>
 * <li>the same therapeutic area (a need with no area, directly or through its product, is answered by nothing:
 * content always has one);</li>
 * <li>the group's category is one of the need categories the content answers;</li>
 * <li>a topic key in common, or, when the group names a product, the content is about that product. A dosing
 * leaflet of a product answers the dosing questions about that product however they were worded; a guideline
 * summary with no product answers only the topics it lists.</li>
 * </ol>
 * Usability (approved, not expired, not withdrawn) is decided before: only {@link UsableContent} is matched.
 * Audience is not part of the rule: a medical item answers a group too, and who may see it is {@link GapAnswer}'s
 * business.
 */
public final class ContentMatch {

	private ContentMatch() {
	}

	public static boolean answers(UsableContent content, GapKey group) {
		if (!group.hasArea() || content.therapeuticAreaId() != group.therapeuticAreaId()) {
			return false;
		}
		if (!content.needCategories().contains(group.category())) {
			return false;
		}
		return content.topicKeys().contains(group.topicKey())
				|| (group.hasProduct() && content.productIds().contains(group.productId()));
	}

	/** The content among {@code usable} that answers the group, in the order given. */
	public static List<UsableContent> answering(Collection<UsableContent> usable, GapKey group) {
		return usable.stream().filter(c -> answers(c, group)).toList();
	}

}
