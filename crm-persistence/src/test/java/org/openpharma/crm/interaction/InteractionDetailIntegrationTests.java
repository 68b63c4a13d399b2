package org.openpharma.crm.interaction;

import java.time.Clock;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.ConsentFixtures;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.PolicyDraft;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.interaction.TimelineQueries.InteractionDetail;
import org.openpharma.crm.interaction.TimelineQueries.NeedEntry;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.stage.PatientCountFacts;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-only page of one interaction (issue 14, item 8): everything captured with it, behind the firewall. */
@PostgresTest
class InteractionDetailIntegrationTests extends PostgresTestBase {

	@Autowired
	InteractionManagement interactions;

	@Autowired
	TimelineQueries timelines;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	Hcp hcp;

	long area;

	long product;

	@BeforeEach
	void anHcpAnMrAndAnMsl() {
		if (this.users.findByUsername("mr-detail").isEmpty()) {
			this.users.create("mr-detail", "山田 一郎", "sales-password-3", "SALES", EnumSet.of(Role.MR), Set.of(), "test");
			this.users.create("msl-detail", "鈴木 花子", "medical-password-3", "MEDICAL", EnumSet.of(Role.MEDICAL),
					Set.of(), "test");
		}
		UniqueNames.Name name = UniqueNames.next();
		this.hcp = this.hcps.create(new HcpDetails(name.kanji() + " 八郎", name.kana() + " ハチロウ", null, null, null,
				null, null, null), "test");
		ConsentFixtures.grantEverything(this.consents, this.hcp.getId(), this.clock.instant());
		String code = "ID" + Math.abs(name.romaji().hashCode());
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '領域', 'Area')"
				+ " RETURNING id", Long.class, code);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '薬', 'Drug', ?) RETURNING id", Long.class, code + "P", this.area);
	}

	private Interaction log(String author, String notes) {
		YearMonth month = YearMonth.from(this.clock.instant().atZone(Japan.ZONE));
		return this.interactions.log(new InteractionCapture(this.hcp.getId(),
				new InteractionFacts(Channel.VISIT, this.clock.instant().minusSeconds(600), 20, "資料を希望",
						"腎機能別の用量", notes, Set.of(this.product), Set.of(this.area)),
				List.of(new NeedDraft("腎機能低下時の用量", NeedCategory.DOSING, this.area, null, Urgency.HIGH, null),
						new NeedDraft("患者向け冊子", NeedCategory.PATIENT_SUPPORT, null, this.product, null, null)),
				List.of(new StageDraft(this.area, AdoptionStage.INTERESTED, "試験データを希望")),
				new PolicyDraft(this.area, "第一選択は既存薬"),
				List.of(new PatientCountFacts(this.area, null, month, 40, 12))), author);
	}

	@Test
	void showsTheContactWhoLoggedItAndEverythingCapturedWithIt() {
		Interaction visit = log("mr-detail", "次回は症例を持参");
		InteractionDetail detail = this.timelines.detail(visit.getId(), false).orElseThrow();
		assertThat(detail.hcpId()).isEqualTo(this.hcp.getId());
		assertThat(detail.channel()).isEqualTo("VISIT");
		assertThat(detail.push()).isTrue();
		assertThat(detail.durationMinutes()).isEqualTo(20);
		assertThat(detail.author()).isEqualTo("mr-detail");
		assertThat(detail.authorName()).isEqualTo("山田 一郎");
		assertThat(detail.departmentCode()).isEqualTo("SALES");
		assertThat(detail.purpose()).isEqualTo("PROMOTIONAL");
		assertThat(detail.keyMessages()).isEqualTo("腎機能別の用量");
		assertThat(detail.outcome()).isEqualTo("資料を希望");
		assertThat(detail.notes()).isEqualTo("次回は症例を持参");
		assertThat(detail.notesWithheld()).isFalse();
		assertThat(detail.productIds()).containsExactly(this.product);
		assertThat(detail.therapeuticAreaIds()).containsExactly(this.area);
		assertThat(detail.needs()).extracting(NeedEntry::topic, NeedEntry::category, NeedEntry::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("腎機能低下時の用量", "DOSING", "OPEN"),
					org.assertj.core.groups.Tuple.tuple("患者向け冊子", "PATIENT_SUPPORT", "OPEN"));
		assertThat(detail.stages()).singleElement().satisfies(s -> {
			assertThat(s.toStage()).isEqualTo("INTERESTED");
			assertThat(s.reason()).isEqualTo("試験データを希望");
		});
		assertThat(detail.policies()).singleElement().satisfies(p -> assertThat(p.note()).isEqualTo("第一選択は既存薬"));
		assertThat(detail.counts()).singleElement().satisfies(c -> {
			assertThat(c.eligible()).isEqualTo(40);
			assertThat(c.treated()).isEqualTo(12);
		});
		assertThat(detail.correctsId()).isNull();
		assertThat(detail.correctedByIds()).isEmpty();
		assertThat(detail.inquiryId()).isNull();
	}

	@Test
	void medicalAffairsNotesAreWithheldOutsideMedicalAffairs() {
		Interaction exchange = log("msl-detail", "適応外使用について議論");
		InteractionDetail commercial = this.timelines.detail(exchange.getId(), false).orElseThrow();
		assertThat(commercial.notes()).isNull();
		assertThat(commercial.notesWithheld()).isTrue();
		assertThat(commercial.authorName()).isEqualTo("鈴木 花子");
		assertThat(commercial.departmentCode()).isEqualTo("MEDICAL");
		InteractionDetail medical = this.timelines.detail(exchange.getId(), true).orElseThrow();
		assertThat(medical.notes()).isEqualTo("適応外使用について議論");
		assertThat(medical.notesWithheld()).isFalse();
		// Nothing to withhold: no notes.
		Interaction silent = log("msl-detail", null);
		assertThat(this.timelines.detail(silent.getId(), false).orElseThrow().notesWithheld()).isFalse();
	}

	@Test
	void anUnknownInteractionIsEmpty() {
		assertThat(this.timelines.detail(Long.MAX_VALUE, true)).isEmpty();
	}

}
