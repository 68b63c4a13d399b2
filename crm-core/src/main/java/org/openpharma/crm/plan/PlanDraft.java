package org.openpharma.crm.plan;

import java.time.LocalDate;

import org.openpharma.crm.interaction.Channel;

/**
 * A call an MR (or medical science liaison) means to make: by hand, or accepted from a suggestion.
 *
 * @param therapeuticAreaId the area the call is about (becomes the visit's area), optional
 * @param contentVersionId an approved item to show, optional
 * @param suggestionId the next-best-action suggestion it came from, optional
 * @param owner whose plan it is; null: the one who plans it
 */
public record PlanDraft(long hcpId, Long therapeuticAreaId, LocalDate day, Channel channel, Long contentVersionId,
		Long suggestionId, String owner, String note) {

}
