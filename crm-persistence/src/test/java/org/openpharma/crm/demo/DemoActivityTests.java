package org.openpharma.crm.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openpharma.crm.demo.DemoActivity.Area;
import org.openpharma.crm.demo.DemoActivity.InteractionRow;
import org.openpharma.crm.demo.DemoActivity.NeedRow;
import org.openpharma.crm.demo.DemoActivity.PatientCountRow;
import org.openpharma.crm.demo.DemoActivity.PolicyNoteRow;
import org.openpharma.crm.demo.DemoActivity.StageChangeRow;
import org.openpharma.crm.demo.DemoActivity.StageRow;
import org.openpharma.crm.demo.DemoActivity.Target;
import org.openpharma.crm.shared.Japan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated activity as plain rows: volume, skew, consistency between tables, and determinism. The ranges and
 * comparisons here state the shape the generator is built to give (they hold for any seed); seed 42's exact figures
 * are pinned where the data is loaded, in DemoDataGeneratorIntegrationTests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoActivityTests {

	static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

	static final List<Area> AREAS = List.of(new Area(1, "ONCOLOGY", "腫瘍", List.of(11L, 12L), List.of("オンビラ", "ルミトレックス")),
			new Area(2, "CARDIOVASCULAR", "循環器", List.of(21L), List.of("カルディルクス")),
			new Area(3, "DIABETES", "糖尿病・代謝", List.of(31L), List.of("グルカリア")),
			new Area(4, "CNS", "中枢神経", List.of(), List.of()));

	Rows rows;

	@BeforeAll
	void generateSmall() {
		this.rows = generate(42);
	}

	@Test
	void volumeIsTheScalesWithAHeavyTailAndUncontactedHcps() {
		int[] counts = this.rows.counts;
		long total = Arrays.stream(counts).asLongStream().sum();
		assertThat(total).isBetween((long) (Scale.SMALL.interactions() * 0.9), (long) (Scale.SMALL.interactions() * 1.05));
		assertThat(this.rows.interactions).hasSize((int) total);
		assertThat(Arrays.stream(counts).max().orElseThrow()).isLessThanOrEqualTo(Scale.SMALL.maxInteractionsPerHcp())
			.isGreaterThan(Scale.SMALL.maxInteractionsPerHcp() / 4);
		long untouched = Arrays.stream(counts).filter(c -> c == 0).count();
		assertThat(untouched).isBetween(counts.length / 10L, counts.length / 5L);
		// Skew: the busiest tenth of HCPs gets far more than a tenth of the contacts.
		int[] sorted = counts.clone();
		Arrays.sort(sorted);
		long top = Arrays.stream(sorted, sorted.length - sorted.length / 10, sorted.length).asLongStream().sum();
		assertThat(top).isGreaterThan(total / 3);
		assertThat(this.rows.needs.size()).isBetween((int) (Scale.SMALL.needs() * 0.8), (int) (Scale.SMALL.needs() * 1.2));
	}

	@Test
	void interactionsAreInTheLastThreeYearsPushOnesInJapaneseWorkingHours() {
		for (InteractionRow row : this.rows.interactions) {
			assertThat(row.occurredAt()).isBefore(NOW).isAfter(NOW.minus(DemoActivity.HISTORY).minusSeconds(3600 * 24 * 3));
			assertThat(row.recordedAt()).isAfterOrEqualTo(row.occurredAt()).isBeforeOrEqualTo(NOW);
			if (row.channel().equals("VISIT")) {
				ZonedDateTime local = row.occurredAt().atZone(Japan.ZONE);
				assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
				assertThat(local.getHour()).isBetween(9, 17);
				assertThat(row.department()).isIn("SALES", "MEDICAL");
				assertThat(row.durationMinutes()).isBetween(5, 30);
			}
		}
		Map<String, Long> byChannel = this.rows.interactions.stream()
			.collect(Collectors.groupingBy(InteractionRow::channel, Collectors.counting()));
		assertThat(byChannel).containsOnlyKeys("VISIT", "REMOTE_DETAIL", "PHONE_OUT", "EMAIL_OUT", "WEB_CONTENT",
				"WEBINAR", "EMAIL_OPENED", "PHONE_IN");
		assertThat(byChannel.get("VISIT")).isGreaterThan(byChannel.get("PHONE_IN"));
		assertThat(this.rows.interactions).extracting(InteractionRow::author).contains("mr01", "mr02", "medical",
				"marketing", "callcenter", DemoActivity.EVENTS_AUTHOR);
	}

	@Test
	void needsBelongToTheirInteractionAndTheirStatusFitsTheChecks() {
		Map<Long, InteractionRow> interactions = this.rows.interactions.stream()
			.collect(Collectors.toMap(InteractionRow::id, r -> r));
		for (NeedRow need : this.rows.needs) {
			InteractionRow raisedIn = interactions.get(need.interactionId());
			assertThat(raisedIn).isNotNull();
			assertThat(need.hcpId()).isEqualTo(raisedIn.hcpId());
			assertThat(need.topic()).isNotBlank().doesNotContain("{p}", "{ta}");
			assertThat(need.updatedAt()).isAfterOrEqualTo(need.createdAt()).isBeforeOrEqualTo(NOW);
			// The same rules as the table's CHECK constraints.
			if (!need.status().equals("OPEN") && !need.status().equals("CLOSED_UNMET")) {
				assertThat(need.routedTo()).isNotNull();
			}
			if (need.status().equals("CLOSED_UNMET")) {
				assertThat(need.closeReason()).isNotBlank();
			}
			if (need.status().equals("FULFILLED") || need.status().equals("CONFIRMED_BY_HCP")) {
				assertThat(need.fulfilment()).isNotBlank();
			}
			if (need.feedbackScore() != null) {
				assertThat(need.feedbackScore()).isBetween(1, 5);
			}
		}
		Map<String, Long> byStatus = this.rows.needs.stream()
			.collect(Collectors.groupingBy(NeedRow::status, Collectors.counting()));
		assertThat(byStatus).containsKeys("OPEN", "TRIAGED", "IN_PROGRESS", "FULFILLED", "CONFIRMED_BY_HCP",
				"CLOSED_UNMET");
		assertThat(byStatus.get("CONFIRMED_BY_HCP")).isGreaterThan(byStatus.get("OPEN"));
	}

	@Test
	void stageHistoriesAreChainsThatEndInTheCurrentStage() {
		Map<String, List<StageChangeRow>> histories = this.rows.stageChanges.stream()
			.collect(Collectors.groupingBy(c -> c.hcpId() + "/" + c.therapeuticAreaId()));
		assertThat(histories).hasSameSizeAs(this.rows.stages);
		for (StageRow stage : this.rows.stages) {
			List<StageChangeRow> history = histories.get(stage.hcpId() + "/" + stage.therapeuticAreaId());
			assertThat(history.get(0).fromStage()).isNull();
			for (int i = 1; i < history.size(); i++) {
				assertThat(history.get(i).fromStage()).isEqualTo(history.get(i - 1).toStage())
					.isNotEqualTo(history.get(i).toStage());
				assertThat(history.get(i).changedAt()).isAfterOrEqualTo(history.get(i - 1).changedAt());
				assertThat(history.get(i).reason()).isNotBlank();
			}
			assertThat(history.get(history.size() - 1).toStage()).isEqualTo(stage.stage());
		}
		assertThat(this.rows.stages).extracting(StageRow::stage).contains("UNAWARE", "AWARE", "INTERESTED", "TRIAL",
				"ADOPTER");
	}

	@Test
	void patientCountsAreWholeMonthsAndTreatedNeverExceedsEligible() {
		// Not empty: the loop below must have rows to check.
		assertThat(this.rows.patientCounts).isNotEmpty();
		for (PatientCountRow row : this.rows.patientCounts) {
			assertThat(row.period().getDayOfMonth()).isEqualTo(1);
			assertThat(row.eligible()).isBetween(0, 10_000);
			assertThat(row.treated()).isBetween(0, row.eligible());
			assertThat(row.reportedAt()).isBeforeOrEqualTo(NOW);
		}
		assertThat(this.rows.policyNotes).isNotEmpty().allSatisfy(n -> assertThat(n.note()).doesNotContain("{"));
	}

	@Test
	void theSameSeedGivesTheSameActivity() {
		Rows again = generate(42);
		assertThat(again.interactions).isEqualTo(this.rows.interactions);
		assertThat(again.needs).isEqualTo(this.rows.needs);
		assertThat(generate(7).interactions).isNotEqualTo(this.rows.interactions);
	}

	static Rows generate(long seed) {
		List<Target> targets = new ArrayList<>();
		List<String> specialties = DemoDatasetTests.SPECIALTIES;
		for (int i = 0; i < Scale.SMALL.hcps(); i++) {
			targets.add(new Target(1_000 + i, specialties.get(i % specialties.size()), 1 + i % 47));
		}
		Map<Integer, String> mrs = new HashMap<>();
		for (int p = 1; p <= 47; p++) {
			mrs.put(p, (p == 13) ? "mr01" : "mr02");
		}
		DemoActivity activity = new DemoActivity(Scale.SMALL, seed, NOW, AREAS, mrs);
		Rows rows = new Rows();
		rows.counts = activity.interactionCounts(targets);
		DemoActivity.Counts counts = activity.generate(targets, rows.counts, 500_000, rows);
		assertThat(counts.interactions()).isEqualTo(rows.interactions.size());
		assertThat(counts.needs()).isEqualTo(rows.needs.size());
		return rows;
	}

	static final class Rows implements DemoActivity.Sink {

		int[] counts;

		final List<InteractionRow> interactions = new ArrayList<>();

		final List<NeedRow> needs = new ArrayList<>();

		final List<StageRow> stages = new ArrayList<>();

		final List<StageChangeRow> stageChanges = new ArrayList<>();

		final List<PatientCountRow> patientCounts = new ArrayList<>();

		final List<PolicyNoteRow> policyNotes = new ArrayList<>();

		@Override
		public void interaction(InteractionRow row) {
			this.interactions.add(row);
		}

		@Override
		public void need(NeedRow row) {
			this.needs.add(row);
		}

		@Override
		public void stage(StageRow row) {
			this.stages.add(row);
		}

		@Override
		public void stageChange(StageChangeRow row) {
			this.stageChanges.add(row);
		}

		@Override
		public void patientCount(PatientCountRow row) {
			this.patientCounts.add(row);
		}

		@Override
		public void policyNote(PolicyNoteRow row) {
			this.policyNotes.add(row);
		}

	}

}
