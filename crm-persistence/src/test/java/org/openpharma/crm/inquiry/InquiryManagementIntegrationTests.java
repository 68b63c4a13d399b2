package org.openpharma.crm.inquiry;

import java.time.Clock;
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
import org.openpharma.crm.inquiry.AdverseEventFacts.Expectedness;
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

	static final List<Role> MEDICAL = List.of(Role.MEDICAL);

	static final java.time.ZoneId JAPAN = java.time.ZoneId.of("Asia/Tokyo");

	@Autowired
	SlaPolicy sla;

	@Autowired
	AdverseEventClocks clocks;

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

	@Autowired
	Clock clock;

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
		ConsentFixtures.grantEverything(this.consents, this.hcp.getId(), this.clock.instant());
		String code = "IQ" + Math.abs(name.romaji().hashCode());
		Long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '領域', 'Area')"
				+ " RETURNING id", Long.class, code);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '薬', 'Drug', ?) RETURNING id", Long.class, code + "P", area);
	}

	private InquiryDraft draft(boolean adverseEvent, ConsentChannel channel) {
		return new InquiryDraft(this.hcp.getId(), "腎機能低下時の用量", "eGFR 25 の患者への用量は？", this.product, channel,
				InquiryPriority.NORMAL, false, null, adverseEvent,
				adverseEvent ? new AdverseEventFacts(this.product, "初回投与2日後に発疹", today().minusDays(3),
						Seriousness.NON_SERIOUS, Expectedness.EXPECTED, false, "主治医", AgeBand.SIXTIES, Sex.FEMALE)
						: null);
	}

	/** An adverse event of an HCP in {@code country}, learned of at {@code awareAt}. */
	private long adverseEvent(String country, Instant awareAt, Seriousness seriousness, Expectedness expectedness,
			boolean fatal) {
		UniqueNames.Name name = UniqueNames.next();
		Hcp someone = this.hcps.create(new HcpDetails(name.kanji() + " 六郎", name.kana() + " ロクロウ", null, null, null,
				null, null, null), "test");
		this.jdbc.update("UPDATE hcp SET country = ? WHERE id = ?", country, someone.getId());
		ConsentFixtures.grantEverything(this.consents, someone.getId(), this.clock.instant());
		return this.inquiries.take(new InquiryDraft(someone.getId(), "副作用の報告", "投与後の経過について", this.product,
				ConsentChannel.EMAIL, InquiryPriority.NORMAL, false, awareAt, true,
				new AdverseEventFacts(this.product, "投与後に肝機能障害", today().minusDays(60), seriousness,
						expectedness, fatal, "主治医", AgeBand.SEVENTIES, Sex.MALE)),
				"mr01", InquiryManagement.Via.SALES);
	}

	/** Today in Japan by the application's clock. */
	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), JAPAN);
	}

	/** The queue's rows of this test's product (the test's own inquiries; the queue holds every class's). */
	private List<InquiryQueries.QueueRow> queue(InquiryStatus status, InquiryPriority priority, String assignee) {
		return this.queries.queue(new InquiryQueries.Filter(status, priority, this.product, assignee, null), MEDICAL, 0, 500)
			.items();
	}

	private InquiryQueries.Handoff handoffOf(long inquiryId) {
		return this.queries.detail(inquiryId, MEDICAL).orElseThrow().adverseEvent();
	}

	private long version(long id) {
		return this.jdbc.queryForObject("SELECT version FROM medical_inquiry WHERE id = ?", Long.class, id);
	}

	@Test
	void anInquiryWithAnAdverseEventIsTakenInWithItsHandoffAndClocks() {
		long id = this.inquiries.take(draft(true, ConsentChannel.EMAIL), "mr01", InquiryManagement.Via.SALES);

		var row = queue(null, null, null).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
		assertThat(queue(null, null, null)).extracting(InquiryQueries.QueueRow::id).containsExactly(id);
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
		for (Role role : List.of(Role.MR, Role.MARKETING, Role.CALL_CENTER, Role.MANAGER, Role.ADMIN,
				Role.PRIVACY_OFFICER)) {
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
				InquiryPriority.NORMAL, false, null, true,
				new AdverseEventFacts(null, null, null, null, null, null, null, null, null));
		assertThatThrownBy(() -> this.inquiries.take(noQuestion, "mr01", InquiryManagement.Via.SALES))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().stream().map(FieldViolation::field).toList())
			.asList()
			.contains("question", "ae.suspectProductId", "ae.description", "ae.seriousness", "ae.expectedness", "ae.fatal");
		// No medical-information consent for the answer channel: refused on that field.
		UniqueNames.Name name = UniqueNames.next();
		Hcp unconsented = this.hcps.create(new HcpDetails(name.kanji() + " 五郎", name.kana() + " ゴロウ", null, null, null,
				null, null, null), "test");
		InquiryDraft toUnconsented = new InquiryDraft(unconsented.getId(), "s", "q", this.product, ConsentChannel.EMAIL,
				InquiryPriority.NORMAL, false, null, false, null);
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
		var before = queue(null, null, null).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
		assertThatThrownBy(() -> this.inquiries.assign(id, version(id), "msl-one", "msl-one"))
			.as("a forged jump past triage").isInstanceOf(DomainException.class);
		this.inquiries.triage(id, version(id), InquiryPriority.URGENT, true, NeedCategory.DOSING, "msl-one");
		var after = queue(InquiryStatus.TRIAGED, InquiryPriority.URGENT, null).stream().filter(r -> r.id() == id)
			.findFirst().orElseThrow();
		assertThat(after.dueAt()).isBefore(before.dueAt());
		assertThat(after.offLabel()).isTrue();
		assertThatThrownBy(() -> this.inquiries.assign(id, version(id) - 1, "msl-one", "msl-one"))
			.isInstanceOf(StaleVersionException.class);
		assertThatThrownBy(() -> this.inquiries.assign(id, version(id), "mr01", "msl-one"))
			.isInstanceOf(ValidationException.class);
		this.inquiries.assign(id, version(id), "MSL-ONE", "msl-one");
		assertThat(queue(null, null, "msl-one")).extracting(InquiryQueries.QueueRow::id).containsExactly(id);
		assertThat(queue(null, null, "msl-two")).isEmpty();
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
	void aStandardResponseWithdrawnInTheContentLibraryCanNoLongerBeGiven() {
		long id = assigned();
		LocalDate today = today();
		long withdrawn = standardResponse(today.minusDays(10), today.plusYears(1));
		long kept = standardResponse(today.minusDays(10), today.plusYears(1));
		this.jdbc.update("UPDATE content_version SET status = 'WITHDRAWN', ended_at = now(), ended_by = 'msl-one',"
				+ " end_reason = '改訂のため' WHERE id = (SELECT content_version_id FROM standard_response WHERE id = ?)",
				withdrawn);
		assertThat(this.queries.standardResponses(this.product, today)).extracting(InquiryQueries.StandardResponse::id)
			.containsExactly(kept);
		assertThatThrownBy(() -> this.inquiries.answerWithStandard(id, version(id), withdrawn, "msl-one"))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.getViolations())
				.extracting(FieldViolation::code).containsExactly("inquiry.standard.withdrawn"));
	}

	@Test
	void aStandardResponseAnswersAtOnceAndTheInquiryIsDeliveredAndClosedWithFeedback() {
		long id = assigned();
		LocalDate today = today();
		long expired = standardResponse(today.minusYears(2), today.minusDays(1));
		long valid = standardResponse(today.minusDays(10), today.plusYears(1));
		assertThat(this.queries.standardResponses(this.product, today)).extracting(InquiryQueries.StandardResponse::id)
			.containsExactly(valid);
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
	void theReviewerReturnsACustomAnswerWithAReasonAndTheAuthorRevisesAndResubmitsIt() {
		long id = assigned();
		// The queue names the assignee as people know them.
		assertThat(queue(InquiryStatus.ASSIGNED, null, "msl-one")).filteredOn(r -> r.id() == id)
			.extracting(InquiryQueries.QueueRow::assignee, InquiryQueries.QueueRow::assigneeName)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("msl-one", "MSL"));
		this.inquiries.draftCustomAnswer(id, version(id), "個別回答: 腎機能に応じて調整", "msl-one");
		long submitted = version(id);
		// No reason: an error on the reason's field, nothing changed.
		assertThatThrownBy(() -> this.inquiries.returnAnswer(id, submitted, "  ", "msl-two"))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().get(0).field()).isEqualTo("returnReason");
		assertThatThrownBy(() -> this.inquiries.returnAnswer(id, submitted, "理由", "msl-one"))
			.isInstanceOf(DomainException.class)
			.extracting(ex -> ((DomainException) ex).getCode()).isEqualTo("inquiry.answer.ownReturn");
		assertThatThrownBy(() -> this.inquiries.returnAnswer(id, submitted, "理由", "mr01"))
			.as("a review is a medical act").isInstanceOf(DomainException.class);
		assertThat(version(id)).isEqualTo(submitted);

		this.inquiries.returnAnswer(id, submitted, " eGFR の区分ごとの用量を\n添付文書の表に沿って記載してください。 ", "msl-two");
		InquiryQueries.Answer returned = this.queries.detail(id, MEDICAL).orElseThrow().answer();
		assertThat(returned.state()).isEqualTo(AnswerState.RETURNED);
		assertThat(returned.returnedBy()).isEqualTo("msl-two");
		assertThat(returned.returnReason()).isEqualTo("eGFR の区分ごとの用量を\n添付文書の表に沿って記載してください。");
		assertThat(returned.text()).isEqualTo("個別回答: 腎機能に応じて調整");
		// A returned answer can be neither approved nor sent, and a stale page changes nothing.
		assertThatThrownBy(() -> this.inquiries.approveAnswer(id, version(id), "msl-two"))
			.isInstanceOf(DomainException.class)
			.extracting(ex -> ((DomainException) ex).getCode()).isEqualTo("inquiry.answer.alreadyReturned");
		assertThatThrownBy(() -> this.inquiries.recordDelivery(id, version(id), ConsentChannel.EMAIL, "msl-one"))
			.isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> this.inquiries.draftCustomAnswer(id, submitted, "古い画面から", "msl-one"))
			.isInstanceOf(org.openpharma.crm.shared.StaleVersionException.class);

		this.inquiries.draftCustomAnswer(id, version(id), "個別回答（修正）: eGFR 30 未満は半量", "msl-one");
		InquiryQueries.Answer resubmitted = this.queries.detail(id, MEDICAL).orElseThrow().answer();
		assertThat(resubmitted.state()).isEqualTo(AnswerState.AWAITING_APPROVAL);
		assertThat(resubmitted.returnReason()).isNull();
		this.inquiries.approveAnswer(id, version(id), "msl-two");
		assertThat(this.queries.detail(id, MEDICAL).orElseThrow().answer().state()).isEqualTo(AnswerState.APPROVED);

		// The history keeps every step with the reason; the audit names the return, not its medical text.
		assertThat(this.queries.timeline(id, MEDICAL)).extracting(InquiryQueries.Step::action, InquiryQueries.Step::detail)
			.containsSubsequence(org.assertj.core.groups.Tuple.tuple("ANSWER_DRAFTED", null),
					org.assertj.core.groups.Tuple.tuple("ANSWER_RETURNED",
							"eGFR の区分ごとの用量を\n添付文書の表に沿って記載してください。"),
					org.assertj.core.groups.Tuple.tuple("ANSWER_RESUBMITTED", null),
					org.assertj.core.groups.Tuple.tuple("ANSWER_APPROVED", null));
		assertThat(this.queries.timeline(id, MEDICAL)).filteredOn(s -> s.action().equals("ANSWER_RETURNED"))
			.extracting(InquiryQueries.Step::actorName).containsExactly("MSL 2");
		assertThat(this.jdbc.queryForList("SELECT action FROM audit_event WHERE entity_type = 'MEDICAL_INQUIRY'"
				+ " AND entity_id = ? AND action LIKE 'ANSWER%' ORDER BY id", String.class, id))
			.containsExactly("ANSWER_DRAFT", "ANSWER_RETURN", "ANSWER_RESUBMIT", "ANSWER_APPROVE");
		assertThat(this.jdbc.queryForObject("SELECT after_state::text FROM audit_event WHERE entity_type = 'MEDICAL_INQUIRY'"
				+ " AND entity_id = ? AND action = 'ANSWER_RETURN'", String.class, id))
			.contains("msl-one").doesNotContain("eGFR");
	}

	@Test
	void theIntakeChannelIsKeptWithTheInquiry() {
		if (this.users.findByUsername("cc-one").isEmpty()) {
			this.users.create("cc-one", "受付 一", "callcenter-password-1", "CALL_CENTER", EnumSet.of(Role.CALL_CENTER),
					Set.of(), "test");
		}
		long id = this.inquiries.take(draft(false, ConsentChannel.PHONE), "cc-one", InquiryManagement.Via.CALL_CENTER,
				ConsentChannel.PHONE);
		assertThat(this.queries.detail(id, MEDICAL).orElseThrow().receivedChannel()).isEqualTo("PHONE");
		long api = this.inquiries.take(draft(false, ConsentChannel.EMAIL), "api", InquiryManagement.Via.API);
		assertThat(this.queries.detail(api, MEDICAL).orElseThrow().receivedChannel()).isNull();
	}

	@Test
	void pharmacovigilanceAcknowledgesAHandoffOnceWithItsReferenceAndItStaysAsHistory() {
		long id = this.inquiries.take(draft(true, ConsentChannel.EMAIL), "mr01", InquiryManagement.Via.SALES);
		long handoff = this.queries.openHandoffs(MEDICAL).stream().filter(h -> h.inquiryId() == id).findFirst()
			.orElseThrow().id();
		assertThatThrownBy(() -> this.inquiries.acknowledgeAdverseEvent(handoff, " ", "msl-one"))
			.isInstanceOf(ValidationException.class);
		this.inquiries.acknowledgeAdverseEvent(handoff, "PV-2026-0042", "msl-one");
		InquiryQueries.HandoffBoard board = this.queries.handoffBoard(InquiryQueries.HandoffSort.DUE, 0, MEDICAL);
		assertThat(board.open()).extracting(InquiryQueries.Handoff::id).doesNotContain(handoff);
		// Acknowledged, it does not disappear: it heads the history, with its clocks and PV's reference.
		assertThat(board.history().get(0)).satisfies(h -> {
			assertThat(h.id()).isEqualTo(handoff);
			assertThat(h.acknowledged()).isTrue();
			assertThat(h.pvReference()).isEqualTo("PV-2026-0042");
			assertThat(h.acknowledgedBy()).isEqualTo("msl-one");
			assertThat(h.regulatory().kind()).isEqualTo(RegulatoryDeadline.Kind.NOT_EXPEDITED);
		});
		assertThatThrownBy(() -> this.inquiries.acknowledgeAdverseEvent(handoff, "PV-2026-0043", "msl-one"))
			.isInstanceOf(DomainException.class);
	}

	@Test
	void dayZeroIsWhenTheEmployeeLearnedOfItAndBothClocksRunFromIt() {
		Instant learned = this.clock.instant().minus(java.time.Duration.ofDays(2))
			.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		long id = adverseEvent("JP", learned, Seriousness.SERIOUS, Expectedness.UNEXPECTED, false);
		InquiryQueries.Handoff handoff = handoffOf(id);
		assertThat(handoff.awareAt()).isEqualTo(learned);
		assertThat(handoff.createdAt()).isAfter(learned);
		assertThat(handoff.dueAt()).as("the internal deadline, from day 0").isEqualTo(this.sla.adverseEventDue(learned));
		Instant now = this.clock.instant();
		assertThat(handoff.overdue(now)).isEqualTo(this.sla.adverseEventDue(learned).isBefore(now));
		assertThat(handoff.regulatory().rule().code()).isEqualTo("JP-SERIOUS-UNEXPECTED");
		assertThat(handoff.regulatory().dueDate()).isEqualTo(LocalDate.ofInstant(learned, JAPAN).plusDays(15));
		assertThat(handoff.hcpCountry()).isEqualTo("JP");
		assertThat(handoff.productNameJa()).isEqualTo("薬");
		assertThat(handoff.hcpName()).endsWith("六郎");
		assertThat(this.queries.detail(id, MEDICAL).orElseThrow().awareAt()).isEqualTo(learned);
		// Not said: when it was received. Never in the future.
		long unsaid = this.inquiries.take(draft(true, ConsentChannel.EMAIL), "mr01", InquiryManagement.Via.SALES);
		InquiryQueries.Detail received = this.queries.detail(unsaid, MEDICAL).orElseThrow();
		assertThat(received.awareAt()).isEqualTo(received.receivedAt());
		InquiryDraft future = new InquiryDraft(this.hcp.getId(), "s", "q", this.product, ConsentChannel.EMAIL,
				InquiryPriority.NORMAL, false, now.plus(java.time.Duration.ofHours(2)), false, null);
		assertThatThrownBy(() -> this.inquiries.take(future, "mr01", InquiryManagement.Via.SALES))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().get(0).field())
			.isEqualTo("awareAt");
		// The database holds it too: day 0 is never after receipt, a death never non-serious.
		assertThatThrownBy(() -> this.jdbc.update("UPDATE medical_inquiry SET aware_at = received_at + interval '1 second'"
				+ " WHERE id = ?", id)).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
		// (The application's role may not change these facts at all; the CHECK holds for the owner as well.)
		assertThatThrownBy(() -> this.jdbc.update("UPDATE adverse_event_handoff SET fatal = true, seriousness = 'NON_SERIOUS'"
				+ " WHERE inquiry_id = ?", id)).isInstanceOf(org.springframework.dao.DataAccessException.class);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM pg_constraint WHERE conrelid = 'adverse_event_handoff'::regclass"
				+ " AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%fatal%'", Integer.class)).isEqualTo(1);
	}

	@Test
	void theRegulatorsDeadlineFollowsTheHcpsCountryAndTheCaseAndTheListSortsByWhatIsDueFirst() {
		Instant now = this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		// Day 0 a week apart each, so that one business day later keeps them apart whatever today is.
		long japanExpected = adverseEvent("JP", now.minus(java.time.Duration.ofDays(21)), Seriousness.SERIOUS,
				Expectedness.EXPECTED, false);
		long japanExpectedDeath = adverseEvent("JP", now.minus(java.time.Duration.ofDays(7)), Seriousness.SERIOUS,
				Expectedness.EXPECTED, true);
		long us = adverseEvent("US", now.minus(java.time.Duration.ofDays(28)), Seriousness.SERIOUS, Expectedness.EXPECTED,
				false);
		long germany = adverseEvent("DE", now.minus(java.time.Duration.ofDays(35)), Seriousness.NON_SERIOUS,
				Expectedness.UNEXPECTED, false);
		long china = adverseEvent("CN", now.minus(java.time.Duration.ofDays(14)), Seriousness.SERIOUS,
				Expectedness.UNKNOWN, false);
		assertThat(handoffOf(japanExpected).regulatory()).satisfies(d -> {
			assertThat(d.rule().code()).isEqualTo("JP-SERIOUS-EXPECTED");
			assertThat(d.dueDate()).isEqualTo(d.dayZero().plusDays(30));
		});
		assertThat(handoffOf(japanExpectedDeath).regulatory()).satisfies(d -> {
			assertThat(d.rule().code()).isEqualTo("JP-SERIOUS-EXPECTED-DEATH");
			assertThat(d.dueDate()).isEqualTo(d.dayZero().plusDays(15));
		});
		assertThat(handoffOf(us).regulatory()).satisfies(d -> {
			assertThat(d.rule().code()).isEqualTo("US-SERIOUS-EXPECTED");
			assertThat(d.kind()).isEqualTo(RegulatoryDeadline.Kind.NOT_EXPEDITED);
		});
		assertThat(handoffOf(germany).regulatory()).satisfies(d -> {
			assertThat(d.jurisdiction()).isEqualTo("EU");
			assertThat(d.rule().code()).isEqualTo("EU-NON-SERIOUS");
			assertThat(d.dueDate()).isEqualTo(d.dayZero().plusDays(90));
		});
		assertThat(handoffOf(china).regulatory().kind()).isEqualTo(RegulatoryDeadline.Kind.NO_RULE);

		List<Long> mine = List.of(japanExpected, japanExpectedDeath, us, germany, china);
		java.util.function.Function<InquiryQueries.HandoffSort, List<Long>> order = sort -> this.queries
			.handoffBoard(sort, 0, MEDICAL).open().stream().map(InquiryQueries.Handoff::inquiryId).filter(mine::contains)
			.toList();
		// What is due first: the internal deadline (from day 0), so the oldest day 0 first here.
		assertThat(order.apply(InquiryQueries.HandoffSort.DUE)).containsExactly(germany, us, japanExpected, china,
				japanExpectedDeath);
		// The regulator's deadline: in 8 days (15 from a week ago), 9 (30 from three weeks ago), 55 (90 from five
		// weeks ago); then those without one.
		assertThat(order.apply(InquiryQueries.HandoffSort.REGULATORY)).containsExactly(japanExpectedDeath, japanExpected,
				germany, us, china);
		assertThat(order.apply(InquiryQueries.HandoffSort.DAY_ZERO)).containsExactly(germany, us, japanExpected, china,
				japanExpectedDeath);
		assertThat(InquiryQueries.HandoffSort.parse("regulatory")).isEqualTo(InquiryQueries.HandoffSort.REGULATORY);
		assertThat(InquiryQueries.HandoffSort.parse("day-zero")).isEqualTo(InquiryQueries.HandoffSort.DAY_ZERO);
		assertThat(InquiryQueries.HandoffSort.parse("<script>")).isEqualTo(InquiryQueries.HandoffSort.DUE);
		assertThatThrownBy(() -> this.queries.handoffBoard(InquiryQueries.HandoffSort.DUE, 0, List.of(Role.ADMIN)))
			.isInstanceOf(DomainException.class);
	}

	@Test
	void anHcpsCountryIsAnIsoCodeAndJapanByDefault() {
		assertThat(this.jdbc.queryForObject("SELECT country FROM hcp WHERE id = ?", String.class, this.hcp.getId()))
			.isEqualTo("JP");
		for (String bad : List.of("jp", "J1", "JPN", "")) {
			assertThatThrownBy(() -> this.jdbc.update("UPDATE hcp SET country = ? WHERE id = ?", bad, this.hcp.getId()))
				.as(bad).isInstanceOf(org.springframework.dao.DataAccessException.class);
		}
	}

	@Test
	void rulesAreDataWithEffectiveDatesAndTwoRulesForTheSameCasesCannotBeInForceOnTheSameDay() {
		String jurisdiction = "ZT" + String.valueOf(System.nanoTime() % 100_000_000).chars()
			.mapToObj(c -> String.valueOf((char) ('A' + c - '0'))).collect(java.util.stream.Collectors.joining());
		this.jdbc.update("INSERT INTO ae_jurisdiction (code, name_ja, name_en, authority) VALUES (?, 'テスト', 'Test', 'T')",
				jurisdiction);
		String country = this.jdbc.queryForObject("SELECT 'X' || chr(65 + (SELECT count(*) FROM ae_jurisdiction_country"
				+ " WHERE country LIKE 'X%')::int)", String.class);
		this.jdbc.update("INSERT INTO ae_jurisdiction_country (country, jurisdiction_code) VALUES (?, ?)", country,
				jurisdiction);
		String insert = "INSERT INTO ae_regulatory_rule (jurisdiction_code, code, serious, expected, fatal, report_days,"
				+ " name_ja, name_en, legal_basis, effective_from, effective_to) VALUES (?, ?, true, NULL, NULL, ?, 'r', 'r',"
				+ " 'test', ?, ?)";
		this.jdbc.update(insert, jurisdiction, "T-OLD", 20, java.sql.Date.valueOf("2000-01-01"),
				java.sql.Date.valueOf("2026-06-30"));
		this.jdbc.update(insert, jurisdiction, "T-NEW", 10, java.sql.Date.valueOf("2026-07-01"), null);
		assertThatThrownBy(() -> this.jdbc.update(insert, jurisdiction, "T-OVERLAP", 5,
				java.sql.Date.valueOf("2026-06-30"), null))
			.isInstanceOf(org.springframework.dao.DataAccessException.class);
		AdverseEventClockRules rules = this.clocks.rules();
		AdverseEventCase serious = new AdverseEventCase(true, false, false);
		assertThat(rules.deadline(country, java.time.LocalDateTime.parse("2026-06-30T23:59").atZone(JAPAN).toInstant(),
				serious).rule().code()).isEqualTo("T-OLD");
		assertThat(rules.deadline(country, java.time.LocalDateTime.parse("2026-07-01T00:00").atZone(JAPAN).toInstant(),
				serious).dueDate()).isEqualTo(LocalDate.of(2026, 7, 11));
		// Japan, the US and the EU/EEA are seeded.
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ae_jurisdiction_country WHERE jurisdiction_code = 'EU'",
				Integer.class)).isEqualTo(30);
	}

}
