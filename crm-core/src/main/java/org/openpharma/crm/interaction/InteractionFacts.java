package org.openpharma.crm.interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.shared.FieldViolation;

/** What happened in a contact, as entered; {@link #violations(Instant)} holds the rules that need no database. */
public record InteractionFacts(Channel channel, Instant occurredAt, Integer durationMinutes, String outcome,
		String keyMessages, String notes, Set<Long> productIds, Set<Long> therapeuticAreaIds, ConsentPurpose purpose) {

	/** Facts without a purpose: an outbound contact then has its department's default purpose. */
	public InteractionFacts(Channel channel, Instant occurredAt, Integer durationMinutes, String outcome,
			String keyMessages, String notes, Set<Long> productIds, Set<Long> therapeuticAreaIds) {
		this(channel, occurredAt, durationMinutes, outcome, keyMessages, notes, productIds, therapeuticAreaIds, null);
	}

	/** The same facts for a purpose. */
	public InteractionFacts withPurpose(ConsentPurpose newPurpose) {
		return new InteractionFacts(this.channel, this.occurredAt, this.durationMinutes, this.outcome, this.keyMessages,
				this.notes, this.productIds, this.therapeuticAreaIds, newPurpose);
	}

	public static final int OUTCOME_MAX = 200;

	public static final int TEXT_MAX = 4000;

	public InteractionFacts {
		productIds = (productIds != null) ? Set.copyOf(productIds) : Set.of();
		therapeuticAreaIds = (therapeuticAreaIds != null) ? Set.copyOf(therapeuticAreaIds) : Set.of();
		outcome = blankToNull(outcome);
		keyMessages = blankToNull(keyMessages);
		notes = blankToNull(notes);
	}

	public List<FieldViolation> violations(Instant now) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.channel == null) {
			violations.add(new FieldViolation("channel", "interaction.channel.required"));
		}
		if (this.occurredAt == null) {
			violations.add(new FieldViolation("occurredAt", "interaction.occurredAt.required"));
		}
		else if (!InteractionRules.plausibleTime(this.occurredAt, now)) {
			violations.add(new FieldViolation("occurredAt", "interaction.occurredAt.range"));
		}
		if (this.durationMinutes != null
				&& (this.durationMinutes < 0 || this.durationMinutes > InteractionRules.MAX_DURATION_MINUTES)) {
			violations.add(new FieldViolation("durationMinutes", "interaction.duration.range",
					InteractionRules.MAX_DURATION_MINUTES));
		}
		if (this.outcome != null && this.outcome.length() > OUTCOME_MAX) {
			violations.add(new FieldViolation("outcome", "validation.tooLong", OUTCOME_MAX));
		}
		if (this.keyMessages != null && this.keyMessages.length() > TEXT_MAX) {
			violations.add(new FieldViolation("keyMessages", "validation.tooLong", TEXT_MAX));
		}
		if (this.notes != null && this.notes.length() > TEXT_MAX) {
			violations.add(new FieldViolation("notes", "validation.tooLong", TEXT_MAX));
		}
		return violations;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
