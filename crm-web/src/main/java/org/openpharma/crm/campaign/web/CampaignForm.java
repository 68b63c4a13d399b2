package org.openpharma.crm.campaign.web;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.openpharma.crm.campaign.CampaignDraft;
import org.openpharma.crm.campaign.CampaignKind;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.shared.Japan;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * Launching a campaign: name, saved segment, kind, the approved item (and template for e-mail, channel and end day
 * for push), the holdout share and the start (Japan time, as the user reads the clock).
 */
public record CampaignForm(String name, Long segmentId, CampaignKind kind, Long contentVersionId,
		Long templateVersionId, Channel pushChannel, Integer holdoutPercent,
		@DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm") LocalDateTime startsAt,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn) {

	static CampaignForm start(Long segmentId, LocalDateTime now) {
		return new CampaignForm(null, segmentId, CampaignKind.EMAIL, null, null, Channel.VISIT, 10,
				now.withSecond(0).withNano(0), now.toLocalDate().plusDays(30));
	}

	CampaignDraft toDraft() {
		return new CampaignDraft(this.name, this.segmentId, this.kind,
				(this.kind == CampaignKind.EMAIL) ? this.templateVersionId : null, this.contentVersionId,
				(this.kind == CampaignKind.PUSH) ? this.pushChannel : null, this.holdoutPercent,
				(this.startsAt != null) ? this.startsAt.atZone(Japan.ZONE).toInstant() : null,
				(this.kind == CampaignKind.PUSH) ? this.endsOn : null);
	}

}
