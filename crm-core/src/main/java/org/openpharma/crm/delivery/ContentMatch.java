package org.openpharma.crm.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How well a candidate answers a need for one HCP on one channel: a score and the reasons behind it, as message
 * codes ({@code delivery.reason.*}) the screens show next to each item. Pure: no database, no clock.
 */
public record ContentMatch(ContentCandidate candidate, int score, List<String> reasons) {

	public static final int TOPIC = 40;

	public static final int CATEGORY = 20;

	public static final int PRODUCT = 15;

	public static final int AREA = 10;

	public static final int STAGE = 10;

	public static final int CONSENT = 5;

	/** Best first; equal scores by title, then the newest version. */
	public static final Comparator<ContentMatch> RANKING = Comparator.comparingInt(ContentMatch::score)
		.reversed()
		.thenComparing(m -> m.candidate().title())
		.thenComparing(m -> -m.candidate().versionId());

	public ContentMatch {
		reasons = List.copyOf(reasons);
	}

	/** Scores one candidate. */
	public static ContentMatch of(ContentCandidate candidate, MatchContext context) {
		int score = 0;
		List<String> reasons = new ArrayList<>();
		if (context.needTopicKey() != null && candidate.topicKeys().contains(context.needTopicKey())) {
			score += TOPIC;
			reasons.add("delivery.reason.topic");
		}
		if (context.needCategory() != null && candidate.needCategories().contains(context.needCategory())) {
			score += CATEGORY;
			reasons.add("delivery.reason.category");
		}
		if (context.needProductId() != null && candidate.productIds().contains(context.needProductId())) {
			score += PRODUCT;
			reasons.add("delivery.reason.product");
		}
		boolean areaOfNeed = context.needAreaId() != null && context.needAreaId() == candidate.therapeuticAreaId();
		boolean areaOfHcp = context.needAreaId() == null && context.stagedAreas().contains(candidate.therapeuticAreaId());
		if (areaOfNeed || areaOfHcp) {
			score += AREA;
			reasons.add(areaOfNeed ? "delivery.reason.area" : "delivery.reason.hcpArea");
		}
		var stage = context.stageByArea().get(candidate.therapeuticAreaId());
		if (stage != null && candidate.stages().contains(stage)) {
			score += STAGE;
			reasons.add("delivery.reason.stage");
		}
		if (context.channel() != null && candidate.channels().contains(context.channel())) {
			if (context.channelConsented()) {
				score += CONSENT;
				reasons.add("delivery.reason.consent");
			}
			else {
				reasons.add("delivery.reason.noConsent");
			}
		}
		return new ContentMatch(candidate, score, reasons);
	}

	/** Scores and ranks candidates, best first. */
	public static List<ContentMatch> rank(List<ContentCandidate> candidates, MatchContext context) {
		return candidates.stream().map(c -> of(c, context)).sorted(RANKING).toList();
	}

}
