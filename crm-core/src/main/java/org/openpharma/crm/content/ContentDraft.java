package org.openpharma.crm.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.JapaneseText;
import org.openpharma.crm.shared.StorableText;
import org.openpharma.crm.stage.AdoptionStage;

/**
 * What an author writes about one version of an item: what it is, what it answers (need categories and topics),
 * whom it suits (adoption stages), where it may be used (channels) and until when. The file is handed over
 * separately; the text ({@code body}) is the article, the e-mail template or the standard response itself.
 *
 * @param topics the topics it answers, one per line as written; matched to needs by {@link JapaneseText#topicKey}
 * @param approvalRef the review number the company's review committee gave it (審査番号), if any
 */
public record ContentDraft(String title, ContentKind kind, Long therapeuticAreaId, Set<Long> productIds,
		Set<NeedCategory> needCategories, List<String> topics, Set<AdoptionStage> stages, Set<ConsentChannel> channels,
		String language, String summary, String body, LocalDate expiresOn, boolean offLabel, String approvalRef) {

	public static final int TITLE_MAX = 200;

	public static final int SUMMARY_MAX = 2000;

	public static final int BODY_MAX = 20000;

	public static final int TOPIC_MAX = 200;

	public static final int TOPICS_MAX = 20;

	/** An approval lasts at most this long; review again after. */
	public static final int MAX_YEARS = 3;

	/** The languages content is written in. */
	public static final List<String> LANGUAGES = List.of("ja", "en");

	public ContentDraft {
		productIds = (productIds != null) ? Set.copyOf(productIds) : Set.of();
		needCategories = (needCategories != null) ? Set.copyOf(needCategories) : Set.of();
		stages = (stages != null) ? Set.copyOf(stages) : Set.of();
		channels = (channels != null) ? Set.copyOf(channels) : Set.of();
		topics = cleanTopics(topics);
		title = (title != null) ? title.strip() : null;
		summary = blankToNull(summary);
		body = blankToNull(body);
		approvalRef = blankToNull(approvalRef);
	}

	/** The topics' matching keys (kana, width and case folded), in the order written. */
	public List<String> topicKeys() {
		return this.topics.stream().map(JapaneseText::topicKey).distinct().toList();
	}

	/**
	 * What is wrong with it for an item of this audience, field by field; {@code today} in Japan. An empty list
	 * means it can be saved as a draft. Whether a file or a text is there is checked when it goes to review.
	 */
	public List<FieldViolation> violations(ContentAudience audience, LocalDate today) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.title == null || this.title.isEmpty()) {
			violations.add(new FieldViolation("title", "content.title.required"));
		}
		else if (this.title.length() > TITLE_MAX || !StorableText.isStorable(this.title)) {
			violations.add(new FieldViolation("title", "content.title.tooLong", TITLE_MAX));
		}
		if (this.kind == null) {
			violations.add(new FieldViolation("kind", "content.kind.required"));
		}
		if (this.therapeuticAreaId == null) {
			violations.add(new FieldViolation("therapeuticAreaId", "content.area.required"));
		}
		if (this.channels.isEmpty()) {
			violations.add(new FieldViolation("channels", "content.channels.required"));
		}
		if (this.kind != null && this.kind.isEmailTemplate() && !this.channels.contains(ConsentChannel.EMAIL)) {
			violations.add(new FieldViolation("channels", "content.channels.emailTemplate"));
		}
		if (this.language == null || !LANGUAGES.contains(this.language)) {
			violations.add(new FieldViolation("language", "content.language.required"));
		}
		if (this.summary != null && (this.summary.length() > SUMMARY_MAX || !StorableText.isStorable(this.summary))) {
			violations.add(new FieldViolation("summary", "content.summary.tooLong", SUMMARY_MAX));
		}
		if (this.body != null && (this.body.length() > BODY_MAX || !StorableText.isStorable(this.body))) {
			violations.add(new FieldViolation("body", "content.body.tooLong", BODY_MAX));
		}
		if (this.topics.size() > TOPICS_MAX) {
			violations.add(new FieldViolation("topics", "content.topics.tooMany", TOPICS_MAX));
		}
		else if (this.topics.stream().anyMatch(t -> t.length() > TOPIC_MAX || !StorableText.isStorable(t))) {
			violations.add(new FieldViolation("topics", "content.topics.tooLong", TOPIC_MAX));
		}
		if (this.expiresOn == null) {
			violations.add(new FieldViolation("expiresOn", "content.expiresOn.required"));
		}
		else if (!this.expiresOn.isAfter(today)) {
			violations.add(new FieldViolation("expiresOn", "content.expiresOn.past"));
		}
		else if (this.expiresOn.isAfter(today.plusYears(MAX_YEARS))) {
			violations.add(new FieldViolation("expiresOn", "content.expiresOn.tooFar", MAX_YEARS));
		}
		if (this.offLabel && audience != ContentAudience.MEDICAL) {
			violations.add(new FieldViolation("offLabel", "content.offLabel.medicalOnly"));
		}
		if (this.approvalRef != null && this.approvalRef.length() > 60) {
			violations.add(new FieldViolation("approvalRef", "content.approvalRef.tooLong", 60));
		}
		return violations;
	}

	private static List<String> cleanTopics(List<String> topics) {
		if (topics == null) {
			return List.of();
		}
		Set<String> clean = new LinkedHashSet<>();
		for (String topic : topics) {
			String normalized = JapaneseText.normalize(topic);
			if (!normalized.isEmpty()) {
				clean.add(normalized);
			}
		}
		return List.copyOf(clean);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
