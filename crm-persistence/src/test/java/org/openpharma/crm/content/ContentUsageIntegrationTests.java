package org.openpharma.crm.content;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.stage.AdoptionStage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An item's figures against PostgreSQL: uses per channel, HCPs reached, views, ratings, needs met, and the stage moves
 * of exposed HCPs in the 90 days after against unexposed HCPs of the same area, starting stage and month.
 */
@PostgresTest
class ContentUsageIntegrationTests extends PostgresTestBase {

	@Autowired
	ContentUsage usage;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	long item;

	long version;

	Instant exposure;

	@BeforeEach
	void anApprovedItemInItsOwnArea() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '領域',"
				+ " 'Area') RETURNING id", Long.class, "CU" + n);
		this.item = this.jdbc.queryForObject("INSERT INTO content_item (audience, owner_department, created_by, created_at)"
				+ " VALUES ('PROMOTIONAL', 'MARKETING', 'mkt', now()) RETURNING id", Long.class);
		this.version = this.jdbc.queryForObject("INSERT INTO content_version (item_id, number, title, kind,"
				+ " therapeutic_area_id, language, body, channels, expires_on, status, author, created_at, updated_at)"
				+ " VALUES (?, 1, '資料', 'LEAFLET', ?, 'ja', '本文', '{VISIT,EMAIL}', current_date + 100, 'DRAFT', 'mkt',"
				+ " now(), now()) RETURNING id", Long.class, this.item, this.area);
		this.jdbc.update("UPDATE content_version SET status = 'APPROVED', approved_at = now() WHERE id = ?", this.version);
		// Months ago, so the 90-day window is behind it, in the middle of a month.
		this.exposure = this.clock.instant().minus(Duration.ofDays(150));
	}

	private long hcp() {
		return this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana) VALUES ('利用 太郎', 'リヨウ タロウ')"
				+ " RETURNING id", Long.class);
	}

	private void stage(long hcp, AdoptionStage to, Instant at) {
		this.jdbc.update("INSERT INTO stage_change (hcp_id, therapeutic_area_id, to_stage, changed_by, changed_at)"
				+ " VALUES (?, ?, ?, 'mr', ?)", hcp, this.area, to.name(), Timestamp.from(at));
	}

	private long interaction(long hcp, String channel, Instant at) {
		return this.jdbc.queryForObject("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code,"
				+ " recorded_at, updated_at) VALUES (?, ?, ?, 'mr', 'SALES', ?, ?) RETURNING id", Long.class, hcp, channel,
				Timestamp.from(at), Timestamp.from(at), Timestamp.from(at));
	}

	private long deliver(long hcp, String channel, Instant at) {
		long interaction = interaction(hcp, "VISIT", at);
		Long email = null;
		if (channel.equals("EMAIL")) {
			email = this.jdbc.queryForObject("INSERT INTO content_email (hcp_id, interaction_id, template_version_id,"
					+ " purpose, medical, sender, sender_department, recipient, subject, body, unsubscribe_token_hash,"
					+ " status, queued_at, sent_at, updated_at) VALUES (?, ?, ?, 'PROMOTIONAL', false, 'mkt', 'MARKETING', 'a@example.jp', 's',"
					+ " 'b', ?, 'SENT', ?, now(), now()) RETURNING id", Long.class, hcp, interaction, this.version,
					String.format("%064d", System.nanoTime()), Timestamp.from(at));
		}
		return this.jdbc.queryForObject("INSERT INTO content_delivery (hcp_id, item_id, version_id, channel, email_id,"
				+ " interaction_id, off_label, title, token_hash, delivered_by, delivered_at) VALUES (?, ?, ?, ?, ?, ?,"
				+ " false, '資料', ?, 'mr', ?) RETURNING id", Long.class, hcp, this.item, this.version, channel, email,
				interaction, String.format("%064d", System.nanoTime()), Timestamp.from(at));
	}

	@Test
	void countsUseViewsRatingsAndNeedsMet() {
		long a = hcp();
		long b = hcp();
		long first = deliver(a, "VISIT", this.exposure);
		deliver(a, "EMAIL", this.exposure.plus(Duration.ofDays(3)));
		long second = deliver(b, "VISIT", this.exposure);
		for (long delivery : List.of(first, first, second)) {
			long view = interaction(a, "WEB_CONTENT", this.exposure.plus(Duration.ofDays(1)));
			this.jdbc.update("INSERT INTO content_view (delivery_id, interaction_id, viewed_at) VALUES (?, ?, now())",
					delivery, view);
		}
		this.jdbc.update("INSERT INTO content_feedback (delivery_id, hcp_id, version_id, helpful, source, recorded_by,"
				+ " recorded_at) VALUES (?, ?, ?, 5, 'HCP', 'hcp', now()), (?, ?, ?, 2, 'REP', 'mr', now())", first, a,
				this.version, second, b, this.version);
		long visit = this.jdbc.queryForObject("SELECT interaction_id FROM content_delivery WHERE id = ?", Long.class, first);
		this.jdbc.update("INSERT INTO information_need (hcp_id, topic, category, urgency, status, routed_to, fulfilment,"
				+ " fulfilled_by_interaction_id, created_by, created_at, updated_by, updated_at) VALUES (?, '用量', 'DOSING',"
				+ " 'NORMAL', 'FULFILLED', 'MARKETING', '資料を提供', ?, 'mr', now(), 'mr', now())", a, visit);

		ContentUsage.Usage figures = this.usage.of(this.item, this.area);
		assertThat(figures.usesByChannel()).containsExactly(Map.entry("EMAIL", 1L), Map.entry("VISIT", 2L));
		assertThat(figures.uses()).isEqualTo(3);
		assertThat(figures.hcpsReached()).isEqualTo(2);
		assertThat(figures.views()).isEqualTo(3);
		assertThat(figures.ratings()).isEqualTo(2);
		assertThat(figures.helpful()).isEqualTo(3.5);
		assertThat(figures.needsFulfilled()).isEqualTo(1);
	}

	@Test
	void comparesStageMovesOfExposedHcpsWithUnexposedHcpsOfTheSameStartingStageAndMonth() {
		Instant before = this.exposure.minus(Duration.ofDays(200));
		List<Long> exposed = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			long hcp = hcp();
			stage(hcp, AdoptionStage.AWARE, before);
			deliver(hcp, "VISIT", this.exposure);
			exposed.add(hcp);
		}
		// Three of four exposed HCPs moved up within 90 days; one of them only after the window.
		stage(exposed.get(0), AdoptionStage.INTERESTED, this.exposure.plus(Duration.ofDays(10)));
		stage(exposed.get(1), AdoptionStage.TRIAL, this.exposure.plus(Duration.ofDays(80)));
		stage(exposed.get(2), AdoptionStage.INTERESTED, this.exposure.plus(Duration.ofDays(120)));
		// An exposed HCP with no recorded stage is left out of the comparison.
		deliver(hcp(), "VISIT", this.exposure);
		// Unexposed HCPs aware at the start of that month: one of five moved up in the 90 days after it.
		List<Long> unexposed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long hcp = hcp();
			stage(hcp, AdoptionStage.AWARE, before);
			unexposed.add(hcp);
		}
		stage(unexposed.get(0), AdoptionStage.INTERESTED, this.exposure.plus(Duration.ofDays(5)));
		// Another starting stage, and a move down, do not count.
		long interested = hcp();
		stage(interested, AdoptionStage.INTERESTED, before);
		stage(unexposed.get(1), AdoptionStage.UNAWARE, this.exposure.plus(Duration.ofDays(5)));

		ContentUsage.StageMoves moves = this.usage.of(this.item, this.area).stageMoves();
		assertThat(moves.exposed()).isEqualTo(4);
		assertThat(moves.exposedUp()).isEqualTo(2);
		assertThat(moves.exposedRate()).isEqualTo(0.5);
		assertThat(moves.comparison()).isEqualTo(5);
		assertThat(moves.comparisonRate()).isEqualTo(0.2);
		assertThat(ContentUsage.percentages(moves)).containsExactly("50.0", "20.0");
	}

	@Test
	void theStageOrderInTheDatabaseIsTheDomainsOrder() {
		for (AdoptionStage stage : AdoptionStage.values()) {
			assertThat(this.jdbc.queryForObject("SELECT crm_stage_rank(?)", Integer.class, stage.name()))
				.isEqualTo(Arrays.asList(AdoptionStage.values()).indexOf(stage));
		}
	}

}
