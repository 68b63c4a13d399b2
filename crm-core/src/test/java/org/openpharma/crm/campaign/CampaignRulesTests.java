package org.openpharma.crm.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.stage.AdoptionStage;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignRulesTests {

	static final Instant NOW = Instant.parse("2026-12-05T01:00:00Z");

	static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

	static List<String> codes(List<FieldViolation> violations) {
		return violations.stream().map(v -> v.field() + ":" + v.code()).toList();
	}

	static SegmentCriteria criteria(Long area, Set<AdoptionStage> stages, Integer within, Integer noContact,
			Integer patientMonths) {
		return new SegmentCriteria(area, stages, null, null, null, null, null, null, null, within, noContact, null,
				patientMonths);
	}

	@Test
	void stagesAndPatientMonthsNeedAnArea() {
		assertThat(codes(criteria(null, Set.of(AdoptionStage.AWARE), null, null, 10).violations()))
			.containsExactly("stages:segment.stages.needArea", "minPatientMonths:segment.patients.needArea");
		assertThat(criteria(3L, Set.of(AdoptionStage.AWARE), null, null, 10).violations()).isEmpty();
	}

	@Test
	void contactWindowsMustBeInRangeAndNotContradictEachOther() {
		assertThat(codes(criteria(null, null, 0, null, null).violations()))
			.containsExactly("contactWithinDays:segment.range");
		// Last contact within 30 days and none for 60: nobody can be both.
		assertThat(codes(criteria(null, null, 30, 60, null).violations()))
			.containsExactly("noContactForDays:segment.contact.contradiction");
		// Last contact between 10 and 30 days ago.
		assertThat(criteria(null, null, 30, 10, null).violations()).isEmpty();
	}

	@Test
	void noCriterionIsEveryoneAndSeenDefaultsToTrueOnlyWithAnItem() {
		assertThat(SegmentCriteria.everyone().isEveryone()).isTrue();
		assertThat(criteria(3L, null, null, null, null).isEveryone()).isFalse();
		SegmentCriteria withItem = new SegmentCriteria(null, null, null, null, null, null, null, 5L, null, null, null,
				null, null);
		assertThat(withItem.seen()).isTrue();
		SegmentCriteria noItem = new SegmentCriteria(null, null, null, null, null, null, null, null, false, null, null,
				null, null);
		assertThat(noItem.seen()).isNull();
	}

	static CampaignDraft draft(CampaignKind kind, Channel push, Integer holdout, Instant startsAt, LocalDate endsOn) {
		return new CampaignDraft("  冬の啓発メール ", 1L, kind, (kind == CampaignKind.EMAIL) ? 10L : null, 11L, push, holdout,
				startsAt, endsOn);
	}

	@Test
	void anEmailCampaignNeedsATemplateAndAHoldoutOfAtMostHalf() {
		assertThat(draft(CampaignKind.EMAIL, null, 10, NOW, null).violations(NOW, TODAY)).isEmpty();
		assertThat(draft(CampaignKind.EMAIL, null, 10, NOW, null).name()).isEqualTo("冬の啓発メール");
		CampaignDraft noTemplate = new CampaignDraft("x", 1L, CampaignKind.EMAIL, null, 11L, null, 60, NOW, null);
		assertThat(codes(noTemplate.violations(NOW, TODAY)))
			.containsExactly("templateVersionId:campaign.template.required", "holdoutPercent:segment.range");
	}

	@Test
	void aPushCampaignNeedsAVisitChannelAndAnEndDayAfterItsStart() {
		assertThat(draft(CampaignKind.PUSH, Channel.VISIT, 20, NOW, TODAY.plusDays(30)).violations(NOW, TODAY)).isEmpty();
		assertThat(codes(draft(CampaignKind.PUSH, Channel.EMAIL_OUT, 20, NOW, TODAY.minusDays(1)).violations(NOW, TODAY)))
			.containsExactly("pushChannel:campaign.pushChannel.required", "endsOn:campaign.endsOn.beforeStart");
		assertThat(codes(draft(CampaignKind.PUSH, Channel.VISIT, 20, NOW, TODAY.plusDays(400)).violations(NOW, TODAY)))
			.containsExactly("endsOn:campaign.endsOn.tooLong");
	}

	@Test
	void aCampaignStartsNowOrLater() {
		assertThat(codes(draft(CampaignKind.EMAIL, null, 0, NOW.minusSeconds(3600), null).violations(NOW, TODAY)))
			.containsExactly("startsAt:campaign.startsAt.past");
		assertThat(draft(CampaignKind.EMAIL, null, 0, NOW.minusSeconds(60), null).violations(NOW, TODAY)).isEmpty();
	}

	@Test
	void theHoldoutIsAFixedDrawCloseToItsShare() {
		long held = LongStream.rangeClosed(1, 10_000).filter(h -> CampaignDraft.heldOut(42L, h, 20)).count();
		assertThat(held).isBetween(1_800L, 2_200L);
		assertThat(CampaignDraft.heldOut(42L, 17L, 20)).isEqualTo(CampaignDraft.heldOut(42L, 17L, 20));
		assertThat(LongStream.rangeClosed(1, 1_000).filter(h -> CampaignDraft.heldOut(42L, h, 0)).count()).isZero();
		// Another campaign draws other members.
		long same = LongStream.rangeClosed(1, 10_000)
			.filter(h -> CampaignDraft.heldOut(42L, h, 20) && CampaignDraft.heldOut(43L, h, 20))
			.count();
		assertThat(same).isLessThan(held / 2);
	}

}
