package org.openpharma.crm.interaction.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.web.InteractionForm.CountRow;
import org.openpharma.crm.interaction.web.InteractionForm.NeedRow;
import org.openpharma.crm.interaction.web.InteractionForm.StageRow;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;

import static org.assertj.core.api.Assertions.assertThat;

class InteractionFormTests {

	private static InteractionForm form(List<NeedRow> needs, List<StageRow> stages, List<CountRow> counts) {
		return new InteractionForm(7L, Channel.VISIT, null, LocalDateTime.of(2026, 11, 25, 9, 30), 20, null, null, null,
				"key", null, needs, stages, null, null, counts, null, null);
	}

	private static NeedRow need(String topic) {
		return new NeedRow(topic, NeedCategory.EFFICACY, null, null, Urgency.HIGH, null);
	}

	@Test
	void startsAtTheMinuteInJapanWithTwoNeedsAStageAndACountForTheMonth() {
		// 23:59:30 on 31 October in UTC is already 1 November in Japan.
		Clock clock = Clock.fixed(Instant.parse("2026-10-31T23:59:30Z"), ZoneOffset.UTC);
		InteractionForm form = InteractionForm.start(5L, clock);
		assertThat(form.hcpId()).isEqualTo(5L);
		assertThat(form.channel()).isEqualTo(Channel.VISIT);
		assertThat(form.occurredAt()).isEqualTo(LocalDateTime.of(2026, 11, 1, 8, 59));
		assertThat(form.needs()).containsExactly(NeedRow.blank(), NeedRow.blank());
		assertThat(form.stages()).containsExactly(StageRow.blank());
		assertThat(form.patientCounts()).extracting(CountRow::period).containsExactly(YearMonth.of(2026, 11));
		assertThat(form.version()).isNull();
	}

	@Test
	void whatWasNotSentIsEmptyAndAGapInTheRowsIsABlankRow() {
		InteractionForm form = new InteractionForm(null, null, null, null, null, Arrays.asList(3L, null), null, null,
				null, null, Arrays.asList(null, need("用量")), null, null, null, null, null, Arrays.asList(null, 12L));
		assertThat(form.channel()).isEqualTo(Channel.VISIT);
		assertThat(form.productIds()).containsExactly(3L);
		assertThat(form.therapeuticAreaIds()).isEmpty();
		assertThat(form.needs()).containsExactly(NeedRow.blank(), need("用量"));
		assertThat(form.stages()).isEmpty();
		assertThat(form.patientCounts()).isEmpty();
		assertThat(form.contentVersionIds()).containsExactly(12L);
		assertThat(new NeedRow("x", null, null, null, null, null).urgency()).isEqualTo(Urgency.NORMAL);
	}

	@Test
	void addsARowOfTheKindAskedForUpToTheLimit() {
		InteractionForm form = form(List.of(need("a")), List.of(), List.of());
		InteractionForm more = form.withRow("need").withRow("stage").withRow("count").withRow("nonsense");
		assertThat(more.needs()).containsExactly(need("a"), NeedRow.blank());
		assertThat(more.stages()).containsExactly(StageRow.blank());
		assertThat(more.patientCounts()).containsExactly(CountRow.blank());
		assertThat(form.needs()).hasSize(1);
		InteractionForm full = form;
		for (int i = 0; i < 20; i++) {
			full = full.withRow("need");
		}
		assertThat(full.needs()).hasSize(InteractionForm.MAX_ROWS);
	}

	@Test
	void aCaptureLeavesOutTheBlankRows() {
		InteractionForm form = form(List.of(need(" "), need("用量")),
				List.of(StageRow.blank(), new StageRow(4L, AdoptionStage.INTERESTED, "関心あり")),
				List.of(new CountRow(4L, null, YearMonth.of(2026, 11), null, null),
						new CountRow(4L, null, YearMonth.of(2026, 11), 40, 12)));
		InteractionCapture capture = form.toCapture();
		assertThat(capture.hcpId()).isEqualTo(7L);
		assertThat(capture.needs()).singleElement().satisfies(n -> {
			assertThat(n.topic()).isEqualTo("用量");
			assertThat(n.urgency()).isEqualTo(Urgency.HIGH);
		});
		assertThat(capture.stages()).singleElement().satisfies(s -> assertThat(s.stage()).isEqualTo(AdoptionStage.INTERESTED));
		assertThat(capture.patientCounts()).singleElement()
			.satisfies(c -> assertThat(c.eligiblePatients()).isEqualTo(40));
		assertThat(capture.policy()).isNull();
	}

	@Test
	void aViolationOfTheCaptureNamesTheFormRowItCameFrom() {
		InteractionForm form = form(List.of(NeedRow.blank(), need("a"), NeedRow.blank(), need("b")), List.of(),
				List.of(CountRow.blank(), new CountRow(4L, null, null, 10, 20)));
		ValidationException mapped = form.toFormPaths(new ValidationException(List.of(
				new FieldViolation("needs[1].category", "need.category.required"),
				new FieldViolation("patientCounts[0].treatedPatients", "count.treated.exceedsEligible"),
				new FieldViolation("occurredAt", "interaction.occurredAt.required"),
				new FieldViolation(null, "interaction.global"))));
		assertThat(mapped.getViolations()).extracting(FieldViolation::field)
			.containsExactly("needs[3].category", "patientCounts[1].treatedPatients", "occurredAt", null);
	}

	@Test
	void theFactsAreTheContactInJapanTime() {
		InteractionForm form = new InteractionForm(7L, Channel.PHONE_OUT, null, LocalDateTime.of(2026, 11, 25, 9, 30), 15,
				List.of(1L, 1L, 2L), List.of(3L), "ok", "key", "notes", null, null, null, null, null, 2L, List.of(4L));
		InteractionFacts facts = form.toFacts();
		assertThat(facts.channel()).isEqualTo(Channel.PHONE_OUT);
		assertThat(facts.occurredAt()).isEqualTo(Instant.parse("2026-11-25T00:30:00Z"));
		assertThat(facts.durationMinutes()).isEqualTo(15);
		assertThat(facts.productIds()).containsExactlyInAnyOrder(1L, 2L);
		assertThat(facts.therapeuticAreaIds()).containsExactly(3L);
		assertThat(form.withVersion(null).version()).isNull();
		assertThat(form.withHcpId(9L)).isEqualTo(new InteractionForm(9L, Channel.PHONE_OUT, null,
				LocalDateTime.of(2026, 11, 25, 9, 30), 15, List.of(1L, 1L, 2L), List.of(3L), "ok", "key", "notes", null,
				null, null, null, null, 2L, List.of(4L)));
	}

	@Test
	void onlyRowIndexesWithinTheLimitPass() {
		assertThat(InteractionForm.withinRowLimit("needs[0].topic")).isTrue();
		assertThat(InteractionForm.withinRowLimit("patientCounts[9].period")).isTrue();
		assertThat(InteractionForm.withinRowLimit("keyMessages")).isTrue();
		assertThat(InteractionForm.withinRowLimit("needs[10].topic")).isFalse();
		assertThat(InteractionForm.withinRowLimit("stages[99999999999].stage")).isFalse();
		assertThat(InteractionForm.withinRowLimit("stages[].stage")).isFalse();
		assertThat(InteractionForm.withinRowLimit("needs[x].topic")).isFalse();
	}

}
