package org.openpharma.crm.plan.web;

import java.time.LocalDate;

import jakarta.validation.constraints.Size;

import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.plan.PlanDraft;
import org.openpharma.crm.plan.PlanRules;
import org.springframework.format.annotation.DateTimeFormat;

/** Planning a call by hand: the HCP, the day, the channel, optionally the area, an approved item and a note. */
public record PlanForm(Long hcpId, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, Channel channel, Long therapeuticAreaId, Long contentVersionId,
		@Size(max = PlanRules.NOTE_MAX) String note) {

	static PlanForm start(Long hcpId, LocalDate day) {
		return new PlanForm(hcpId, day, Channel.VISIT, null, null, null);
	}

	/** The draft for the signed-in user's own plan (a manager plans nothing here). */
	PlanDraft toDraft() {
		return new PlanDraft(this.hcpId, this.therapeuticAreaId, this.day, this.channel, this.contentVersionId, null,
				null, this.note);
	}

}
