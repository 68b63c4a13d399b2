package org.openpharma.crm.gap;

import org.openpharma.crm.shared.JapaneseText;

/**
 * How needs' topics are clustered into the groups of the content-gap report: a topic's cluster key. The first
 * version is no clustering at all, only the need's own topic normalised ({@link #NORMALISED}: kana, width, case
 * and spaces folded, {@link JapaneseText#topicKey}); a better one (synonyms, embeddings) can replace it later.
 * <p>
 * The rollups compute the same key in the database ({@code content_gap_topic_key} in R__content_gaps.sql), because
 * they are kept by triggers; a replacement changes both, or stores its key with the need (docs/adr/0030).
 */
@FunctionalInterface
public interface TopicClustering {

	/** The default: the topic as {@link JapaneseText#topicKey} normalises it; the same key content topics have. */
	TopicClustering NORMALISED = JapaneseText::topicKey;

	/** The key of the cluster a topic belongs to; equal keys are one group. */
	String keyOf(String topic);

}
