package org.openpharma.crm.need;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.hcp.HcpMerged;
import org.openpharma.crm.privacy.ErasureCounts;
import org.openpharma.crm.privacy.HcpErased;
import org.openpharma.crm.shared.DomainEvent;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.user.UserManagement;
import org.openpharma.crm.user.WorkScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Triage and follow-up of information needs; each move is checked by the need itself and audited. */
@Service
@Transactional
public class NeedManagement {

	private final InformationNeedRepository needs;

	private final AuditTrail audit;

	private final Clock clock;

	private final UserManagement users;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	NeedManagement(InformationNeedRepository needs, AuditTrail audit, UserManagement users, JdbcTemplate jdbc,
			Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.users = users;
		this.jdbc = jdbc;
		this.needs = needs;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public InformationNeed get(long id) {
		return this.needs.findById(id).orElseThrow(() -> new NotFoundException("need", id));
	}

	public InformationNeed triage(long id, long version, RoutedTo department, String reason, String actor) {
		return change(id, version, actor, "TRIAGE", n -> n.triage(department, reason, actor, this.clock.instant()));
	}

	public InformationNeed start(long id, long version, String actor) {
		return change(id, version, actor, "START", n -> n.start(actor, this.clock.instant()));
	}

	/**
	 * Fulfils the need; {@code interactionId} (the contact it was met in) and {@code inquiryId} (the medical inquiry
	 * that answered it) are optional and must be about the need's HCP.
	 */
	public InformationNeed fulfil(long id, long version, String howMet, Long interactionId, Long inquiryId,
			String actor) {
		return change(id, version, actor, "FULFIL", n -> n.fulfil(howMet, interaction(interactionId),
				inquiry(inquiryId), actor, this.clock.instant()));
	}

	/** The HCP's feedback: helpful or not, a score and, optionally, what they said. */
	public InformationNeed confirm(long id, long version, boolean helpful, int score, String comment, String actor) {
		return change(id, version, actor, "CONFIRM",
				n -> n.confirm(helpful, score, comment, actor, this.clock.instant()));
	}

	/**
	 * Links the medical inquiry of the need's HCP that answered it, or removes the link ({@code inquiryId} null).
	 * Whoever may move the need may link it; audited and version-checked like every move.
	 */
	public InformationNeed linkInquiry(long id, long version, Long inquiryId, String actor) {
		return change(id, version, actor, "LINK_INQUIRY",
				n -> n.linkInquiry(inquiry(inquiryId), actor, this.clock.instant()), false);
	}

	/** The interaction as the need checks it: with its HCP, or without one when there is no such interaction. */
	private LinkedRecord interaction(Long id) {
		return linked("SELECT hcp_id FROM interaction WHERE id = ?", id);
	}

	private LinkedRecord inquiry(Long id) {
		return linked("SELECT hcp_id FROM medical_inquiry WHERE id = ?", id);
	}

	private LinkedRecord linked(String sql, Long id) {
		if (id == null) {
			return null;
		}
		return this.jdbc.query(sql, rs -> rs.next() ? new LinkedRecord(id, rs.getLong(1)) : LinkedRecord.missing(id),
				id);
	}

	public InformationNeed closeUnmet(long id, long version, String reason, String actor) {
		return change(id, version, actor, "CLOSE_UNMET", n -> n.closeUnmet(reason, actor, this.clock.instant()));
	}

	/**
	 * The record is company-wide, the work is not: a territorial user (MR, manager) moves needs of HCPs in
	 * their territories, needs they raised, and needs routed to their department (WorkScope).
	 */
	private void requireInScope(InformationNeed need, String actor) {
		requireInScope(need.getHcpId(), need.getRoutedTo(), need.getCreatedBy(), actor);
	}

	private void requireInScope(long hcpId, RoutedTo routedTo, String createdBy, String actor) {
		WorkScope scope = this.users.scopeOf(actor);
		if (scope.national()) {
			return;
		}
		Integer prefecture = this.jdbc.query("SELECT o.prefecture_code FROM hcp h LEFT JOIN hco o ON o.id = h.primary_hco_id"
				+ " WHERE h.id = ?", rs -> rs.next() ? (Integer) rs.getObject(1, Integer.class) : null, hcpId);
		scope.requireMayActOn(prefecture, (routedTo != null) ? routedTo.name() : null, createdBy, actor);
	}

	/** Whether the user may move this need (for showing the buttons; every move checks again). */
	@Transactional(readOnly = true)
	public boolean mayAct(InformationNeed need, String actor) {
		return mayAct(need.getHcpId(), need.getRoutedTo(), need.getCreatedBy(), actor);
	}

	/** Whether the user may move the need shown (for showing the buttons; every move checks again). */
	@Transactional(readOnly = true)
	public boolean mayAct(NeedQueries.NeedView need, String actor) {
		return mayAct(need.hcpId(), need.routedTo(), need.createdBy(), actor);
	}

	private boolean mayAct(long hcpId, RoutedTo routedTo, String createdBy, String actor) {
		try {
			requireInScope(hcpId, routedTo, createdBy, actor);
			return true;
		}
		catch (org.openpharma.crm.shared.DomainException ex) {
			return false;
		}
	}

	private InformationNeed change(long id, long version, String actor, String action, Consumer<InformationNeed> move) {
		return change(id, version, actor, action, move, true);
	}

	/** {@code announce}: publish the move as NeedStatusChanged (a link to an inquiry is not a move of the status). */
	private InformationNeed change(long id, long version, String actor, String action, Consumer<InformationNeed> move,
			boolean announce) {
		InformationNeed need = get(id);
		if (need.getVersion() != version) {
			throw new StaleVersionException("need", id, version, need.getVersion());
		}
		requireInScope(need, actor);
		Map<String, Object> before = need.snapshot();
		NeedStatus from = need.getStatus();
		move.accept(need);
		need = this.needs.saveAndFlush(need);
		this.audit.record(actor, action, "NEED", id, before, need.snapshot());
		if (!announce) {
			return need;
		}
		this.events.publishEvent(new NeedStatusChanged(DomainEvent.newId(), need.getUpdatedAt(), id, need.getHcpId(),
				from, need.getStatus(), need.getRoutedTo(), need.getFeedbackHelpful(), need.getFeedbackScore(), actor));
		return need;
	}


	/** A merge moves the duplicate's needs to the survivor, inside the merge's transaction. */
	@EventListener
	@Order(HcpMerged.MOVE_RECORDS)
	void moveForMerge(HcpMerged merged) {
		int moved = this.jdbc.update("UPDATE information_need SET hcp_id = ? WHERE hcp_id = ?", merged.survivorId(),
				merged.duplicateId());
		this.audit.record(merged.actor(), "MERGE_MOVE", "HCP", merged.survivorId(), null,
				Map.of("module", "need", "fromHcpId", merged.duplicateId(), "information_need", moved));
	}


	/** An erasure: the HCP's needs keep category, status and dates, lose their text (R__erasure.sql). */
	@EventListener
	@Order(HcpErased.ERASE_RECORDS)
	void eraseFor(HcpErased erased) {
		ErasureCounts.collect(this.jdbc, "crm_erase_needs(?)", erased.hcpId());
	}

}
