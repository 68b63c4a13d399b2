package org.openpharma.crm.delivery;

import java.time.LocalDate;
import java.util.Set;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentAudience;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.stage.AdoptionStage;

/** An approved, unexpired version that might be sent: what the picker scores. */
public record ContentCandidate(long itemId, long versionId, String title, ContentKind kind, ContentAudience audience,
		boolean offLabel, long therapeuticAreaId, Set<Long> productIds, Set<NeedCategory> needCategories,
		Set<String> topicKeys, Set<AdoptionStage> stages, Set<ConsentChannel> channels, String summary,
		LocalDate expiresOn) {

	public ContentCandidate {
		productIds = Set.copyOf(productIds);
		needCategories = Set.copyOf(needCategories);
		topicKeys = Set.copyOf(topicKeys);
		stages = Set.copyOf(stages);
		channels = Set.copyOf(channels);
	}

	/** Medical content (medical audience or off-label): behind the firewall. */
	public boolean medical() {
		return this.audience == ContentAudience.MEDICAL || this.offLabel;
	}

}
