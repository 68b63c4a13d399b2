package org.openpharma.crm.gap;

import java.util.Objects;

import org.openpharma.crm.need.NeedCategory;

/**
 * One group of the content-gap report: needs of one therapeutic area, product, category and topic key.
 *
 * @param therapeuticAreaId the need's area, or its product's; 0 when it has neither
 * @param productId the need's product; 0 when it names none
 * @param topicKey the need's topic as {@link TopicClustering} keys it
 */
public record GapKey(long therapeuticAreaId, long productId, NeedCategory category, String topicKey) {

	public GapKey {
		Objects.requireNonNull(category, "category");
		Objects.requireNonNull(topicKey, "topicKey");
	}

	public boolean hasArea() {
		return this.therapeuticAreaId != 0;
	}

	public boolean hasProduct() {
		return this.productId != 0;
	}

}
