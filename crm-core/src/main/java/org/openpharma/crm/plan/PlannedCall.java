package org.openpharma.crm.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;

/**
 * A call planned for a day: PLANNED, then DONE (by the interaction that logged it) or CANCELLED (with a reason).
 * A planned call whose day has passed reads as missed ({@link PlanState}). Only a planned call moves, is done or is
 * cancelled.
 */
@Entity
@Table(name = "planned_call")
public class PlannedCall {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "hcp_id", nullable = false)
	private long hcpId;

	@Column(name = "therapeutic_area_id")
	private Long therapeuticAreaId;

	@Column(name = "planned_day", nullable = false)
	private LocalDate day;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Channel channel;

	@Column(name = "content_version_id")
	private Long contentVersionId;

	@Column(name = "suggestion_id")
	private Long suggestionId;

	@Column(nullable = false)
	private String owner;

	private String note;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private PlanStatus status = PlanStatus.PLANNED;

	@Column(name = "interaction_id")
	private Long interactionId;

	@Column(name = "cancel_reason")
	private String cancelReason;

	@Column(name = "created_by", nullable = false)
	private String createdBy;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_by", nullable = false)
	private String updatedBy;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	protected PlannedCall() {
	}

	/**
	 * A new plan. Throws {@link ValidationException} with every rule the draft breaks; the owner must be resolved
	 * (not null) by the caller.
	 */
	public static PlannedCall plan(PlanDraft draft, String owner, String actor, LocalDate today, Instant now) {
		List<FieldViolation> violations = PlanRules.violations(draft, today);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		PlannedCall call = new PlannedCall();
		call.hcpId = draft.hcpId();
		call.therapeuticAreaId = draft.therapeuticAreaId();
		call.day = draft.day();
		call.channel = draft.channel();
		call.contentVersionId = draft.contentVersionId();
		call.suggestionId = draft.suggestionId();
		call.owner = owner;
		call.note = (draft.note() == null || draft.note().isBlank()) ? null : draft.note().strip();
		call.createdBy = actor;
		call.createdAt = now;
		call.updatedBy = actor;
		call.updatedAt = now;
		return call;
	}

	/** To another day: today or later, and only while it is still planned (a missed plan may be moved on). */
	public void moveTo(LocalDate newDay, String actor, LocalDate today, Instant now) {
		requirePlanned();
		List<FieldViolation> violations = PlanRules.dayViolations(newDay, today);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		this.day = newDay;
		touch(actor, now);
	}

	/** Done by the interaction that logged it. */
	public void markDone(long loggedInteractionId, String actor, Instant now) {
		requirePlanned();
		this.status = PlanStatus.DONE;
		this.interactionId = loggedInteractionId;
		touch(actor, now);
	}

	/** Called off; the reason is kept. */
	public void cancel(String reason, String actor, Instant now) {
		requirePlanned();
		if (reason == null || reason.isBlank()) {
			throw ValidationException.of("reason", "plan.cancel.reasonRequired");
		}
		if (reason.strip().length() > PlanRules.REASON_MAX) {
			throw ValidationException.of("reason", "plan.cancel.reasonTooLong", PlanRules.REASON_MAX);
		}
		this.status = PlanStatus.CANCELLED;
		this.cancelReason = reason.strip();
		touch(actor, now);
	}

	public PlanState stateOn(LocalDate today) {
		return PlanState.of(this.status, this.day, today);
	}

	private void requirePlanned() {
		if (this.status != PlanStatus.PLANNED) {
			throw DomainException.global("plan.notPlanned." + this.status.name());
		}
	}

	private void touch(String actor, Instant now) {
		this.updatedBy = actor;
		this.updatedAt = now;
	}

	/** The fields the audit trail keeps. */
	public Map<String, Object> snapshot() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("hcpId", this.hcpId);
		map.put("therapeuticAreaId", this.therapeuticAreaId);
		map.put("day", (this.day != null) ? this.day.toString() : null);
		map.put("channel", (this.channel != null) ? this.channel.name() : null);
		map.put("contentVersionId", this.contentVersionId);
		map.put("suggestionId", this.suggestionId);
		map.put("owner", this.owner);
		map.put("status", this.status.name());
		map.put("interactionId", this.interactionId);
		map.put("cancelReason", this.cancelReason);
		return map;
	}

	public Long getId() {
		return this.id;
	}

	public long getHcpId() {
		return this.hcpId;
	}

	public Long getTherapeuticAreaId() {
		return this.therapeuticAreaId;
	}

	public LocalDate getDay() {
		return this.day;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public Long getContentVersionId() {
		return this.contentVersionId;
	}

	public Long getSuggestionId() {
		return this.suggestionId;
	}

	public String getOwner() {
		return this.owner;
	}

	public String getNote() {
		return this.note;
	}

	public PlanStatus getStatus() {
		return this.status;
	}

	public Long getInteractionId() {
		return this.interactionId;
	}

	public String getCancelReason() {
		return this.cancelReason;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public String getUpdatedBy() {
		return this.updatedBy;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public long getVersion() {
		return this.version;
	}

}
