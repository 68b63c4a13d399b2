package org.openpharma.crm.inquiry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.inquiry.AdverseEventFacts.AgeBand;
import org.openpharma.crm.inquiry.AdverseEventFacts.Expectedness;
import org.openpharma.crm.inquiry.AdverseEventFacts.Seriousness;
import org.openpharma.crm.inquiry.AdverseEventFacts.Sex;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.user.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transitions, SLA clocks on business days, intake rules, the firewall and the four-eyes rule. */
class InquiryRulesTests {

	static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

	/** 2026-11-23 (Mon) is Labour Thanksgiving Day in Japan. */
	static final BusinessCalendar CALENDAR = new BusinessCalendar(JAPAN, Set.of(LocalDate.of(2026, 11, 23),
			LocalDate.of(2027, 1, 1)));

	static final SlaPolicy SLA = new SlaPolicy(1, 5, 1, CALENDAR);

	static Instant jst(String localDateTime) {
		return java.time.LocalDateTime.parse(localDateTime).atZone(JAPAN).toInstant();
	}

	@Test
	void statusMovesOneStepAtATimeAndNeverBack() {
		assertThat(InquiryStatus.RECEIVED.canMoveTo(InquiryStatus.TRIAGED)).isTrue();
		assertThat(InquiryStatus.TRIAGED.canMoveTo(InquiryStatus.ASSIGNED)).isTrue();
		assertThat(InquiryStatus.ASSIGNED.canMoveTo(InquiryStatus.ANSWERED)).isTrue();
		assertThat(InquiryStatus.ANSWERED.canMoveTo(InquiryStatus.CLOSED)).isTrue();
		assertThat(InquiryStatus.RECEIVED.canMoveTo(InquiryStatus.ANSWERED)).as("a forged jump").isFalse();
		assertThat(InquiryStatus.ANSWERED.canMoveTo(InquiryStatus.ASSIGNED)).isFalse();
		assertThat(InquiryStatus.CLOSED.next()).isEmpty();
		assertThat(InquiryStatus.ASSIGNED.isOpen()).isTrue();
		assertThat(InquiryStatus.ANSWERED.isOpen()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(InquiryStatus.class)
	void everyStatusHasAtMostOneNextStep(InquiryStatus status) {
		assertThat(status.next().size()).isLessThanOrEqualTo(1);
		assertThat(status.canMoveTo(status)).isFalse();
	}

	@Test
	void businessDaysSkipWeekendsAndHolidays() {
		// Friday 15:00 + 1 business day: Monday 23 Nov is a holiday, so Tuesday 15:00.
		assertThat(CALENDAR.addBusinessDays(jst("2026-11-20T15:00"), 1)).isEqualTo(jst("2026-11-24T15:00"));
		// Saturday + 1: Monday (an ordinary one).
		assertThat(CALENDAR.addBusinessDays(jst("2026-11-28T10:00"), 1)).isEqualTo(jst("2026-11-30T10:00"));
		// Wednesday + 5: next Wednesday.
		assertThat(CALENDAR.addBusinessDays(jst("2026-11-25T09:30"), 5)).isEqualTo(jst("2026-12-02T09:30"));
		// New Year's Eve (Thursday) + 1: 1 Jan is off, 2-3 Jan is a weekend, so Monday 4 Jan.
		assertThat(CALENDAR.addBusinessDays(jst("2026-12-31T12:00"), 1)).isEqualTo(jst("2027-01-04T12:00"));
		assertThat(CALENDAR.addBusinessDays(jst("2026-11-25T09:30"), 0)).isEqualTo(jst("2026-11-25T09:30"));
		assertThat(CALENDAR.isBusinessDay(LocalDate.of(2026, 11, 23))).isFalse();
		assertThatThrownBy(() -> CALENDAR.addBusinessDays(Instant.now(), -1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theSlaFollowsFromPriorityAndAdverseEventsHaveTheirOwnClock() {
		Instant received = jst("2026-11-25T11:00");
		assertThat(SLA.answerDue(InquiryPriority.URGENT, received)).isEqualTo(jst("2026-11-26T11:00"));
		assertThat(SLA.answerDue(InquiryPriority.NORMAL, received)).isEqualTo(jst("2026-12-02T11:00"));
		assertThat(SLA.adverseEventDue(jst("2026-11-20T17:00"))).isEqualTo(jst("2026-11-24T17:00"));
	}

	static AdverseEventFacts ae() {
		return new AdverseEventFacts(7L, "rash two days after the first dose", LocalDate.of(2026, 11, 20),
				Seriousness.NON_SERIOUS, Expectedness.EXPECTED, false, "the treating physician", AgeBand.SIXTIES,
				Sex.FEMALE);
	}

	@Test
	void anInquiryNeedsTheQuestionVerbatimAndAnAdverseEventItsMinimumFacts() {
		Instant now = jst("2026-11-25T12:00");
		InquiryDraft good = new InquiryDraft(1L, "Dosing in renal impairment", "What dose for eGFR 25?", 7L,
				ConsentChannel.EMAIL, InquiryPriority.NORMAL, false, null, true, ae());
		assertThat(good.violations(now, JAPAN)).isEmpty();
		InquiryDraft empty = new InquiryDraft(null, " ", null, null, null, null, false, null, false, null);
		assertThat(empty.violations(now, JAPAN)).extracting(FieldViolation::field)
			.containsExactlyInAnyOrder("hcpId", "subject", "question", "answerChannel");
		InquiryDraft aeWithoutFacts = new InquiryDraft(1L, "s", "q", 7L, ConsentChannel.PHONE, InquiryPriority.URGENT,
				false, null, true,
				new AdverseEventFacts(null, "", LocalDate.of(2027, 1, 1), null, null, null, null, null, null));
		assertThat(aeWithoutFacts.violations(now, JAPAN)).extracting(FieldViolation::field).containsExactlyInAnyOrder(
				"ae.suspectProductId", "ae.description", "ae.onsetDate", "ae.seriousness", "ae.expectedness", "ae.fatal",
				"ae.reporter", "ae.ageBand", "ae.sex");
		InquiryDraft flaggedButMissing = new InquiryDraft(1L, "s", "q", 7L, ConsentChannel.PHONE, InquiryPriority.URGENT,
				false, null, true, null);
		assertThat(flaggedButMissing.violations(now, JAPAN)).isNotEmpty();
		InquiryDraft tooLong = new InquiryDraft(1L, "x".repeat(81), "q".repeat(4001), 7L, ConsentChannel.EMAIL,
				InquiryPriority.NORMAL, false, null, false, null);
		assertThat(tooLong.violations(now, JAPAN)).extracting(FieldViolation::code).containsOnly("validation.tooLong");
	}

	@Test
	void whenTheEmployeeLearnedOfItIsDayZeroNeverInTheFutureAndNeverBeforeTheOnset() {
		Instant now = jst("2026-11-25T12:00");
		InquiryDraft heardLastWeek = new InquiryDraft(1L, "s", "q", 7L, ConsentChannel.EMAIL, InquiryPriority.NORMAL,
				false, jst("2026-11-20T17:30"), true, ae());
		assertThat(heardLastWeek.violations(now, JAPAN)).isEmpty();
		assertThat(heardLastWeek.awareAtOr(now)).isEqualTo(jst("2026-11-20T17:30"));
		InquiryDraft notSaid = new InquiryDraft(1L, "s", "q", 7L, ConsentChannel.EMAIL, InquiryPriority.NORMAL, false,
				null, true, ae());
		assertThat(notSaid.awareAtOr(now)).as("defaults to when it is received").isEqualTo(now);
		InquiryDraft tomorrow = new InquiryDraft(1L, "s", "q", 7L, ConsentChannel.EMAIL, InquiryPriority.NORMAL, false,
				jst("2026-11-25T12:01"), true, ae());
		assertThat(tomorrow.violations(now, JAPAN)).extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("awareAt", "inquiry.awareAt.future"));
		// The onset (20 Nov) lies after the day the employee says they learned of it (19 Nov).
		InquiryDraft beforeOnset = new InquiryDraft(1L, "s", "q", 7L, ConsentChannel.EMAIL, InquiryPriority.NORMAL,
				false, jst("2026-11-19T23:59"), true, ae());
		assertThat(beforeOnset.violations(now, JAPAN)).extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("ae.onsetDate", "inquiry.ae.onset.afterAwareness"));
	}

	@Test
	void aDeathIsAlwaysSeriousAndUnknownsGiveTheShorterClock() {
		AdverseEventFacts deathMarkedNonSerious = new AdverseEventFacts(7L, "died", null, Seriousness.NON_SERIOUS,
				Expectedness.EXPECTED, true, "physician", AgeBand.EIGHTY_PLUS, Sex.MALE);
		assertThat(deathMarkedNonSerious.violations(LocalDate.of(2026, 11, 25)))
			.extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("ae.seriousness", "inquiry.ae.fatal.serious"));
		assertThat(AdverseEventCase.of(Seriousness.UNKNOWN, Expectedness.UNKNOWN, false))
			.isEqualTo(new AdverseEventCase(true, false, false));
		assertThat(AdverseEventCase.of(Seriousness.SERIOUS, Expectedness.EXPECTED, false))
			.isEqualTo(new AdverseEventCase(true, true, false));
		assertThat(AdverseEventCase.of(Seriousness.NON_SERIOUS, Expectedness.EXPECTED, false))
			.isEqualTo(new AdverseEventCase(false, true, false));
		// Hand-offs from before the outcome was asked: a serious one may have been fatal, a non-serious one was not.
		assertThat(AdverseEventCase.of(Seriousness.SERIOUS, Expectedness.EXPECTED, null))
			.isEqualTo(new AdverseEventCase(true, true, true));
		assertThat(AdverseEventCase.of(Seriousness.NON_SERIOUS, Expectedness.UNKNOWN, null))
			.isEqualTo(new AdverseEventCase(false, false, false));
		assertThatThrownBy(() -> new AdverseEventCase(false, true, true)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void onlyMedicalAffairsSeesMedicalContent() {
		assertThat(InquiryFirewall.seesMedicalContent(List.of(Role.MEDICAL))).isTrue();
		for (Role role : List.of(Role.MR, Role.MARKETING, Role.CALL_CENTER, Role.MANAGER, Role.ADMIN,
				Role.PRIVACY_OFFICER)) {
			assertThat(InquiryFirewall.seesMedicalContent(List.of(role))).as(role.name()).isFalse();
		}
		assertThat(InquiryFirewall.seesMedicalContent(List.of())).isFalse();
	}

	@Test
	void aCustomAnswerNeedsASecondMedicalPerson() {
		InquiryFirewall.requireSecondPerson("medical1", "medical2");
		assertThatThrownBy(() -> InquiryFirewall.requireSecondPerson("medical1", "MEDICAL1"))
			.isInstanceOf(DomainException.class)
			.extracting(ex -> ((DomainException) ex).getCode())
			.isEqualTo("inquiry.answer.ownApproval");
	}

}
