package org.openpharma.crm.gap;

import java.util.Set;

import org.openpharma.crm.content.ContentAudience;
import org.openpharma.crm.need.NeedCategory;

/**
 * An approved, unexpired content version, with what {@link ContentMatch} compares: its area, the need categories
 * and topic keys it answers and its products.
 */
public record UsableContent(long versionId, long itemId, ContentAudience audience, String title,
		long therapeuticAreaId, Set<NeedCategory> needCategories, Set<String> topicKeys, Set<Long> productIds) {

	public UsableContent {
		needCategories = Set.copyOf(needCategories);
		topicKeys = Set.copyOf(topicKeys);
		productIds = Set.copyOf(productIds);
	}

}
