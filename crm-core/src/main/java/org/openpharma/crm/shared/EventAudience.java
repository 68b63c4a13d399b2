package org.openpharma.crm.shared;

/**
 * Who may read an event on the stream. The routing key starts with the audience in lower case
 * ({@code commercial.interaction.logged}, {@code medical.inquiry.received}), so that the broker's permissions can
 * keep commercial consumers off the medical topics (the firewall, ADR 0011).
 */
public enum EventAudience {

	/** Sales, marketing, analytics: no medical answer content, no adverse-event details. */
	COMMERCIAL,

	/** Medical affairs and pharmacovigilance only. */
	MEDICAL;

}
