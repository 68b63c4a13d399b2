package org.openpharma.crm.inquiry;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The four-eyes review of a custom answer (approve or return with a reason) and the intake channel's answer. */
class AnswerReviewTests {

	static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

	@Test
	void anAnswersStateFollowsFromWhatIsStored() {
		assertThat(AnswerState.of(null, null, null, null)).isEqualTo(AnswerState.NONE);
		assertThat(AnswerState.of("標準回答", 7L, "SR MA-1", null)).isEqualTo(AnswerState.STANDARD);
		assertThat(AnswerState.of("個別回答", null, null, null)).isEqualTo(AnswerState.AWAITING_APPROVAL);
		assertThat(AnswerState.of("個別回答", null, null, NOW)).isEqualTo(AnswerState.RETURNED);
		assertThat(AnswerState.of("個別回答", null, "medical2", null)).isEqualTo(AnswerState.APPROVED);
		assertThat(AnswerState.AWAITING_APPROVAL.inReview()).isTrue();
		assertThat(AnswerState.RETURNED.inReview()).isTrue();
		assertThat(AnswerState.APPROVED.inReview()).isFalse();
	}

	@Test
	void aSecondMedicalUserApprovesAnAnswerAwaitingReviewButNotTheAuthor() {
		AnswerReview.requireApprovable(AnswerState.AWAITING_APPROVAL, "medical", "medical2");
		assertThat(code(() -> AnswerReview.requireApprovable(AnswerState.AWAITING_APPROVAL, "medical", "Medical")))
			.isEqualTo("inquiry.answer.ownApproval");
	}

	@ParameterizedTest
	@EnumSource(value = AnswerState.class, names = "AWAITING_APPROVAL", mode = EnumSource.Mode.EXCLUDE)
	void onlyAnAnswerAwaitingReviewIsApprovedOrReturned(AnswerState state) {
		String expected = switch (state) {
			case APPROVED -> "inquiry.answer.alreadyApproved";
			case RETURNED -> "inquiry.answer.alreadyReturned";
			default -> "inquiry.answer.nothingToApprove";
		};
		assertThat(code(() -> AnswerReview.requireApprovable(state, "medical", "medical2"))).isEqualTo(expected);
		assertThat(code(() -> AnswerReview.requireReturnable(state, "medical", "medical2", "出典を追記してください")))
			.isEqualTo(expected);
	}

	@Test
	void theReviewerReturnsAnAnswerWithAReasonTheAuthorCannot() {
		assertThat(AnswerReview.requireReturnable(AnswerState.AWAITING_APPROVAL, "medical", "medical2",
				"  添付文書の改訂内容を反映してください。\n出典も追記してください。 "))
			.isEqualTo("添付文書の改訂内容を反映してください。\n出典も追記してください。");
		assertThat(code(() -> AnswerReview.requireReturnable(AnswerState.AWAITING_APPROVAL, "medical", "MEDICAL", "理由")))
			.isEqualTo("inquiry.answer.ownReturn");
	}

	@Test
	void aReturnNeedsAReasonOfAtMostFiveHundredCharacters() {
		assertThat(violation(() -> AnswerReview.requireReturnable(AnswerState.AWAITING_APPROVAL, "medical", "medical2",
				"  \n ")))
			.extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly("returnReason", "inquiry.answer.returnReason.required");
		assertThat(violation(() -> AnswerReview.requireReturnable(AnswerState.AWAITING_APPROVAL, "medical", "medical2",
				null)).code()).isEqualTo("inquiry.answer.returnReason.required");
		assertThat(AnswerReview.requireReturnable(AnswerState.AWAITING_APPROVAL, "medical", "medical2", "あ".repeat(500)))
			.hasSize(500);
		assertThat(violation(() -> AnswerReview.requireReturnable(AnswerState.AWAITING_APPROVAL, "medical", "medical2",
				"あ".repeat(501))).code()).isEqualTo("inquiry.answer.returnReason.tooLong");
	}

	@ParameterizedTest
	@EnumSource(ConsentChannel.class)
	void theAnswerGoesBackOnTheChannelTheInquiryCameInOn(ConsentChannel received) {
		assertThat(InquiryChannels.answerFor(received)).isEqualTo(received);
	}

	@Test
	void anUnknownIntakeIsAnsweredInWritingAndEachDepartmentHasItsUsualIntake() {
		assertThat(InquiryChannels.answerFor(null)).isEqualTo(ConsentChannel.EMAIL);
		assertThat(InquiryChannels.usualIntake("CALL_CENTER")).isEqualTo(ConsentChannel.PHONE);
		assertThat(InquiryChannels.usualIntake("MEDICAL")).isEqualTo(ConsentChannel.PHONE);
		assertThat(InquiryChannels.usualIntake("SALES")).isEqualTo(ConsentChannel.VISIT);
		assertThat(InquiryChannels.usualIntake("IT")).isNull();
		assertThat(InquiryChannels.usualIntake(null)).isNull();
	}

	private static String code(Runnable call) {
		try {
			call.run();
		}
		catch (DomainException ex) {
			return ex.getCode();
		}
		throw new AssertionError("no DomainException");
	}

	private static FieldViolation violation(Runnable call) {
		try {
			call.run();
		}
		catch (ValidationException ex) {
			assertThat(ex.getViolations()).hasSize(1);
			return ex.getViolations().get(0);
		}
		throw new AssertionError("no ValidationException");
	}

}
