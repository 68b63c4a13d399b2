package org.openpharma.crm.interaction;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPolicy;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.hcp.HcpMerged;
import org.openpharma.crm.inquiry.InquiryReceived;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.need.InformationNeed;
import org.openpharma.crm.need.InformationNeedRepository;
import org.openpharma.crm.need.NeedRaised;
import org.openpharma.crm.privacy.ErasureCounts;
import org.openpharma.crm.privacy.HcpErased;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainEvent;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.stage.HcpStage;
import org.openpharma.crm.stage.PatientCountFacts;
import org.openpharma.crm.stage.PatientCountReported;
import org.openpharma.crm.stage.StageChanged;
import org.openpharma.crm.user.UserManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logs interactions with everything captured in the same form (needs, stage changes, policy note,
 * patient counts) in one transaction; edits within the author's window; corrections afterwards.
 */
@Service
@Transactional
public class InteractionManagement {

	private final InteractionRepository interactions;

	private final InformationNeedRepository needs;

	private final ReferenceData reference;

	private final UserManagement users;

	private final AuditTrail audit;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final ConsentLedger consents;

	private final ApplicationEventPublisher events;

	InteractionManagement(InteractionRepository interactions, InformationNeedRepository needs,
			ReferenceData reference, UserManagement users, AuditTrail audit,
			JdbcTemplate jdbc, Clock clock, ConsentLedger consents, ApplicationEventPublisher events) {
		this.consents = consents;
		this.events = events;
		this.interactions = interactions;
		this.needs = needs;
		this.reference = reference;
		this.users = users;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Interaction get(long id) {
		return this.interactions.findById(id).orElseThrow(() -> new NotFoundException("interaction", id));
	}

	/** Saves the contact and everything captured with it, or nothing (throws {@link ValidationException}). */
	public Interaction log(InteractionCapture capture, String actor) {
		return save(capture, actor, null, null);
	}

	/**
	 * A correction after the edit window: a new interaction linked to the original. Only by the author, or
	 * by a colleague of the author's department with a reason ({@link Interaction#checkCorrection}).
	 */
	public Interaction correct(long originalId, InteractionCapture capture, String reason, String actor) {
		Interaction original = get(originalId);
		original.checkCorrection(actor, this.users.departmentOf(actor).orElse(null), reason);
		if (capture.hcpId() == null || !capture.hcpId().equals(original.getHcpId())) {
			throw ValidationException.of("hcpId", "interaction.correction.sameHcp");
		}
		return save(capture, actor, originalId, reason);
	}

	/** Whether the user may correct the interaction at all (the author, or a colleague of the author's department). */
	@Transactional(readOnly = true)
	public boolean mayCorrect(long id, String user) {
		return get(id).isCorrectableBy(user, this.users.departmentOf(user).orElse(null));
	}

	/** The author changes the contact itself within 24 hours of recording it. */
	public Interaction edit(long id, long expectedVersion, InteractionFacts facts, String actor) {
		Interaction interaction = get(id);
		if (interaction.getVersion() != expectedVersion) {
			throw new StaleVersionException("interaction", id, expectedVersion, interaction.getVersion());
		}
		Instant now = this.clock.instant();
		List<FieldViolation> violations = new ArrayList<>(facts.violations(now));
		checkReferences(facts, violations);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		// The purpose follows from the sender's department, never from the form; the consent is assessed again.
		ConsentPurpose purpose = facts.channel().isPush() ? ConsentPurpose.ofSender(interaction.getDepartmentCode())
				: null;
		facts = facts.withPurpose(purpose);
		Map<String, Object> before = interaction.snapshot();
		interaction.edit(facts, actor, now);
		interaction.assessConsent(assessConsent(interaction.getHcpId(), facts, now));
		interaction = this.interactions.saveAndFlush(interaction);
		this.audit.record(actor, "UPDATE", "INTERACTION", id, before, interaction.snapshot());
		return interaction;
	}

	/**
	 * Consent first, checked under the HCP's consent lock so that a withdrawal committed before this point
	 * is always seen. A planned contact (the company initiates it) is refused without consent; a record of
	 * one that already happened is never refused: the decision is kept on it as a breach.
	 */
	private ConsentPolicy.Decision assessConsent(long hcpId, InteractionFacts facts, Instant now) {
		ConsentPolicy.Decision decision = this.consents.assessContact(hcpId, facts.channel().consentChannel(),
				facts.purpose());
		if (!decision.allowed() && InteractionRules.planned(facts.occurredAt(), now)) {
			throw ConsentLedger.refusal(decision, "channel");
		}
		return decision;
	}

	private Interaction save(InteractionCapture capture, String actor, Long correctsId, String correctionReason) {
		Instant now = this.clock.instant();
		YearMonth month = YearMonth.from(now.atZone(Japan.ZONE));
		String department = this.users.departmentOf(actor)
			.orElseThrow(() -> ValidationException.of(null, "interaction.user.unknown"));
		List<FieldViolation> violations = validate(capture, now, month);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		long hcpId = capture.hcpId();
		// The purpose follows from who sends it (ConsentPurpose.ofSender), whatever a form or client says.
		InteractionFacts facts = capture.facts();
		facts = facts.withPurpose(facts.channel().isPush() ? ConsentPurpose.ofSender(department) : null);
		ConsentPolicy.Decision consent = assessConsent(hcpId, facts, now);
		Interaction record = Interaction.record(hcpId, facts, actor, department, null, null, now);
		if (correctsId != null) {
			record.correcting(correctsId, correctionReason);
		}
		record.assessConsent(consent);
		Interaction interaction = this.interactions.save(record);
		this.events.publishEvent(new InteractionLogged(DomainEvent.newId(), now, interaction.getId(), hcpId,
				interaction.getChannel(), interaction.getPurpose(), department, interaction.getOccurredAt(),
				List.copyOf(interaction.getTherapeuticAreaIds()), List.copyOf(interaction.getProductIds()),
				interaction.getConsentBreach() != null, correctsId, actor));
		Map<String, Object> summary = new LinkedHashMap<>(interaction.snapshot());
		List<Long> needIds = new ArrayList<>();
		for (NeedDraft draft : capture.needs()) {
			InformationNeed need = this.needs.save(InformationNeed.raise(hcpId, interaction.getId(), draft.topic().strip(),
					draft.category(), draft.therapeuticAreaId(), draft.productId(), draft.urgency(), blankToNull(draft.details()),
					actor, now));
			needIds.add(need.getId());
			this.events.publishEvent(new NeedRaised(DomainEvent.newId(), now, need.getId(), hcpId, need.getCategory(),
					need.getTherapeuticAreaId(), need.getProductId(), need.getUrgency(), interaction.getId(), actor));
		}
		List<String> stageChanges = new ArrayList<>();
		for (StageDraft draft : capture.stages()) {
			changeStage(hcpId, draft, interaction.getId(), actor, now).ifPresent(stageChanges::add);
		}
		if (capture.policy() != null && capture.policy().note() != null && !capture.policy().note().isBlank()) {
			this.jdbc.update("INSERT INTO treatment_policy_note (hcp_id, therapeutic_area_id, note, author, created_at,"
					+ " interaction_id) VALUES (?, ?, ?, ?, ?, ?)", hcpId, capture.policy().therapeuticAreaId(),
					capture.policy().note().strip(), actor, Timestamp.from(now), interaction.getId());
			summary.put("policyNote", true);
		}
		for (PatientCountFacts count : capture.patientCounts()) {
			this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, product_id, period,"
					+ " eligible_patients, treated_patients, reported_by, reported_at, interaction_id)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", hcpId, count.therapeuticAreaId(), count.productId(),
					Date.valueOf(count.period().atDay(1)), count.eligiblePatients(), count.treatedPatients(), actor,
					Timestamp.from(now), interaction.getId());
			this.events.publishEvent(new PatientCountReported(DomainEvent.newId(), now, hcpId,
					count.therapeuticAreaId(), count.productId(), count.period(), count.eligiblePatients(),
					count.treatedPatients(), interaction.getId(), actor));
		}
		this.interactions.flush();
		summary.put("needIds", needIds);
		summary.put("stageChanges", stageChanges);
		summary.put("patientCounts", capture.patientCounts().size());
		this.audit.record(actor, (correctsId != null) ? "CORRECT" : "LOG", "INTERACTION", interaction.getId(), null,
				summary);
		return interaction;
	}

	/**
	 * Moves the HCP's stage in the area, or sets the first one. Two people logging a stage for the same
	 * HCP at once queue up instead of failing: the first stage is inserted with ON CONFLICT DO NOTHING
	 * (which waits for a concurrent insert to commit), an existing one is locked before it is read, so
	 * the history's "from" is always the stage the change really left.
	 */
	private Optional<String> changeStage(long hcpId, StageDraft draft, long interactionId, String actor, Instant now) {
		int inserted = this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, ?, ?, ?) ON CONFLICT (hcp_id, therapeutic_area_id) DO NOTHING", hcpId,
				draft.therapeuticAreaId(), draft.stage().name(), Timestamp.from(now), actor);
		AdoptionStage from = null;
		if (inserted == 0) {
			// Plain SQL with a row lock: the JPA lock query was re-translated on every call.
			AdoptionStage current = AdoptionStage.valueOf(this.jdbc.queryForObject("SELECT stage FROM hcp_stage"
					+ " WHERE hcp_id = ? AND therapeutic_area_id = ? FOR UPDATE", String.class, hcpId,
					draft.therapeuticAreaId()));
			if (current == draft.stage()) {
				return Optional.empty();
			}
			this.jdbc.update("UPDATE hcp_stage SET stage = ?, changed_at = ?, changed_by = ?, version = version + 1"
					+ " WHERE hcp_id = ? AND therapeutic_area_id = ?", draft.stage().name(), Timestamp.from(now), actor,
					hcpId, draft.therapeuticAreaId());
			from = current;
		}
		this.jdbc.update("INSERT INTO stage_change (hcp_id, therapeutic_area_id, from_stage, to_stage, reason,"
				+ " changed_by, changed_at, interaction_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", hcpId,
				draft.therapeuticAreaId(), (from != null) ? from.name() : null, draft.stage().name(),
				blankToNull(draft.reason()), actor, Timestamp.from(now), interactionId);
		this.events.publishEvent(new StageChanged(DomainEvent.newId(), now, hcpId, draft.therapeuticAreaId(), from,
				draft.stage(), interactionId, actor));
		return Optional.of(draft.therapeuticAreaId() + ":" + from + "->" + draft.stage());
	}

	/**
	 * An HCP phoned in a medical inquiry: the call goes on the HCP's shared timeline, so that every department sees
	 * that the call center (or whoever took it) spoke to the HCP. Inside the intake's transaction: the inquiry and
	 * its call are saved together or not at all. An inbound call needs no consent (the HCP initiated it), so none is
	 * checked and none is ever refused. The call holds no text of the inquiry: the question and any adverse-event
	 * facts stay behind the firewall (docs/adr/0011); the call only points at the inquiry.
	 */
	@EventListener
	void logInquiryCall(InquiryReceived received) {
		if (!received.byPhone()) {
			return;
		}
		String actor = received.actor();
		String department = this.users.departmentOf(actor)
			.orElseThrow(() -> ValidationException.of(null, "interaction.user.unknown"));
		java.util.Set<Long> products = (received.productId() != null) ? java.util.Set.of(received.productId())
				: java.util.Set.of();
		java.util.Set<Long> areas = new java.util.HashSet<>();
		for (ReferenceData.Item product : this.reference.products()) {
			if (products.contains(Long.valueOf(product.code())) && product.group() != null) {
				areas.add(Long.valueOf(product.group()));
			}
		}
		Instant now = this.clock.instant();
		Interaction call = this.interactions.saveAndFlush(Interaction.inquiryCall(received.hcpId(), received.inquiryId(),
				received.occurredAt(), products, areas, actor, department, now));
		this.events.publishEvent(new InteractionLogged(DomainEvent.newId(), now, call.getId(), received.hcpId(),
				call.getChannel(), null, department, call.getOccurredAt(), List.copyOf(call.getTherapeuticAreaIds()),
				List.copyOf(call.getProductIds()), false, null, actor));
		this.audit.record(actor, "LOG", "INTERACTION", call.getId(), null, call.snapshot());
	}

	/**
	 * A merge moves the duplicate's contacts, stage history, policy notes and patient counts to the survivor; the
	 * survivor's own current stage wins where both have one for the same area. Inside the merge's transaction.
	 */
	@EventListener
	@Order(HcpMerged.MOVE_RECORDS)
	void moveForMerge(HcpMerged merged) {
		long from = merged.duplicateId();
		long to = merged.survivorId();
		Map<String, Object> moved = new LinkedHashMap<>();
		moved.put("module", "interaction");
		moved.put("fromHcpId", from);
		for (String table : List.of("interaction", "stage_change", "treatment_policy_note", "patient_count")) {
			moved.put(table, this.jdbc.update("UPDATE " + table + " SET hcp_id = ? WHERE hcp_id = ?", to, from));
		}
		moved.put("hcp_stage", this.jdbc.update("UPDATE hcp_stage d SET hcp_id = ?, version = version + 1"
				+ " WHERE d.hcp_id = ? AND NOT EXISTS (SELECT 1 FROM hcp_stage s WHERE s.hcp_id = ?"
				+ " AND s.therapeutic_area_id = d.therapeutic_area_id)", to, from, to));
		this.jdbc.update("DELETE FROM hcp_stage WHERE hcp_id = ?", from);
		this.audit.record(merged.actor(), "MERGE_MOVE", "HCP", to, null, moved);
	}

	/** An erasure: contacts, stage history and policy notes lose the HCP's free text (R__erasure.sql). */
	@EventListener
	@Order(HcpErased.ERASE_RECORDS)
	void eraseFor(HcpErased erased) {
		ErasureCounts.collect(this.jdbc, "crm_erase_interactions(?)", erased.hcpId());
	}

	private List<FieldViolation> validate(InteractionCapture capture, Instant now, YearMonth month) {
		List<FieldViolation> violations = new ArrayList<>();
		if (capture.hcpId() == null) {
			violations.add(new FieldViolation("hcpId", "interaction.hcp.required"));
		}
		else {
			List<String> status = this.jdbc.queryForList("SELECT status FROM hcp WHERE id = ?", String.class,
					capture.hcpId());
			if (status.isEmpty()) {
				violations.add(new FieldViolation("hcpId", "interaction.hcp.unknown"));
			}
			else if ("MERGED".equals(status.get(0))) {
				violations.add(new FieldViolation("hcpId", "interaction.hcp.merged"));
			}
		}
		if (capture.facts() == null) {
			violations.add(new FieldViolation("channel", "interaction.channel.required"));
			return violations;
		}
		violations.addAll(capture.facts().violations(now));
		checkReferences(capture.facts(), violations);
		List<Long> areas = new ArrayList<>();
		List<Long> products = new ArrayList<>();
		for (int i = 0; i < capture.needs().size(); i++) {
			NeedDraft need = capture.needs().get(i);
			String prefix = "needs[" + i + "].";
			if (need.topic() == null || need.topic().isBlank()) {
				violations.add(new FieldViolation(prefix + "topic", "need.topic.required"));
			}
			else if (need.topic().strip().length() > InformationNeed.TOPIC_MAX) {
				violations.add(new FieldViolation(prefix + "topic", "validation.tooLong", InformationNeed.TOPIC_MAX));
			}
			if (need.category() == null) {
				violations.add(new FieldViolation(prefix + "category", "need.category.required"));
			}
			if (need.details() != null && need.details().length() > InformationNeed.TEXT_MAX) {
				violations.add(new FieldViolation(prefix + "details", "validation.tooLong", InformationNeed.TEXT_MAX));
			}
			areas.add(need.therapeuticAreaId());
			products.add(need.productId());
		}
		java.util.Set<Long> stagedAreas = new java.util.HashSet<>();
		for (int i = 0; i < capture.stages().size(); i++) {
			StageDraft stage = capture.stages().get(i);
			String prefix = "stages[" + i + "].";
			if (stage.therapeuticAreaId() == null) {
				violations.add(new FieldViolation(prefix + "therapeuticAreaId", "stage.area.required"));
			}
			else if (!stagedAreas.add(stage.therapeuticAreaId())) {
				violations.add(new FieldViolation(prefix + "therapeuticAreaId", "stage.area.duplicate"));
			}
			if (stage.stage() == null) {
				violations.add(new FieldViolation(prefix + "stage", "stage.required"));
			}
			if (stage.reason() != null && stage.reason().length() > HcpStage.REASON_MAX) {
				violations.add(new FieldViolation(prefix + "reason", "validation.tooLong", HcpStage.REASON_MAX));
			}
			areas.add(stage.therapeuticAreaId());
		}
		if (capture.policy() != null && capture.policy().note() != null) {
			if (capture.policy().note().length() > 2000) {
				violations.add(new FieldViolation("policyNote", "validation.tooLong", 2000));
			}
			areas.add(capture.policy().therapeuticAreaId());
		}
		for (int i = 0; i < capture.patientCounts().size(); i++) {
			PatientCountFacts count = capture.patientCounts().get(i);
			violations.addAll(count.violations("patientCounts[" + i + "].", month));
			areas.add(count.therapeuticAreaId());
			products.add(count.productId());
		}
		if (!this.reference.therapeuticAreasExist(areas)) {
			violations.add(new FieldViolation(null, "interaction.area.unknown"));
		}
		if (!this.reference.productsExist(products)) {
			violations.add(new FieldViolation(null, "interaction.product.unknown"));
		}
		return violations;
	}

	private void checkReferences(InteractionFacts facts, List<FieldViolation> violations) {
		if (!this.reference.therapeuticAreasExist(facts.therapeuticAreaIds())) {
			violations.add(new FieldViolation("therapeuticAreaIds", "interaction.area.unknown"));
		}
		if (!this.reference.productsExist(facts.productIds())) {
			violations.add(new FieldViolation("productIds", "interaction.product.unknown"));
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
