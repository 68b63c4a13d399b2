package org.openpharma.crm.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.consent.ConsentPolicy.Decision;
import org.openpharma.crm.consent.ConsentPolicy.Reason;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.shared.FieldViolation;

import static org.assertj.core.api.Assertions.assertThat;

/** The consent decision over the full matrix of channel × purpose × state × expiry. */
class ConsentPolicyTests {

	static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

	static ConsentEntry entry(ConsentChannel channel, ConsentPurpose purpose, ConsentState state, Instant at,
			Instant expires) {
		return new ConsentEntry(channel, purpose, state, ConsentSource.VERBAL, null, "mr01", at, expires);
	}

	@Test
	void everyCombinationOfChannelPurposeStateAndExpiryIsDecidedAsTheLatestRecordSays() {
		for (ConsentChannel channel : ConsentChannel.values()) {
			for (ConsentPurpose purpose : ConsentPurpose.values()) {
				// No record at all.
				assertThat(ConsentPolicy.decide(channel, purpose, List.of(), NOW).reason()).isEqualTo(Reason.NO_CONSENT);
				for (ConsentState state : ConsentState.values()) {
					for (Instant expires : new Instant[] { null, NOW.plus(Duration.ofDays(30)), NOW.minusSeconds(1) }) {
						if (state == ConsentState.WITHDRAWN && expires != null) {
							continue;
						}
						List<ConsentEntry> ledger = List.of(entry(channel, purpose, state, NOW.minus(Duration.ofDays(60)),
								expires));
						Decision decision = ConsentPolicy.decide(channel, purpose, ledger, NOW);
						Reason expected = (state == ConsentState.WITHDRAWN) ? Reason.WITHDRAWN
								: (expires != null && !expires.isAfter(NOW)) ? Reason.EXPIRED : Reason.GRANTED;
						assertThat(decision.reason()).as("%s %s %s %s", channel, purpose, state, expires)
							.isEqualTo(expected);
						assertThat(decision.allowed()).isEqualTo(expected == Reason.GRANTED);
						assertThat(decision.basis()).isEqualTo(ledger.get(0));
						// A record for another channel or purpose never counts.
						for (ConsentChannel other : ConsentChannel.values()) {
							if (other != channel) {
								assertThat(ConsentPolicy.decide(other, purpose, ledger, NOW).reason())
									.isEqualTo(Reason.NO_CONSENT);
							}
						}
						for (ConsentPurpose other : ConsentPurpose.values()) {
							if (other != purpose) {
								assertThat(ConsentPolicy.decide(channel, other, ledger, NOW).reason())
									.isEqualTo(Reason.NO_CONSENT);
							}
						}
					}
				}
			}
		}
	}

	@Test
	void theLatestCaptureWinsAndAWithdrawalTakesEffectAtOnce() {
		List<ConsentEntry> ledger = new ArrayList<>();
		ledger.add(entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED,
				NOW.minus(Duration.ofDays(100)), null));
		assertThat(ConsentPolicy.decide(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ledger, NOW).allowed()).isTrue();
		ledger.add(entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.WITHDRAWN, NOW, null));
		assertThat(ConsentPolicy.decide(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ledger, NOW).reason())
			.isEqualTo(Reason.WITHDRAWN);
		// A paper grant from before the withdrawal, recorded after it, does not undo the withdrawal.
		ledger.add(entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED,
				NOW.minus(Duration.ofDays(10)), null));
		assertThat(ConsentPolicy.decide(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ledger, NOW).reason())
			.isEqualTo(Reason.WITHDRAWN);
		// Asked about a moment before the withdrawal, the grant counted.
		assertThat(ConsentPolicy.decide(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ledger, NOW.minusSeconds(60))
			.allowed()).isTrue();
	}

	@Test
	void recordsCapturedAtTheSameMomentCountInTheOrderTheyWereAppended() {
		List<ConsentEntry> ledger = List.of(
				entry(ConsentChannel.PHONE, ConsentPurpose.SURVEY, ConsentState.GRANTED, NOW.minusSeconds(5), null),
				entry(ConsentChannel.PHONE, ConsentPurpose.SURVEY, ConsentState.WITHDRAWN, NOW.minusSeconds(5), null));
		assertThat(ConsentPolicy.decide(ConsentChannel.PHONE, ConsentPurpose.SURVEY, ledger, NOW).reason())
			.isEqualTo(Reason.WITHDRAWN);
	}

	@ParameterizedTest
	@EnumSource(Channel.class)
	void inboundContactsNeedNoConsentAndOutboundOnesNeedTheirChannel(Channel channel) {
		Decision decision = ConsentPolicy.forContact(channel.consentChannel(), ConsentPurpose.PROMOTIONAL, List.of(), NOW);
		if (channel.isPull()) {
			assertThat(decision.reason()).isEqualTo(Reason.INBOUND);
			assertThat(decision.allowed()).isTrue();
		}
		else {
			assertThat(decision.reason()).isEqualTo(Reason.NO_CONSENT);
			assertThat(decision.channel()).isNotNull();
			assertThat(decision.messageCode()).isEqualTo("consent.decision.NO_CONSENT");
		}
	}

	@Test
	void theMatrixHasEveryChannelAndPurpose() {
		var matrix = ConsentPolicy.matrix(List.of(entry(ConsentChannel.VISIT, ConsentPurpose.PROMOTIONAL,
				ConsentState.GRANTED, NOW.minusSeconds(60), null)), NOW);
		assertThat(matrix).hasSize(ConsentChannel.values().length);
		assertThat(matrix.get(ConsentChannel.VISIT).get(ConsentPurpose.PROMOTIONAL).allowed()).isTrue();
		assertThat(matrix.get(ConsentChannel.VISIT).get(ConsentPurpose.SURVEY).allowed()).isFalse();
	}

	@Test
	void badRecordsAreRefusedFieldByField() {
		ConsentEntry expired = new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED,
				ConsentSource.PAPER, "x".repeat(201), "mr01", NOW, NOW.minusSeconds(1));
		assertThat(expired.violations(NOW)).extracting(FieldViolation::field).containsExactlyInAnyOrder("evidenceRef",
				"expiresAt");
		ConsentEntry withdrawnWithExpiry = new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL,
				ConsentState.WITHDRAWN, ConsentSource.VERBAL, null, "mr01", NOW, NOW.plusSeconds(3600));
		assertThat(withdrawnWithExpiry.violations(NOW)).extracting(FieldViolation::code)
			.containsExactly("consent.expiresAt.withdrawn");
		ConsentEntry future = new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED,
				ConsentSource.VERBAL, null, "mr01", NOW.plus(Duration.ofDays(1)), null);
		assertThat(future.violations(NOW)).extracting(FieldViolation::code).containsExactly("consent.capturedAt.future");
		ConsentEntry empty = new ConsentEntry(null, null, null, null, null, "mr01", null, null);
		assertThat(empty.violations(NOW)).extracting(FieldViolation::field).containsExactlyInAnyOrder("channel",
				"purpose", "state", "source", "capturedAt");
		assertThat(Optional.of(entry(ConsentChannel.WEB, ConsentPurpose.SURVEY, ConsentState.GRANTED, NOW, null))
			.get().violations(NOW)).isEmpty();
	}

	@Test
	void underOptOutSilenceOrARunOutGrantAllowsButAWithdrawalStillRefuses() {
		for (ConsentChannel channel : ConsentChannel.values()) {
			for (ConsentPurpose purpose : ConsentPurpose.values()) {
				assertThat(ConsentPolicy.decide(channel, purpose, ConsentMode.OPT_OUT, List.of(), NOW).reason())
					.isEqualTo(Reason.NOT_OBJECTED);
				List<ConsentEntry> ranOut = List.of(entry(channel, purpose, ConsentState.GRANTED,
						NOW.minus(Duration.ofDays(60)), NOW.minusSeconds(1)));
				assertThat(ConsentPolicy.decide(channel, purpose, ConsentMode.OPT_OUT, ranOut, NOW).reason())
					.isEqualTo(Reason.NOT_OBJECTED);
				assertThat(ConsentPolicy.decide(channel, purpose, ConsentMode.OPT_IN, ranOut, NOW).reason())
					.isEqualTo(Reason.EXPIRED);
				List<ConsentEntry> objected = List.of(entry(channel, purpose, ConsentState.WITHDRAWN,
						NOW.minus(Duration.ofDays(1)), null));
				Decision decision = ConsentPolicy.decide(channel, purpose, ConsentMode.OPT_OUT, objected, NOW);
				assertThat(decision.reason()).isEqualTo(Reason.WITHDRAWN);
				assertThat(decision.allowed()).isFalse();
			}
		}
	}

	@Test
	void japanAsksPriorConsentForElectronicChannelsAndRespectsObjectionsForVisitsAndCalls() {
		ConsentRules japan = ConsentRules.japanDefault();
		for (ConsentPurpose purpose : ConsentPurpose.values()) {
			assertThat(japan.modeFor(ConsentChannel.EMAIL, purpose)).isEqualTo(ConsentMode.OPT_IN);
			assertThat(japan.modeFor(ConsentChannel.REMOTE, purpose)).isEqualTo(ConsentMode.OPT_IN);
			assertThat(japan.modeFor(ConsentChannel.WEB, purpose)).isEqualTo(ConsentMode.OPT_IN);
			assertThat(japan.modeFor(ConsentChannel.VISIT, purpose)).isEqualTo(ConsentMode.OPT_OUT);
			assertThat(japan.modeFor(ConsentChannel.PHONE, purpose)).isEqualTo(ConsentMode.OPT_OUT);
		}
		// A pair nobody decided on is opt-in: silence never permits it.
		ConsentRules partial = ConsentRules.of(java.util.Map.of(ConsentChannel.VISIT,
				java.util.Map.of(ConsentPurpose.PROMOTIONAL, ConsentMode.OPT_OUT)));
		assertThat(partial.modeFor(ConsentChannel.VISIT, ConsentPurpose.PROMOTIONAL)).isEqualTo(ConsentMode.OPT_OUT);
		assertThat(partial.modeFor(ConsentChannel.VISIT, ConsentPurpose.SURVEY)).isEqualTo(ConsentMode.OPT_IN);
		var matrix = ConsentPolicy.matrix(List.of(), japan, NOW);
		assertThat(matrix.get(ConsentChannel.VISIT).get(ConsentPurpose.PROMOTIONAL).reason()).isEqualTo(Reason.NOT_OBJECTED);
		assertThat(matrix.get(ConsentChannel.EMAIL).get(ConsentPurpose.PROMOTIONAL).reason()).isEqualTo(Reason.NO_CONSENT);
	}

	@Test
	void thePurposeOfAContactFollowsFromTheSendersDepartment() {
		for (String commercial : List.of("SALES", "MARKETING", "CALL_CENTER", "MANAGEMENT", "IT")) {
			assertThat(ConsentPurpose.ofSender(commercial)).isEqualTo(ConsentPurpose.PROMOTIONAL);
		}
		assertThat(ConsentPurpose.ofSender(null)).isEqualTo(ConsentPurpose.PROMOTIONAL);
		assertThat(ConsentPurpose.ofSender("MEDICAL")).isEqualTo(ConsentPurpose.MEDICAL_INFORMATION);
	}

}
