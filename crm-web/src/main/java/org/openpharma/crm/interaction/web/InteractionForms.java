package org.openpharma.crm.interaction.web;

import java.util.ArrayList;

import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.shared.Japan;

/** Builds the form from a stored interaction (for edits and corrections). */
final class InteractionForms {

	private InteractionForms() {
	}

	static InteractionForm of(Interaction interaction) {
		InteractionForm form = new InteractionForm();
		form.setHcpId(interaction.getHcpId());
		form.setChannel(interaction.getChannel());
		form.setOccurredAt(interaction.getOccurredAt().atZone(Japan.ZONE).toLocalDateTime());
		form.setDurationMinutes(interaction.getDurationMinutes());
		form.setOutcome(interaction.getOutcome());
		form.setKeyMessages(interaction.getKeyMessages());
		form.setNotes(interaction.getNotes());
		form.setProductIds(new ArrayList<>(interaction.getProductIds()));
		form.setTherapeuticAreaIds(new ArrayList<>(interaction.getTherapeuticAreaIds()));
		form.setVersion(interaction.getVersion());
		return form;
	}

}
