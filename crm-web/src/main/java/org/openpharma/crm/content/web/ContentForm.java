package org.openpharma.crm.content.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentDraft;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentQueries.VersionDetail;
import org.openpharma.crm.content.ContentQueries.VersionRow;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.stage.AdoptionStage;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The upload and edit form of a version (the file comes as its own part). {@code topics} is one topic per line.
 * {@code version} is the version the author saw (null for a new item).
 */
record ContentForm(Long version, String title, ContentKind kind, Long therapeuticAreaId, Set<Long> productIds,
		Set<NeedCategory> needCategories, String topics, Set<AdoptionStage> stages, Set<ConsentChannel> channels,
		String language, String summary, String body, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn,
		Boolean offLabel, String approvalRef) {

	/** A new item's form: Japanese, usable for a year. */
	static ContentForm start(LocalDate today) {
		return new ContentForm(null, null, null, null, Set.of(), Set.of(), null, Set.of(), Set.of(), "ja", null, null,
				today.plusYears(1), false, null);
	}

	static ContentForm of(VersionDetail detail) {
		VersionRow row = detail.row();
		return new ContentForm(row.version(), row.title(), row.kind(), row.areaId(),
				Set.copyOf(detail.products().stream().map(p -> p.id()).toList()),
				Set.copyOf(row.categories().stream().map(NeedCategory::valueOf).toList()), String.join("\n", row.topics()),
				Set.copyOf(row.stages().stream().map(AdoptionStage::valueOf).toList()),
				Set.copyOf(row.channels().stream().map(ConsentChannel::valueOf).toList()), row.language(), row.summary(),
				detail.body(), row.expiresOn(), row.offLabel(), row.approvalRef());
	}

	ContentDraft toDraft() {
		List<String> lines = (this.topics == null) ? List.of() : Arrays.asList(this.topics.split("\\R"));
		return new ContentDraft(this.title, this.kind, this.therapeuticAreaId, this.productIds, this.needCategories, lines,
				this.stages, this.channels, this.language, this.summary, this.body, this.expiresOn,
				Boolean.TRUE.equals(this.offLabel), this.approvalRef);
	}

}
