package org.openpharma.crm.interaction;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.PolicyDraft;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.stage.PatientCountFacts;
import org.openpharma.crm.testsupport.MutableClock;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PostgresTest
class InteractionManagementIntegrationTests extends PostgresTestBase {

	static final MutableClock CLOCK = MutableClock.startingNow();

	@TestBean
	java.time.Clock clock;

	static java.time.Clock clock() {
		return CLOCK;
	}

	@Autowired
	InteractionManagement interactions;

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.openpharma.crm.consent.ConsentLedger consents;

	Hcp hcp;

	long oncology;

	long product;

	@BeforeEach
	void setUp() {
		if (this.users.findByUsername("mr-capture").isEmpty()) {
			this.users.create("mr-capture", "MR", "capture-password-1", "SALES", EnumSet.of(Role.MR), Set.of(), "test");
		}
		UniqueNames.Name name = UniqueNames.next();
		this.hcp = this.hcps.create(new HcpDetails(name.kanji() + " 太郎", name.kana() + " タロウ", null, null, null, null,
				null, null), "test");
		org.openpharma.crm.ConsentFixtures.grantEverything(this.consents, this.hcp.getId(), CLOCK.instant());
		String code = "T" + Math.abs(name.romaji().hashCode());
		this.oncology = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '腫瘍', 'Oncology')"
				+ " RETURNING id", Long.class, code);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, 'テストミブ', 'Testimab', ?) RETURNING id", Long.class, code + "P", this.oncology);
	}

	private InteractionCapture visit(List<PatientCountFacts> counts) {
		Instant now = CLOCK.instant();
		YearMonth month = YearMonth.from(now.atZone(ZoneId.of("Asia/Tokyo")));
		return new InteractionCapture(this.hcp.getId(),
				new InteractionFacts(Channel.VISIT, now.minusSeconds(600), 15, "interested", "OS data", null,
						Set.of(this.product), Set.of(this.oncology)),
				List.of(new NeedDraft("Renal dosing", NeedCategory.DOSING, this.oncology, null, Urgency.HIGH, null),
						new NeedDraft("Patient leaflet", NeedCategory.PATIENT_SUPPORT, null, this.product, null, "JP")),
				List.of(new StageDraft(this.oncology, AdoptionStage.INTERESTED, "asked for trial data")),
				new PolicyDraft(this.oncology, "Prefers guideline first-line"),
				(counts != null) ? counts : List.of(new PatientCountFacts(this.oncology, null, month, 40, 12)));
	}

	private long count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE hcp_id = ?", Long.class,
				this.hcp.getId());
	}

	@Test
	void aVisitWithTwoNeedsAStageChangeAndACountIsSavedTogether() {
		Interaction interaction = this.interactions.log(visit(null), "mr-capture");
		assertThat(interaction.getDepartmentCode()).isEqualTo("SALES");
		assertThat(count("interaction")).isEqualTo(1);
		assertThat(count("information_need")).isEqualTo(2);
		assertThat(count("stage_change")).isEqualTo(1);
		assertThat(count("hcp_stage")).isEqualTo(1);
		assertThat(count("treatment_policy_note")).isEqualTo(1);
		assertThat(count("patient_count")).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE entity_type = 'INTERACTION'"
				+ " AND entity_id = ? AND action = 'LOG'", Long.class, interaction.getId())).isEqualTo(1);
	}

	@Test
	void oneBadPatientCountSavesNothingAtAll() {
		YearMonth month = YearMonth.from(CLOCK.instant().atZone(ZoneId.of("Asia/Tokyo")));
		InteractionCapture capture = visit(List.of(new PatientCountFacts(this.oncology, null, month, 10, 20)));
		assertThatThrownBy(() -> this.interactions.log(capture, "mr-capture")).isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().stream().map(FieldViolation::field).toList())
			.isEqualTo(List.of("patientCounts[0].treatedPatients"));
		assertThat(count("interaction")).isZero();
		assertThat(count("information_need")).isZero();
		assertThat(count("stage_change")).isZero();
	}

	@Test
	void stageMovesBackAndForthAndKeepsItsHistory() {
		this.interactions.log(visit(List.of()), "mr-capture");
		InteractionCapture back = new InteractionCapture(this.hcp.getId(),
				new InteractionFacts(Channel.PHONE_OUT, CLOCK.instant(), 5, null, null, null, null, null), List.of(),
				List.of(new StageDraft(this.oncology, AdoptionStage.AWARE, "lost interest")), null, List.of());
		this.interactions.log(back, "mr-capture");
		assertThat(this.jdbc.queryForList("SELECT coalesce(from_stage, '-') || '>' || to_stage FROM stage_change"
				+ " WHERE hcp_id = ? ORDER BY id", String.class, this.hcp.getId()))
			.containsExactly("->INTERESTED", "INTERESTED>AWARE");
		assertThatThrownBy(() -> this.jdbc.update("UPDATE stage_change SET reason = 'x' WHERE hcp_id = ?",
				this.hcp.getId()))
			.rootCause()
			.hasMessageContaining("permission denied");
	}

	@Test
	void concurrentStageChangesForOneHcpQueueUpAndKeepAnUnbrokenHistory() throws Exception {
		AdoptionStage[] stages = { AdoptionStage.AWARE, AdoptionStage.INTERESTED, AdoptionStage.TRIAL,
				AdoptionStage.ADOPTER, AdoptionStage.AWARE, AdoptionStage.TRIAL, AdoptionStage.INTERESTED,
				AdoptionStage.ADVOCATE };
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(stages.length);
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		List<java.util.concurrent.Future<Interaction>> results = new java.util.ArrayList<>();
		try {
			for (AdoptionStage stage : stages) {
				InteractionCapture capture = new InteractionCapture(this.hcp.getId(),
						new InteractionFacts(Channel.PHONE_OUT, CLOCK.instant(), 5, null, null, null, null, null),
						List.of(), List.of(new StageDraft(this.oncology, stage, "call")), null, List.of());
				results.add(pool.submit(() -> {
					start.await();
					return this.interactions.log(capture, "mr-capture");
				}));
			}
			start.countDown();
			for (java.util.concurrent.Future<Interaction> result : results) {
				assertThat(result.get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<Map<String, Object>> history = this.jdbc.queryForList("SELECT from_stage, to_stage FROM stage_change"
				+ " WHERE hcp_id = ? ORDER BY id", this.hcp.getId());
		// Not exact: the order the calls queue up in decides how many repeat the stage just reached (no move); three
		// stages come twice, so 5 to 8 moves.
		assertThat(history).hasSizeBetween(5, stages.length);
		assertThat(history.get(0).get("from_stage")).isNull();
		for (int i = 1; i < history.size(); i++) {
			assertThat(history.get(i).get("from_stage")).isEqualTo(history.get(i - 1).get("to_stage"));
		}
		assertThat(this.jdbc.queryForObject("SELECT stage FROM hcp_stage WHERE hcp_id = ?", String.class,
				this.hcp.getId())).isEqualTo(history.get(history.size() - 1).get("to_stage"));
		assertThat(count("interaction")).isEqualTo(stages.length);
	}

	@Test
	void theAuthorEditsWithinADayAndCorrectsAfterwards() {
		Interaction interaction = this.interactions.log(visit(List.of()), "mr-capture");
		InteractionFacts changed = new InteractionFacts(Channel.VISIT, interaction.getOccurredAt(), 30, "follow up", null,
				null, null, null);
		CLOCK.advance(Duration.ofHours(23));
		Interaction edited = this.interactions.edit(interaction.getId(), interaction.getVersion(), changed, "mr-capture");
		assertThat(edited.getDurationMinutes()).isEqualTo(30);
		CLOCK.advance(Duration.ofHours(2));
		assertThatThrownBy(() -> this.interactions.edit(interaction.getId(), edited.getVersion(), changed, "mr-capture"))
			.isInstanceOf(DomainException.class)
			.hasMessageContaining("interaction.edit.windowClosed");
		InteractionCapture correction = new InteractionCapture(this.hcp.getId(), changed, List.of(), List.of(), null,
				List.of());
		Interaction corrected = this.interactions.correct(interaction.getId(), correction, null, "mr-capture");
		assertThat(corrected.getCorrectsId()).isEqualTo(interaction.getId());
	}

	@Test
	void refusesUnknownHcpsFutureDatesAndUnknownAreas() {
		InteractionCapture bad = new InteractionCapture(999_999_999L,
				new InteractionFacts(Channel.VISIT, CLOCK.instant().plus(Duration.ofDays(2)), null, null, null, null,
						Set.of(999_999_999L), null),
				List.of(new NeedDraft(" ", null, null, null, null, null)), List.of(), null, List.of());
		assertThatThrownBy(() -> this.interactions.log(bad, "mr-capture")).isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().stream().map(FieldViolation::field).toList())
			.isEqualTo(java.util.Arrays.asList("hcpId", "occurredAt", "productIds", "needs[0].topic", "needs[0].category"));
	}

}
