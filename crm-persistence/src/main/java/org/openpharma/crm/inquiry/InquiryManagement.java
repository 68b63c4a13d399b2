package org.openpharma.crm.inquiry;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.hcp.HcpMerged;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.privacy.ErasureCounts;
import org.openpharma.crm.privacy.HcpErased;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainEvent;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.Capability;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in medical inquiries and moves them through medical affairs' queue. Intake checks the question,
 * the adverse-event facts and the MEDICAL_INFORMATION consent for the answer channel, and hands an
 * adverse event to pharmacovigilance on its own clock — all in one transaction, or nothing. Every step is
 * an event on the inquiry's timeline and an audit row; status moves follow {@link InquiryStatus}.
 */
@Service
@Transactional
public class InquiryManagement {

	/** Where an inquiry came in: the intake person's department, or the API. */
	public enum Via {
		SALES, CALL_CENTER, MEDICAL, API
	}

	private final JdbcTemplate jdbc;

	private final ConsentLedger consents;

	private final ReferenceData reference;

	private final AuditTrail audit;

	private final SlaPolicy sla;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	InquiryManagement(JdbcTemplate jdbc, ConsentLedger consents, ReferenceData reference, AuditTrail audit,
			SlaPolicy sla, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.consents = consents;
		this.reference = reference;
		this.audit = audit;
		this.sla = sla;
		this.clock = clock;
	}

	/** Takes in an inquiry whose intake channel is not known (the API); returns its id. */
	public long take(InquiryDraft draft, String actor, Via via) {
		return take(draft, actor, via, null);
	}

	/**
	 * Takes in an inquiry that came in on {@code receivedChannel} (null: not known); returns its id. Bad input is
	 * refused field by field and nothing is saved.
	 */
	public long take(InquiryDraft draft, String actor, Via via, ConsentChannel receivedChannel) {
		Instant now = this.clock.instant();
		List<FieldViolation> violations = new ArrayList<>(draft.violations(now, Japan.ZONE));
		if (draft.productId() != null && !this.reference.productsExist(List.of(draft.productId()))) {
			violations.add(new FieldViolation("productId", "inquiry.product.unknown"));
		}
		if (draft.adverseEventMentioned() && draft.adverseEvent() != null
				&& draft.adverseEvent().suspectProductId() != null
				&& !this.reference.productsExist(List.of(draft.adverseEvent().suspectProductId()))) {
			violations.add(new FieldViolation("ae.suspectProductId", "inquiry.product.unknown"));
		}
		if (draft.hcpId() != null && !liveHcp(draft.hcpId())) {
			violations.add(new FieldViolation("hcpId", "inquiry.hcp.unknown"));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		// The answer goes out on the channel the HCP asked for: that needs medical-information consent.
		this.consents.checkContact(draft.hcpId(), Optional.of(draft.answerChannel()), ConsentPurpose.MEDICAL_INFORMATION,
				"answerChannel");
		InquiryPriority priority = (draft.urgency() != null) ? draft.urgency() : InquiryPriority.NORMAL;
		Instant due = this.sla.answerDue(priority, now);
		Instant awareAt = draft.awareAtOr(now);
		Long id = this.jdbc.queryForObject("INSERT INTO medical_inquiry (hcp_id, subject, question, product_id,"
				+ " answer_channel, urgency, priority, off_label, status, received_at, aware_at, received_by, received_via,"
				+ " received_channel, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?, ?, ?)"
				+ " RETURNING id",
				Long.class, draft.hcpId(), draft.subject().strip(), draft.question().strip(), draft.productId(),
				draft.answerChannel().name(), priority.name(), priority.name(), draft.offLabel(), Timestamp.from(now),
				Timestamp.from(awareAt), actor, via.name(), (receivedChannel != null) ? receivedChannel.name() : null,
				Timestamp.from(due), Timestamp.from(now));
		event(id, now, actor, "RECEIVED", via.name());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("hcpId", draft.hcpId());
		after.put("via", via.name());
		if (receivedChannel != null) {
			after.put("receivedChannel", receivedChannel.name());
		}
		after.put("priority", priority.name());
		after.put("dueAt", due.toString());
		after.put("awareAt", awareAt.toString());
		after.put("adverseEvent", draft.adverseEventMentioned());
		if (draft.adverseEventMentioned()) {
			AdverseEventFacts ae = draft.adverseEvent();
			// Both clocks run from day 0, when the first employee learned of it, not from when PV gets it.
			Instant aeDue = this.sla.adverseEventDue(awareAt);
			this.jdbc.update("INSERT INTO adverse_event_handoff (inquiry_id, suspect_product_id, description, onset_date,"
					+ " seriousness, expectedness, fatal, reporter, age_band, sex, created_at, due_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, ae.suspectProductId(), ae.description().strip(),
					(ae.onsetDate() != null) ? Date.valueOf(ae.onsetDate()) : null, ae.seriousness().name(),
					ae.expectedness().name(), ae.fatal(), ae.reporter().strip(), ae.ageBand().name(), ae.sex().name(),
					Timestamp.from(now), Timestamp.from(aeDue));
			event(id, now, actor, "AE_HANDOFF", null);
			// Not the regulator's rule or date: they would tell seriousness and expectedness, which are medical.
			after.put("adverseEventDueAt", aeDue.toString());
		}
		// The audit row names no medical content: the inquiry's own tables hold it, behind the firewall.
		this.audit.record(actor, "RECEIVE", "MEDICAL_INQUIRY", id, null, after);
		// Taken by phone, the interaction module logs the inbound call on the HCP's timeline in this transaction.
		this.events.publishEvent(new InquiryReceived(DomainEvent.newId(), now, id, draft.hcpId(), draft.productId(),
				receivedChannel, draft.answerChannel(), priority, draft.offLabel(), draft.adverseEventMentioned(), due, actor));
		return id;
	}

	/** Medical triage: priority (the SLA follows from it, counted from receipt), off-label, category. */
	public void triage(long id, long version, InquiryPriority priority, boolean offLabel, NeedCategory category,
			String actor) {
		if (priority == null) {
			throw ValidationException.of("priority", "inquiry.priority.required");
		}
		Map<String, Object> row = lockForMove(id, version, InquiryStatus.TRIAGED);
		Instant received = ((Timestamp) row.get("received_at")).toInstant();
		Instant due = this.sla.answerDue(priority, received);
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE medical_inquiry SET status = 'TRIAGED', priority = ?, off_label = ?, category = ?,"
				+ " due_at = ?, updated_at = ?, version = version + 1 WHERE id = ?", priority.name(), offLabel,
				(category != null) ? category.name() : null, Timestamp.from(due), Timestamp.from(now), id);
		event(id, now, actor, "TRIAGED", priority.name() + (offLabel ? " OFF_LABEL" : ""));
		this.audit.record(actor, "TRIAGE", "MEDICAL_INQUIRY", id, Map.of("status", row.get("status")),
				Map.of("status", "TRIAGED", "priority", priority.name(), "dueAt", due.toString()));
	}

	/** Assigns a triaged inquiry to a medical affairs user. */
	public void assign(long id, long version, String assignee, String actor) {
		Map<String, Object> row = lockForMove(id, version, InquiryStatus.ASSIGNED);
		if (assignee == null || assignee.isBlank() || !isMedicalUser(assignee)) {
			throw ValidationException.of("assignee", "inquiry.assignee.notMedical");
		}
		Instant now = this.clock.instant();
		String who = assignee.strip().toLowerCase(java.util.Locale.ROOT);
		this.jdbc.update("UPDATE medical_inquiry SET status = 'ASSIGNED', assignee = ?, updated_at = ?,"
				+ " version = version + 1 WHERE id = ?", who, Timestamp.from(now), id);
		event(id, now, actor, "ASSIGNED", who);
		this.audit.record(actor, "ASSIGN", "MEDICAL_INQUIRY", id, Map.of("status", row.get("status")),
				Map.of("status", "ASSIGNED", "assignee", who));
	}

	/**
	 * Answers an assigned inquiry with a standard response: approved already (its approval reference), so
	 * it may be sent at once. Only a response for the inquiry's product, valid today, can be used.
	 */
	public void answerWithStandard(long id, long version, long responseId, String actor) {
		Map<String, Object> row = lockForAnswer(id, version);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
		List<Map<String, Object>> responses = this.jdbc.queryForList("SELECT s.body, s.approval_ref, s.product_id,"
				+ " s.valid_from, s.valid_to, v.status AS library_status FROM standard_response s"
				+ " LEFT JOIN content_version v ON v.id = s.content_version_id WHERE s.id = ?", responseId);
		if (responses.isEmpty()) {
			throw ValidationException.of("standardResponseId", "inquiry.standard.unknown");
		}
		Map<String, Object> response = responses.get(0);
		if (today.isBefore(((Date) response.get("valid_from")).toLocalDate())
				|| today.isAfter(((Date) response.get("valid_to")).toLocalDate())) {
			throw ValidationException.of("standardResponseId", "inquiry.standard.expired");
		}
		if ("WITHDRAWN".equals(response.get("library_status"))) {
			// Withdrawn in the content library: it may no longer be given to anyone (docs/adr/0028).
			throw ValidationException.of("standardResponseId", "inquiry.standard.withdrawn");
		}
		Object product = row.get("product_id");
		if (product != null && ((Number) product).longValue() != ((Number) response.get("product_id")).longValue()) {
			throw ValidationException.of("standardResponseId", "inquiry.standard.otherProduct");
		}
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE medical_inquiry SET answer_text = ?, standard_response_id = ?, answer_author = ?,"
				+ " answer_approved_by = ?, answer_approved_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
				response.get("body"), responseId, actor, "SR " + response.get("approval_ref"), Timestamp.from(now),
				Timestamp.from(now), id);
		event(id, now, actor, "ANSWER_STANDARD", "SR #" + responseId);
		this.audit.record(actor, "ANSWER", "MEDICAL_INQUIRY", id, null, Map.of("standardResponseId", responseId));
	}

	/**
	 * Drafts a custom answer, or submits a returned one again after revising it; either way it needs a second
	 * medical user's approval before it can be sent, and a return is cleared from the inquiry (its history keeps it).
	 */
	public void draftCustomAnswer(long id, long version, String text, String actor) {
		if (text == null || text.isBlank() || text.length() > 8000) {
			throw ValidationException.of("answerText", (text == null || text.isBlank()) ? "inquiry.answer.required"
					: "inquiry.answer.tooLong");
		}
		Map<String, Object> row = lockForAnswer(id, version);
		boolean resubmitted = answerState(row) == AnswerState.RETURNED;
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE medical_inquiry SET answer_text = ?, standard_response_id = NULL, answer_author = ?,"
				+ " answer_approved_by = NULL, answer_approved_at = NULL, answer_returned_by = NULL,"
				+ " answer_returned_at = NULL, answer_return_reason = NULL, updated_at = ?, version = version + 1"
				+ " WHERE id = ?", text.strip(), actor, Timestamp.from(now), id);
		event(id, now, actor, resubmitted ? "ANSWER_RESUBMITTED" : "ANSWER_DRAFTED", null);
		this.audit.record(actor, resubmitted ? "ANSWER_RESUBMIT" : "ANSWER_DRAFT", "MEDICAL_INQUIRY", id, null,
				Map.of("custom", true));
	}

	/** A second medical user approves a custom answer awaiting review (four eyes): its author cannot. */
	public void approveAnswer(long id, long version, String actor) {
		Map<String, Object> row = lockForAnswer(id, version);
		AnswerReview.requireApprovable(answerState(row), (String) row.get("answer_author"), actor);
		if (!isMedicalUser(actor)) {
			throw DomainException.global("inquiry.firewall");
		}
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE medical_inquiry SET answer_approved_by = ?, answer_approved_at = ?, updated_at = ?,"
				+ " version = version + 1 WHERE id = ?", actor, Timestamp.from(now), Timestamp.from(now), id);
		event(id, now, actor, "ANSWER_APPROVED", null);
		this.audit.record(actor, "ANSWER_APPROVE", "MEDICAL_INQUIRY", id, null, Map.of("approvedBy", actor));
	}

	/**
	 * The second medical user returns a custom answer awaiting review to its author, with the reason (required):
	 * kept on the inquiry until the author submits it again, and for good in the inquiry's history. The audit row
	 * records the return and the reason's length, not its text: like the answer, the reason is medical content and
	 * stays behind the firewall.
	 */
	public void returnAnswer(long id, long version, String reason, String actor) {
		Map<String, Object> row = lockForAnswer(id, version);
		String kept = AnswerReview.requireReturnable(answerState(row), (String) row.get("answer_author"), actor, reason);
		if (!isMedicalUser(actor)) {
			throw DomainException.global("inquiry.firewall");
		}
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE medical_inquiry SET answer_returned_by = ?, answer_returned_at = ?,"
				+ " answer_return_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?", actor,
				Timestamp.from(now), kept, Timestamp.from(now), id);
		event(id, now, actor, "ANSWER_RETURNED", kept);
		this.audit.record(actor, "ANSWER_RETURN", "MEDICAL_INQUIRY", id, Map.of("answerState", "AWAITING_APPROVAL"),
				Map.of("answerState", "RETURNED", "returnedTo", row.get("answer_author"), "reasonLength", kept.length()));
	}

	private static AnswerState answerState(Map<String, Object> row) {
		Object standard = row.get("standard_response_id");
		Timestamp returned = (Timestamp) row.get("answer_returned_at");
		return AnswerState.of((String) row.get("answer_text"), (standard != null) ? ((Number) standard).longValue() : null,
				(String) row.get("answer_approved_by"), (returned != null) ? returned.toInstant() : null);
	}

	/** Records that the approved answer went out; the channel needs the HCP's medical-information consent. */
	public void recordDelivery(long id, long version, ConsentChannel channel, String actor) {
		if (channel == null) {
			throw ValidationException.of("deliveredChannel", "inquiry.answerChannel.required");
		}
		Map<String, Object> row = lockForMove(id, version, InquiryStatus.ANSWERED);
		if (row.get("answer_approved_by") == null) {
			throw DomainException.global("inquiry.answer.notApproved");
		}
		this.consents.checkContact(((Number) row.get("hcp_id")).longValue(), Optional.of(channel),
				ConsentPurpose.MEDICAL_INFORMATION, "deliveredChannel");
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE medical_inquiry SET status = 'ANSWERED', delivered_channel = ?, delivered_at = ?,"
				+ " updated_at = ?, version = version + 1 WHERE id = ?", channel.name(), Timestamp.from(now),
				Timestamp.from(now), id);
		event(id, now, actor, "ANSWERED", channel.name());
		this.events.publishEvent(new InquiryAnswered(DomainEvent.newId(), now, id,
				((Number) row.get("hcp_id")).longValue(), channel, actor));
		this.audit.record(actor, "DELIVER", "MEDICAL_INQUIRY", id, Map.of("status", "ASSIGNED"),
				Map.of("status", "ANSWERED", "channel", channel.name()));
	}

	/** Closes an answered inquiry, with the HCP's feedback when there is some (helpful yes/no, 1–5). */
	public void close(long id, long version, Boolean helpful, Integer score, String actor) {
		if (score != null && (score < 1 || score > 5)) {
			throw ValidationException.of("feedbackScore", "inquiry.feedback.score");
		}
		Map<String, Object> row = lockForMove(id, version, InquiryStatus.CLOSED);
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE medical_inquiry SET status = 'CLOSED', feedback_helpful = ?, feedback_score = ?,"
				+ " closed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?", helpful, score, Timestamp.from(now),
				Timestamp.from(now), id);
		event(id, now, actor, "CLOSED", (score != null) ? score + "/5" : null);
		this.events.publishEvent(new InquiryClosed(DomainEvent.newId(), now, id,
				((Number) row.get("hcp_id")).longValue(), helpful, score, actor));
		this.audit.record(actor, "CLOSE", "MEDICAL_INQUIRY", id, Map.of("status", "ANSWERED"), Map.of("status", "CLOSED"));
	}

	/** An erasure: inquiries and hand-offs are kept by law; their audit payloads lose personal text. */
	@EventListener
	@Order(HcpErased.ERASE_RECORDS)
	void eraseFor(HcpErased erased) {
		ErasureCounts.collect(this.jdbc, "crm_erase_inquiries(?)", erased.hcpId());
	}

	/** A merge moves the duplicate's inquiries to the survivor, inside the merge's transaction. */
	@EventListener
	@Order(HcpMerged.MOVE_RECORDS)
	void moveForMerge(HcpMerged merged) {
		int moved = this.jdbc.update("UPDATE medical_inquiry SET hcp_id = ? WHERE hcp_id = ?", merged.survivorId(),
				merged.duplicateId());
		this.audit.record(merged.actor(), "MERGE_MOVE", "HCP", merged.survivorId(), null,
				Map.of("module", "inquiry", "fromHcpId", merged.duplicateId(), "medical_inquiry", moved));
	}

	/** An assigned inquiry, locked, at the submitted version: the state in which an answer is prepared. */
	private Map<String, Object> lockForAnswer(long id, long version) {
		Map<String, Object> row = lockRow(id, version);
		if (!"ASSIGNED".equals(row.get("status"))) {
			throw DomainException.global("inquiry.answer.notAssigned");
		}
		return row;
	}

	/** Pharmacovigilance confirms receipt of an adverse-event hand-off with its own reference number. */
	public void acknowledgeAdverseEvent(long handoffId, String pvReference, String actor) {
		if (pvReference == null || pvReference.isBlank() || pvReference.length() > 60) {
			throw ValidationException.of("pvReference", "inquiry.ae.reference.required");
		}
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT inquiry_id, acknowledged_at FROM"
				+ " adverse_event_handoff WHERE id = ? FOR UPDATE", handoffId);
		if (rows.isEmpty()) {
			throw new NotFoundException("adverse event hand-off", handoffId);
		}
		if (rows.get(0).get("acknowledged_at") != null) {
			throw DomainException.global("inquiry.ae.alreadyAcknowledged");
		}
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE adverse_event_handoff SET acknowledged_at = ?, acknowledged_by = ?, pv_reference = ?"
				+ " WHERE id = ?", Timestamp.from(now), actor, pvReference.strip(), handoffId);
		long inquiryId = ((Number) rows.get(0).get("inquiry_id")).longValue();
		event(inquiryId, now, actor, "AE_ACKNOWLEDGED", pvReference.strip());
		this.audit.record(actor, "AE_ACKNOWLEDGE", "ADVERSE_EVENT_HANDOFF", handoffId, null,
				Map.of("pvReference", pvReference.strip()));
	}

	/** Locks the inquiry, checks the submitted version and that the move is allowed; returns the row. */
	private Map<String, Object> lockForMove(long id, long version, InquiryStatus target) {
		Map<String, Object> row = lockRow(id, version);
		InquiryStatus status = InquiryStatus.valueOf((String) row.get("status"));
		if (!status.canMoveTo(target)) {
			throw DomainException.global("inquiry.status.notAllowed", status.name(), target.name());
		}
		return row;
	}

	private Map<String, Object> lockRow(long id, long version) {
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT status, version, received_at, hcp_id, product_id,"
				+ " answer_text, answer_author, answer_approved_by, standard_response_id, answer_returned_at FROM medical_inquiry"
				+ " WHERE id = ? FOR UPDATE", id);
		if (rows.isEmpty()) {
			throw new NotFoundException("medical inquiry", id);
		}
		Map<String, Object> row = rows.get(0);
		long current = ((Number) row.get("version")).longValue();
		if (current != version) {
			throw new StaleVersionException("medical inquiry", id, version, current);
		}
		return row;
	}

	private void event(long inquiryId, Instant at, String actor, String action, String detail) {
		this.jdbc.update("INSERT INTO inquiry_event (inquiry_id, occurred_at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
				inquiryId, Timestamp.from(at), actor, action, detail);
	}

	/** Whether the user may work the inquiry queue ({@link Capability#WORK_INQUIRIES}), so may be assigned one. */
	private boolean isMedicalUser(String username) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM app_user u"
				+ " JOIN app_user_role r ON r.user_id = u.id WHERE u.username = ? AND u.enabled AND r.role = ANY (?))",
				Boolean.class, username.strip().toLowerCase(java.util.Locale.ROOT), Capability.WORK_INQUIRIES.roleNames()));
	}

	private boolean liveHcp(long hcpId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM hcp WHERE id = ? AND status <> 'MERGED')", Boolean.class, hcpId));
	}

}
