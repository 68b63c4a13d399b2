package org.openpharma.crm.delivery;

import java.util.Map;
import java.util.Set;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.stage.AdoptionStage;

/**
 * What content is matched against: the need being answered (its topic key, category, area and product; all null
 * without a need), the HCP's current adoption stage per therapeutic area, and the channel it would go on with whether
 * the HCP agreed to it for the sender's purpose.
 */
public record MatchContext(String needTopicKey, NeedCategory needCategory, Long needAreaId, Long needProductId,
		Map<Long, AdoptionStage> stageByArea, ConsentChannel channel, boolean channelConsented) {

	public MatchContext {
		stageByArea = Map.copyOf(stageByArea);
	}

	/** The areas the HCP has a stage in. */
	public Set<Long> stagedAreas() {
		return this.stageByArea.keySet();
	}

}
