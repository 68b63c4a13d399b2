package org.openpharma.crm.inquiry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.ConsentFixtures;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.inquiry.AdverseEventFacts.AgeBand;
import org.openpharma.crm.inquiry.AdverseEventFacts.Seriousness;
import org.openpharma.crm.inquiry.AdverseEventFacts.Sex;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PostgresTest
class InquiryManagementIntegrationTests extends PostgresTestBase {

	static final List<String> MEDICAL = List.of("MEDICAL");

	@Autowired
	InquiryManagement inquiries;

	@Autowired
	InquiryQueries queries;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	Hcp hcp;

	long product;

	@BeforeEach
	void anHcpWhoAgreedToMedicalInformation() {
		if (this.users.findByUsername("msl-one").isEmpty()) {
			this.users.create("msl-one", "MSL", "medical-password-1", "MEDICAL", EnumSet.of(Role.MEDICAL), Set.of(), "test");
			this.users.create("msl-two", "MSL 2", "medical-password-2", "MEDICAL", EnumSet.of(Role.MEDICAL), Set.of(), "test");
		}
		UniqueNames.Name name = UniqueNames.next();
		this.hcp = this.hcps.create(new HcpDetails(name.kanji() + " 四郎", name.kana() + " シロウ", null, null, null, null,
				null, null), "test");
		ConsentFixtures.grantEverything(this.consents, this.hcp.getId(), Instant.now());
		String code = "IQ" + Math.abs(name.romaji().hashCode());
		Long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '領域', 'Area')"
				+ " RETURNING id", Long.class, code);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '薬', 'Drug', ?) RETURNING id", Long.class, code + "P", area);
	}

	private InquiryDraft draft(boolean adverseEvent, ConsentChannel channel) {
		return new InquiryDraft(this.hcp.getId(), "腎機能低下時の用量", "eGFR 25 の患者への用量は？", this.product, channel,
				InquiryPriority.NORMAL, false, adverseEvent,
				adverseEvent ? new AdverseEventFacts(this.product, "初回投与2日後に発疹", LocalDate.now().minusDays(3),
						Seriousness.NON_SERIOUS, "主治医", AgeBand.SIXTIES, Sex.FEMALE) : null);
	}

	private long version(long id) {
		return this.jdbc.queryForObject("SELECT version FROM medical_inquiry WHERE id = ?", Long.class, id);
	}

	@Test
	void anInquiryWithAnAdverseEventIsTakenInWithItsHandoffAndClocks() {
		long id = this.inquiries.take(draft(true, ConsentChannel.EMAIL), "mr01", InquiryManagement.Via.SALES);

		var row = this.queries.queue(InquiryQueries.Filter.none(), MEDICAL, 0, 500).items().stream()
			.filter(r -> r.id() == id).findFirst().orElseThrow();
		assertThat(row.status()).isEqualTo("RECEIVED");
		assertThat(row.adverseEvent()).isTrue();
		assertThat(row.dueAt()).isAfter(row.receivedAt());
		assertThat(this.queries.openHandoffs(MEDICAL)).anySatisfy(h -> {
			assertThat(h.inquiryId()).isEqualTo(id);
			assertThat(h.dueAt()).isBefore(row.dueAt());
		});
		assertThat(this.queries.timeline(id, MEDICAL)).extracting(InquiryQueries.Step::action)
			.containsExactly("RECEIVED", "AE_HANDOFF");
	}

	@Test
	void commercialRolesSeeThatAnInquiryExistsButNothingMedical() {
		long id = this.inquiries.take(draft(true, ConsentChannel.EMAIL), "mr01", InquiryManagement.Via.SALES);
		assertThat(this.queries.summaries(this.hcp.getId())).singleElement().satisfies(s -> {
			assertThat(s.id()).isEqualTo(id);
			assertThat(s.subject()).isEqualTo("腎機能低下時の用量");
			assertThat(s.toString()).doesNotContain("eGFR").doesNotContain("発疹");
		});
		for (String role : List.of("MR", "MARKETING", "CALL_CENTER", "MANAGER", "ADMIN")) {
			assertThatThrownBy(() -> this.queries.queue(InquiryQueries.Filter.none(), List.of(role), 0, 20))
				.isInstanceOf(DomainException.class);
			assertThatThrownBy(() -> this.queries.openHandoffs(List.of(role))).isInstanceOf(DomainException.class);
			assertThatThrownBy(() -> this.queries.timeline(id, List.of(role))).isInstanceOf(DomainException.class);
		}
		// The audit row names no medical content either.
		assertThat(this.jdbc.queryForObject("SELECT after_state::text FROM audit_event WHERE entity_type = 'MEDICAL_INQUIRY'"
				+ " AND entity_id = ?", String.class, id)).doesNotContain("eGFR").doesNotContain("発疹");
	}

	@Test
	void badIntakeIsRefusedFieldByFieldAndNothingIsSaved() {
		InquiryDraft noQuestion = new InquiryDraft(this.hcp.getId(), "s", " ", this.product, ConsentChannel.EMAIL,
				InquiryPriority.NORMAL, false, true, new AdverseEventFacts(null, null, null, null, null, null, null));
		assertThatThrownBy(() -> this.inquiries.take(noQuestion, "mr01", InquiryManagement.Via.SALES))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().stream().map(FieldViolation::field).toList())
			.asList()
			.contains("question", "ae.suspectProductId", "ae.description", "ae.seriousness");
		// No medical-information consent for the answer channel: refused on that field.
		UniqueNames.Name name = UniqueNames.next();
		Hcp unconsented = this.hcps.create(new HcpDetails(name.kanji() + " 五郎", name.kana() + " ゴロウ", null, null, null,
				null, null, null), "test");
		InquiryDraft toUnconsented = new InquiryDraft(unconsented.getId(), "s", "q", this.product, ConsentChannel.EMAIL,
				InquiryPriority.NORMAL, false, false, null);
		assertThatThrownBy(() -> this.inquiries.take(toUnconsented, "mr01", InquiryManagement.Via.SALES))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().get(0).field())
			.isEqualTo("answerChannel");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM medical_inquiry WHERE hcp_id IN (?, ?)", Long.class,
				this.hcp.getId(), unconsented.getId())).isZero();
	}

	@Test
	void triageSetsTheClockAndStatusMovesOnlyOneStepWithTheCurrentVersion() {
		long id = this.inquiries.take(draft(false, ConsentChannel.PHONE), "callcenter", InquiryManagement.Via.CALL_CENTER);
		var before = this.queries.queue(InquiryQueries.Filter.none(), MEDICAL, 0, 500).items().stream()
			.filter(r -> r.id() == id).findFirst().orElseThrow();
		assertThatThrownBy(() -> this.inquiries.assign(id, version(id), "msl-one", "msl-one"))
			.as("a forged jump past triage").isInstanceOf(DomainException.class);
		this.inquiries.triage(id, version(id), InquiryPriority.URGENT, true, NeedCategory.DOSING, "msl-one");
		var after = this.queries.queue(new InquiryQueries.Filter(InquiryStatus.TRIAGED, InquiryPriority.URGENT, null, null,
				null), MEDICAL, 0, 500).items().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
		assertThat(after.dueAt()).isBefore(before.dueAt());
		assertThat(after.offLabel()).isTrue();
		assertThatThrownBy(() -> this.inquiries.assign(id, version(id) - 1, "msl-one", "msl-one"))
			.isInstanceOf(StaleVersionException.class);
		assertThatThrownBy(() -> this.inquiries.assign(id, version(id), "mr01", "msl-one"))
			.isInstanceOf(ValidationException.class);
		this.inquiries.assign(id, version(id), "MSL-ONE", "msl-one");
		assertThat(this.queries.queue(new InquiryQueries.Filter(null, null, null, "msl-one", null), MEDICAL, 0, 500).items())
			.extracting(InquiryQueries.QueueRow::id).contains(id);
		assertThat(this.queries.timeline(id, MEDICAL)).extracting(InquiryQueries.Step::action)
			.containsExactly("RECEIVED", "TRIAGED", "ASSIGNED");
	}

	private long assigned() {
		long id = this.inquiries.take(draft(false, ConsentChannel.EMAIL), "mr01", InquiryManagement.Via.SALES);
		this.inquiries.triage(id, version(id), InquiryPriority.NORMAL, false, NeedCategory.DOSING, "msl-one");
		this.inquiries.assign(id, version(id), "msl-one", "msl-one");
		return id;
	}

	private long standardResponse(LocalDate from, LocalDate to) {
		return this.jdbc.queryForObject("INSERT INTO standard_response (product_id, code, title, body, approval_ref,"
				+ " valid_from, valid_to) VALUES (?, ?, '腎機能低下時の用量', '標準回答: 減量してください', 'MA-2026-001', ?, ?)"
				+ " RETURNING id", Long.class, this.product, "SR" + System.nanoTime() % 1_000_000_000,
				java.sql.Date.valueOf(from), java.sql.Date.valueOf(to));
	}

	@Test
	void aStandardResponseAnswersAtOnceAndTheInquiryIsDeliveredAndClosedWithFeedback() {
		long id = assigned();
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
		long expired = standardResponse(today.minusYears(2), today.minusDays(1));
		long valid = standardResponse(today.minusDays(10), today.plusYears(1));
		assertThat(this.queries.standardResponses(this.product, today)).extracting(InquiryQueries.StandardResponse::id)
			.contains(valid).doesNotContain(expired);
		assertThatThrownBy(() -> this.inquiries.answerWithStandard(id, version(id), expired, "msl-one"))
			.isInstanceOf(ValidationException.class);
		this.inquiries.answerWithStandard(id, version(id), valid, "msl-one");
		this.inquiries.recordDelivery(id, version(id), ConsentChannel.EMAIL, "msl-one");
		assertThatThrownBy(() -> this.inquiries.close(id, version(id), true, 9, "msl-one"))
			.isInstanceOf(ValidationException.class);
		this.inquiries.close(id, version(id), true, 5, "msl-one");
		var detail = this.queries.detail(id, MEDICAL).orElseThrow();
		assertThat(detail.status()).isEqualTo("CLOSED");
		assertThat(detail.answer().text()).contains("標準回答");
		assertThat(detail.answer().feedbackScore()).isEqualTo(5);
		assertThat(this.queries.summaries(this.hcp.getId())).filteredOn(s -> s.id() == id).singleElement()
			.satisfies(s -> assertThat(s.toString()).doesNotContain("標準回答"));
		assertThat(this.queries.timeline(id, MEDICAL)).extracting(InquiryQueries.Step::action)
			.containsExactly("RECEIVED", "TRIAGED", "ASSIGNED", "ANSWER_STANDARD", "ANSWERED", "CLOSED");
	}

	@Test
	void aCustomAnswerNeedsASecondMedicalUserBeforeItCanBeSent() {
		long id = assigned();
		this.inquiries.draftCustomAnswer(id, version(id), "個別回答: 腎機能に応じて調整", "msl-one");
		assertThatThrownBy(() -> this.inquiries.recordDelivery(id, version(id), ConsentChannel.EMAIL, "msl-one"))
			.isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> this.inquiries.approveAnswer(id, version(id), "msl-one"))
			.isInstanceOf(DomainException.class)
			.extracting(ex -> ((DomainException) ex).getCode()).isEqualTo("inquiry.answer.ownApproval");
		assertThatThrownBy(() -> this.inquiries.approveAnswer(id, version(id), "mr01"))
			.as("approval is a medical act").isInstanceOf(DomainException.class);
		this.inquiries.approveAnswer(id, version(id), "msl-two");
		this.inquiries.recordDelivery(id, version(id), ConsentChannel.PHONE, "msl-one");
		assertThat(this.queries.detail(id, MEDICAL).orElseThrow().answer().approvedBy()).isEqualTo("msl-two");
		// The database holds the four-eyes rule too.
		assertThatThrownBy(() -> this.jdbc.update("UPDATE medical_inquiry SET answer_approved_by = answer_author"
				+ " WHERE id = ?", id)).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
	}

	@Test
	void pharmacovigilanceAcknowledgesAHandoffOnceWithItsReference() {
		long id = this.inquiries.take(draft(true, ConsentChannel.EMAIL), "mr01", InquiryManagement.Via.SALES);
		long handoff = this.queries.openHandoffs(MEDICAL).stream().filter(h -> h.inquiryId() == id).findFirst()
			.orElseThrow().id();
		assertThatThrownBy(() -> this.inquiries.acknowledgeAdverseEvent(handoff, " ", "msl-one"))
			.isInstanceOf(ValidationException.class);
		this.inquiries.acknowledgeAdverseEvent(handoff, "PV-2026-0042", "msl-one");
		assertThat(this.queries.openHandoffs(MEDICAL)).extracting(InquiryQueries.Handoff::id).doesNotContain(handoff);
		assertThatThrownBy(() -> this.inquiries.acknowledgeAdverseEvent(handoff, "PV-2026-0043", "msl-one"))
			.isInstanceOf(DomainException.class);
	}

}
