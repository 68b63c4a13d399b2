package org.openpharma.crm.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.FieldViolation;

/**
 * One record of the consent ledger: for one channel and purpose, consent GRANTED (optionally until
 * {@code expiresAt}) or WITHDRAWN, with where it came from and who captured it when. Records are
 * appended, never changed; the latest by {@code capturedAt} decides.
 */
public record ConsentEntry(ConsentChannel channel, ConsentPurpose purpose, ConsentState state, ConsentSource source,
		String evidenceRef, String capturedBy, Instant capturedAt, Instant expiresAt) {

	public static final int EVIDENCE_MAX = 200;

	/** How far in the past a capture may lie (a paper form found in a drawer): two years. */
	public static final java.time.Duration BACKDATE_MAX = java.time.Duration.ofDays(2 * 366);

	/** Field-level problems with a record about to be appended at {@code now}; empty when it is fine. */
	public List<FieldViolation> violations(Instant now) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.channel == null) {
			violations.add(new FieldViolation("channel", "consent.channel.required"));
		}
		if (this.purpose == null) {
			violations.add(new FieldViolation("purpose", "consent.purpose.required"));
		}
		if (this.state == null) {
			violations.add(new FieldViolation("state", "consent.state.required"));
		}
		if (this.source == null) {
			violations.add(new FieldViolation("source", "consent.source.required"));
		}
		if (this.evidenceRef != null && this.evidenceRef.length() > EVIDENCE_MAX) {
			violations.add(new FieldViolation("evidenceRef", "validation.tooLong", EVIDENCE_MAX));
		}
		if (this.capturedAt == null) {
			violations.add(new FieldViolation("capturedAt", "consent.capturedAt.required"));
		}
		else if (this.capturedAt.isAfter(now.plusSeconds(60))) {
			violations.add(new FieldViolation("capturedAt", "consent.capturedAt.future"));
		}
		else if (this.capturedAt.isBefore(now.minus(BACKDATE_MAX))) {
			violations.add(new FieldViolation("capturedAt", "consent.capturedAt.tooOld"));
		}
		if (this.expiresAt != null) {
			if (this.state == ConsentState.WITHDRAWN) {
				violations.add(new FieldViolation("expiresAt", "consent.expiresAt.withdrawn"));
			}
			else if (!this.expiresAt.isAfter(now)) {
				violations.add(new FieldViolation("expiresAt", "consent.expiresAt.past"));
			}
		}
		return violations;
	}

	/** True when this record grants consent at {@code at}. */
	public boolean grantsAt(Instant at) {
		return this.state == ConsentState.GRANTED && (this.expiresAt == null || this.expiresAt.isAfter(at));
	}

}
