package org.openpharma.crm.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;


/**
 * The one place that decides whether the company may contact an HCP on a channel for a purpose now,
 * and if not, why not. Every outbound step asks it (logging an outbound interaction, choosing how to
 * send a medical answer, later content and suggestions). Pure: the caller hands over the HCP's ledger.
 */
public final class ConsentPolicy {

	/** Why a contact is allowed or refused; {@link #messageCode()} names it for people. */
	public enum Reason {

		/** HCP-initiated: no consent needed, recorded as inbound. */
		INBOUND(true),
		/** The latest record grants consent and has not expired. */
		GRANTED(true),
		/** An opt-out channel and purpose with no objection on record (no record, or a grant that ran out). */
		NOT_OBJECTED(true),
		/** No record for this channel and purpose. */
		NO_CONSENT(false),
		/** The latest record withdraws consent. */
		WITHDRAWN(false),
		/** The latest record granted consent until a moment that has passed. */
		EXPIRED(false);

		private final boolean allows;

		Reason(boolean allows) {
			this.allows = allows;
		}

		public boolean allows() {
			return this.allows;
		}

	}

	/** The decision, with the record it rests on (none for INBOUND and NO_CONSENT). */
	public record Decision(Reason reason, ConsentChannel channel, ConsentPurpose purpose, ConsentEntry basis) {

		public boolean allowed() {
			return this.reason.allows();
		}

		/** Message code: consent.decision.NO_CONSENT etc.; arguments are channel, purpose and the record's date. */
		public String messageCode() {
			return "consent.decision." + this.reason.name();
		}

	}

	private ConsentPolicy() {
	}

	/**
	 * May the company make a contact that needs {@code channel}? An empty channel means an inbound,
	 * HCP-initiated contact (see {@code Channel.consentChannel()}): always allowed, recorded as inbound.
	 */
	public static Decision forContact(Optional<ConsentChannel> channel, ConsentPurpose purpose,
			Collection<ConsentEntry> ledger, Instant at) {
		return forContact(channel, purpose, ConsentRules.allOptIn(), ledger, at);
	}

	/** As {@link #forContact(Optional, ConsentPurpose, Collection, Instant)}, under the company's rules. */
	public static Decision forContact(Optional<ConsentChannel> channel, ConsentPurpose purpose, ConsentRules rules,
			Collection<ConsentEntry> ledger, Instant at) {
		if (channel.isEmpty()) {
			return new Decision(Reason.INBOUND, null, purpose, null);
		}
		return decide(channel.get(), purpose, rules.modeFor(channel.get(), purpose), ledger, at);
	}

	/** May the company contact the HCP on this opt-in channel for this purpose at {@code at}? */
	public static Decision decide(ConsentChannel channel, ConsentPurpose purpose, Collection<ConsentEntry> ledger,
			Instant at) {
		return decide(channel, purpose, ConsentMode.OPT_IN, ledger, at);
	}

	/**
	 * May the company contact the HCP on this channel for this purpose at {@code at}, given what silence
	 * means there? A withdrawal refuses under both modes; no record, or a grant that ran out, refuses
	 * only an opt-in contact.
	 */
	public static Decision decide(ConsentChannel channel, ConsentPurpose purpose, ConsentMode mode,
			Collection<ConsentEntry> ledger, Instant at) {
		ConsentEntry latest = latest(channel, purpose, ledger, at);
		if (latest == null) {
			return new Decision((mode == ConsentMode.OPT_OUT) ? Reason.NOT_OBJECTED : Reason.NO_CONSENT, channel,
					purpose, null);
		}
		if (latest.state() == ConsentState.WITHDRAWN) {
			return new Decision(Reason.WITHDRAWN, channel, purpose, latest);
		}
		if (!latest.grantsAt(at)) {
			return new Decision((mode == ConsentMode.OPT_OUT) ? Reason.NOT_OBJECTED : Reason.EXPIRED, channel, purpose,
					latest);
		}
		return new Decision(Reason.GRANTED, channel, purpose, latest);
	}

	/** The current decision for every channel and purpose, all opt-in. */
	public static Map<ConsentChannel, Map<ConsentPurpose, Decision>> matrix(Collection<ConsentEntry> ledger, Instant at) {
		return matrix(ledger, ConsentRules.allOptIn(), at);
	}

	/** The current decision for every channel and purpose under the rules: the consent matrix an HCP page shows. */
	public static Map<ConsentChannel, Map<ConsentPurpose, Decision>> matrix(Collection<ConsentEntry> ledger,
			ConsentRules rules, Instant at) {
		Map<ConsentChannel, Map<ConsentPurpose, Decision>> matrix = new EnumMap<>(ConsentChannel.class);
		for (ConsentChannel channel : ConsentChannel.values()) {
			Map<ConsentPurpose, Decision> row = new EnumMap<>(ConsentPurpose.class);
			for (ConsentPurpose purpose : ConsentPurpose.values()) {
				row.put(purpose, decide(channel, purpose, rules.modeFor(channel, purpose), ledger, at));
			}
			matrix.put(channel, row);
		}
		return matrix;
	}

	/**
	 * The record that counts: the latest captured at or before {@code at}; among records captured at the
	 * same moment, the one appended last (the ledger is handed over in append order).
	 */
	private static ConsentEntry latest(ConsentChannel channel, ConsentPurpose purpose, Collection<ConsentEntry> ledger,
			Instant at) {
		ConsentEntry latest = null;
		for (ConsentEntry entry : ledger) {
			if (entry.channel() != channel || entry.purpose() != purpose || entry.capturedAt().isAfter(at)) {
				continue;
			}
			if (latest == null || !entry.capturedAt().isBefore(latest.capturedAt())) {
				latest = entry;
			}
		}
		return latest;
	}

}
