package org.openpharma.crm.inquiry;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
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

	static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

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

	InquiryManagement(JdbcTemplate jdbc, ConsentLedger consents, ReferenceData reference, AuditTrail audit,
			SlaPolicy sla, Clock clock) {
		this.jdbc = jdbc;
		this.consents = consents;
		this.reference = reference;
		this.audit = audit;
		this.sla = sla;
		this.clock = clock;
	}

	/** Takes in an inquiry; returns its id. Bad input is refused field by field and nothing is saved. */
	public long take(InquiryDraft draft, String actor, Via via) {
		Instant now = this.clock.instant();
		List<FieldViolation> violations = new ArrayList<>(draft.violations(LocalDate.ofInstant(now, JAPAN)));
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
		Long id = this.jdbc.queryForObject("INSERT INTO medical_inquiry (hcp_id, subject, question, product_id,"
				+ " answer_channel, urgency, priority, off_label, status, received_at, received_by, received_via, due_at,"
				+ " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?) RETURNING id", Long.class,
				draft.hcpId(), draft.subject().strip(), draft.question().strip(), draft.productId(),
				draft.answerChannel().name(), priority.name(), priority.name(), draft.offLabel(), Timestamp.from(now),
				actor, via.name(), Timestamp.from(due), Timestamp.from(now));
		event(id, now, actor, "RECEIVED", via.name());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("hcpId", draft.hcpId());
		after.put("via", via.name());
		after.put("priority", priority.name());
		after.put("dueAt", due.toString());
		after.put("adverseEvent", draft.adverseEventMentioned());
		if (draft.adverseEventMentioned()) {
			AdverseEventFacts ae = draft.adverseEvent();
			Instant aeDue = this.sla.adverseEventDue(now);
			this.jdbc.update("INSERT INTO adverse_event_handoff (inquiry_id, suspect_product_id, description, onset_date,"
					+ " seriousness, reporter, age_band, sex, created_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
					ae.suspectProductId(), ae.description().strip(),
					(ae.onsetDate() != null) ? Date.valueOf(ae.onsetDate()) : null, ae.seriousness().name(),
					ae.reporter().strip(), ae.ageBand().name(), ae.sex().name(), Timestamp.from(now), Timestamp.from(aeDue));
			event(id, now, actor, "AE_HANDOFF", null);
			after.put("adverseEventDueAt", aeDue.toString());
		}
		// The audit row names no medical content: the inquiry's own tables hold it, behind the firewall.
		this.audit.record(actor, "RECEIVE", "MEDICAL_INQUIRY", id, null, after);
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
		if (assignee == null || assignee.isBlank() || !this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM app_user u"
				+ " JOIN app_user_role r ON r.user_id = u.id WHERE u.username = ? AND u.enabled AND r.role = 'MEDICAL')",
				Boolean.class, assignee.strip().toLowerCase(java.util.Locale.ROOT))) {
			throw ValidationException.of("assignee", "inquiry.assignee.notMedical");
		}
		Map<String, Object> row = lockForMove(id, version, InquiryStatus.ASSIGNED);
		Instant now = this.clock.instant();
		String who = assignee.strip().toLowerCase(java.util.Locale.ROOT);
		this.jdbc.update("UPDATE medical_inquiry SET status = 'ASSIGNED', assignee = ?, updated_at = ?,"
				+ " version = version + 1 WHERE id = ?", who, Timestamp.from(now), id);
		event(id, now, actor, "ASSIGNED", who);
		this.audit.record(actor, "ASSIGN", "MEDICAL_INQUIRY", id, Map.of("status", row.get("status")),
				Map.of("status", "ASSIGNED", "assignee", who));
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
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"SELECT status, version, received_at FROM medical_inquiry WHERE id = ? FOR UPDATE", id);
		if (rows.isEmpty()) {
			throw new NotFoundException("medical inquiry", id);
		}
		Map<String, Object> row = rows.get(0);
		long current = ((Number) row.get("version")).longValue();
		if (current != version) {
			throw new StaleVersionException("medical inquiry", id, version, current);
		}
		InquiryStatus status = InquiryStatus.valueOf((String) row.get("status"));
		if (!status.canMoveTo(target)) {
			throw DomainException.global("inquiry.status.notAllowed", status.name(), target.name());
		}
		return row;
	}

	private void event(long inquiryId, Instant at, String actor, String action, String detail) {
		this.jdbc.update("INSERT INTO inquiry_event (inquiry_id, occurred_at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
				inquiryId, Timestamp.from(at), actor, action, detail);
	}

	private boolean liveHcp(long hcpId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM hcp WHERE id = ? AND status <> 'MERGED')", Boolean.class, hcpId));
	}

}
