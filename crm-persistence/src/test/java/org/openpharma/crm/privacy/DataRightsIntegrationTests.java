package org.openpharma.crm.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.ConsentFixtures;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentLinks;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.PolicyDraft;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.stage.PatientCountFacts;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@PostgresTest
class DataRightsIntegrationTests extends PostgresTestBase {

	@Autowired
	DataRights rights;

	@Autowired
	HcpManagement hcps;

	@Autowired
	InteractionManagement interactions;

	@Autowired
	ConsentLedger consents;

	@Autowired
	ConsentLinks links;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	@Autowired
	org.openpharma.crm.need.NeedManagement needs;

	private Hcp hcpWithHistory() {
		if (this.users.findByUsername("mr-rights").isEmpty()) {
			this.users.create("mr-rights", "MR", "rights-password-1", "SALES", EnumSet.of(Role.MR), Set.of(), "test");
		}
		UniqueNames.Name name = UniqueNames.next();
		Hcp hcp = this.hcps.create(new HcpDetails(name.kanji() + " 三郎", name.kana() + " サブロウ", null, null, null,
				"saburo@example.jp", null, null), "test");
		Instant now = this.clock.instant();
		ConsentFixtures.grantEverything(this.consents, hcp.getId(), now);
		Long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '領域', 'Area')"
				+ " RETURNING id", Long.class, "DR" + Math.abs(name.romaji().hashCode()));
		YearMonth month = YearMonth.from(now.atZone(ZoneId.of("Asia/Tokyo")));
		this.interactions.log(new InteractionCapture(hcp.getId(),
				new InteractionFacts(Channel.VISIT, now.minusSeconds(600), 10, "interested", "private remark",
						"talked about his family", null, Set.of(area)),
				List.of(new NeedDraft("家族の治療について", NeedCategory.OTHER, area, null, null, "details")),
				List.of(new org.openpharma.crm.interaction.InteractionCapture.StageDraft(area,
						org.openpharma.crm.stage.AdoptionStage.INTERESTED, "his daughter is a patient")),
				new PolicyDraft(area, "prefers the older drug"), List.of(new PatientCountFacts(area, null, month, 30, 5))),
				"mr-rights");
		this.links.create(hcp.getId(), "mr-rights");
		return hcp;
	}

	@Test
	void theExportHoldsEverySection() {
		Hcp hcp = hcpWithHistory();
		var export = this.rights.export(hcp.getId(), "privacy-test", "test");
		assertThat(export.keySet()).containsExactlyElementsOf(DataRights.sectionNames());
		assertThat(export.get("profile")).singleElement().satisfies(p -> assertThat(p.get("email")).isEqualTo("saburo@example.jp"));
		assertThat(export.get("interactions")).singleElement()
			.satisfies(i -> assertThat(i.get("notes")).isEqualTo("talked about his family"));
		assertThat(export.get("consent")).hasSize(20);
		assertThat(export.get("policyNotes")).hasSize(1);
		assertThat(export.get("patientCounts")).hasSize(1);
		assertThat((String) export.get("interactions").get(0).get("occurred_at")).endsWith("Z");
	}

	@Test
	void erasureRemovesWhatIdentifiesKeepsWhatMustBeKeptAndSaysWhy() {
		Hcp hcp = hcpWithHistory();
		DataRights.ErasureReport report = this.rights.erase(hcp.getId(), "admin");

		assertThat(report.removed()).extracting(DataRights.Line::category, DataRights.Line::rows)
			.containsExactly(tuple("policyNotes", 1), tuple("affiliations", 0), tuple("consentLinks", 1));
		assertThat(report.kept()).extracting(DataRights.Line::category, DataRights.Line::reason)
			.containsExactly(tuple("consent", "privacy.reason.consentProof"),
					tuple("patientCounts", "privacy.reason.aggregates"), tuple("medicalInquiries", "privacy.reason.law"),
					tuple("auditTrail", "privacy.reason.accountability"));
		var export = this.rights.export(hcp.getId(), "privacy-test", "test");
		var profile = export.get("profile").get(0);
		assertThat(profile.get("name_kanji")).isEqualTo(DataRights.ERASED_NAME);
		assertThat(profile.get("email")).isNull();
		assertThat(profile.get("erased_at")).isNotNull();
		assertThat(export.get("interactions")).singleElement().satisfies(i -> {
			assertThat(i.get("notes")).isNull();
			assertThat(i.get("key_messages")).isNull();
		});
		assertThat(export.get("needs")).singleElement().satisfies(n -> assertThat(n.get("topic")).isEqualTo("(消去済み)"));
		assertThat(export.get("adoptionStages")).singleElement().satisfies(c -> assertThat(c.get("reason")).isNull());
		assertThat(export.get("policyNotes")).isEmpty();
		assertThat(export.get("consent")).hasSize(20);
		assertThat(export.get("patientCounts")).hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'ERASE' AND entity_id = ?",
				Long.class, hcp.getId())).isEqualTo(1);
		assertThatThrownBy(() -> this.rights.erase(hcp.getId(), "admin")).isInstanceOf(DomainException.class);
		// Outside an erasure the application's role cannot touch history at all (ADR 0017).
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM stage_change WHERE hcp_id = ?", hcp.getId()))
			.rootCause().hasMessageContaining("permission denied");
	}

	/** The audit rows of everything that belongs to the HCP (not only those of entity type HCP). */
	private static final String HCP_AUDIT = "SELECT a.id, coalesce(a.before_state::text, '') || ' '"
			+ " || coalesce(a.after_state::text, '') AS payload, a.actor, a.action, a.occurred_at FROM audit_event a"
			+ " WHERE a.action <> 'ERASE' AND ((a.entity_type = 'HCP' AND a.entity_id = ?)"
			+ " OR (a.entity_type = 'INTERACTION' AND a.entity_id IN (SELECT id FROM interaction WHERE hcp_id = ?))"
			+ " OR (a.entity_type = 'NEED' AND a.entity_id IN (SELECT id FROM information_need WHERE hcp_id = ?))"
			+ " OR (a.entity_type = 'CONSENT' AND a.entity_id IN (SELECT id FROM consent_record WHERE hcp_id = ?))"
			+ " OR (a.entity_type = 'CONSENT_LINK' AND a.entity_id IN (SELECT id FROM consent_link WHERE hcp_id = ?))) ORDER BY a.id";

	@Test
	void erasureRedactsThePersonalTextInEveryAuditPayloadOfTheHcpAndCountsIt() {
		Hcp hcp = hcpWithHistory();
		long id = hcp.getId();
		List<java.util.Map<String, Object>> before = this.jdbc.queryForList(HCP_AUDIT, id, id, id, id, id);
		assertThat(before).extracting(r -> (String) r.get("payload"))
			.anySatisfy(p -> assertThat(p).contains("talked about his family"))
			.anySatisfy(p -> assertThat(p).contains(hcp.getNameKanji()));

		DataRights.ErasureReport report = this.rights.erase(id, "admin");

		// Consent links are gone by now: the rows are found by the ids seen before.
		List<java.util.Map<String, Object>> after = this.jdbc.queryForList("SELECT a.id, coalesce(a.before_state::text, '')"
				+ " || ' ' || coalesce(a.after_state::text, '') AS payload, a.actor, a.action, a.occurred_at FROM audit_event a"
				+ " WHERE a.id = ANY (?) ORDER BY a.id", (Object) before.stream().map(r -> r.get("id")).toArray(Long[]::new));
		assertThat(after).hasSameSizeAs(before);
		List<String> personalTexts = List.of("talked about his family", "private remark", "interested", "家族の治療について",
				"his daughter is a patient", "prefers the older drug", hcp.getNameKanji(), hcp.getNameKana(),
				"saburo@example.jp");
		for (String personal : personalTexts) {
			assertThat(after).extracting(r -> (String) r.get("payload")).as(personal)
				.noneSatisfy(p -> assertThat(p).contains(personal));
		}
		int changed = 0;
		for (int i = 0; i < before.size(); i++) {
			// Who, when and what stay.
			assertThat(after.get(i).get("actor")).isEqualTo(before.get(i).get("actor"));
			assertThat(after.get(i).get("action")).isEqualTo(before.get(i).get("action"));
			assertThat(after.get(i).get("occurred_at")).isEqualTo(before.get(i).get("occurred_at"));
			if (!after.get(i).get("payload").equals(before.get(i).get("payload"))) {
				changed++;
			}
		}
		// Exactly the payloads that held personal text were rewritten, no other.
		long personal = before.stream().map(r -> (String) r.get("payload"))
			.filter(p -> personalTexts.stream().anyMatch(p::contains)).count();
		assertThat((long) changed).isEqualTo(personal).isNotZero();
		assertThat(report.anonymised()).extracting(DataRights.Line::category, DataRights.Line::rows)
			.contains(tuple("auditPayloads", changed));
		assertThat(report.kept()).extracting(DataRights.Line::category, DataRights.Line::rows)
			.contains(tuple("auditTrail", before.size()));
	}

	/** Issue 14, item 14: what the HCP said about an answer is theirs: in the export, and erased with the rest. */
	@Test
	void whatTheHcpSaidAboutAnAnswerIsExportedAndErased() {
		Hcp hcp = hcpWithHistory();
		long needId = this.jdbc.queryForObject("SELECT id FROM information_need WHERE hcp_id = ?", Long.class, hcp.getId());
		var need = this.needs.get(needId);
		need = this.needs.triage(needId, need.getVersion(), org.openpharma.crm.need.RoutedTo.SALES, "訪問で説明", "mr-rights");
		need = this.needs.start(needId, need.getVersion(), "mr-rights");
		need = this.needs.fulfil(needId, need.getVersion(), "資料を手渡し", null, null, "mr-rights");
		this.needs.confirm(needId, need.getVersion(), true, 5, "娘さんの治療の参考になった", "mr-rights");
		assertThat(this.rights.export(hcp.getId(), "privacy-test", "test").get("needs")).singleElement()
			.satisfies(n -> assertThat(n.get("feedback_comment")).isEqualTo("娘さんの治療の参考になった"));

		this.rights.erase(hcp.getId(), "admin");

		assertThat(this.rights.export(hcp.getId(), "privacy-test", "test").get("needs")).singleElement()
			.satisfies(n -> assertThat(n.get("feedback_comment")).isEqualTo("(消去済み)"));
		assertThat(this.jdbc.queryForList("SELECT coalesce(after_state::text, '') FROM audit_event"
				+ " WHERE entity_type = 'NEED' AND entity_id = ?", String.class, needId))
			.isNotEmpty()
			.noneSatisfy(payload -> assertThat(payload).contains("娘さんの治療"));
	}

}
