package org.openpharma.crm.need;

import java.time.Instant;
import java.util.LinkedHashMap;
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

import org.openpharma.crm.shared.DomainException;

/**
 * What an HCP wants to know, captured as data and carried through triage to fulfilment and the HCP's
 * feedback. Every move checks {@link NeedStatus#canMoveTo}.
 */
@Entity
@Table(name = "information_need")
public class InformationNeed {

	public static final int TOPIC_MAX = 200;

	public static final int TEXT_MAX = 2000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "hcp_id", nullable = false)
	private Long hcpId;

	@Column(name = "interaction_id")
	private Long interactionId;

	@Column(nullable = false)
	private String topic;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private NeedCategory category;

	@Column(name = "therapeutic_area_id")
	private Long therapeuticAreaId;

	@Column(name = "product_id")
	private Long productId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Urgency urgency;

	private String details;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private NeedStatus status = NeedStatus.OPEN;

	@Enumerated(EnumType.STRING)
	@Column(name = "routed_to")
	private RoutedTo routedTo;

	@Column(name = "route_reason")
	private String routeReason;

	@Column(name = "close_reason")
	private String closeReason;

	private String fulfilment;

	@Column(name = "fulfilled_by_interaction_id")
	private Long fulfilledByInteractionId;

	@Column(name = "feedback_helpful")
	private Boolean feedbackHelpful;

	@Column(name = "feedback_score")
	private Integer feedbackScore;

	@Column(name = "created_by", nullable = false)
	private String createdBy;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "updated_by", nullable = false)
	private String updatedBy;

	@Version
	private long version;

	protected InformationNeed() {
	}

	public static InformationNeed raise(long hcpId, Long interactionId, String topic, NeedCategory category,
			Long therapeuticAreaId, Long productId, Urgency urgency, String details, String by, Instant now) {
		InformationNeed need = new InformationNeed();
		need.hcpId = hcpId;
		need.interactionId = interactionId;
		need.topic = topic;
		need.category = category;
		need.therapeuticAreaId = therapeuticAreaId;
		need.productId = productId;
		need.urgency = (urgency != null) ? urgency : Urgency.NORMAL;
		need.details = details;
		need.createdBy = by;
		need.createdAt = now;
		need.touch(by, now);
		return need;
	}

	/** Routes the need to a department (again, if it was routed wrongly). */
	public void triage(RoutedTo department, String reason, String by, Instant now) {
		if (department == null) {
			throw new DomainException("need.routedTo.required", "routedTo");
		}
		if (reason == null || reason.isBlank()) {
			throw new DomainException("need.reason.required", "reason");
		}
		move(NeedStatus.TRIAGED);
		this.routedTo = department;
		this.routeReason = reason.strip();
		touch(by, now);
	}

	public void start(String by, Instant now) {
		move(NeedStatus.IN_PROGRESS);
		touch(by, now);
	}

	/** Records how the need was met: free text and, when it was met in a contact, that interaction. */
	public void fulfil(String howMet, Long byInteractionId, String by, Instant now) {
		if (howMet == null || howMet.isBlank()) {
			throw new DomainException("need.fulfilment.required", "fulfilment");
		}
		move(NeedStatus.FULFILLED);
		this.fulfilment = howMet.strip();
		this.fulfilledByInteractionId = byInteractionId;
		touch(by, now);
	}

	/** The HCP confirmed the answer and said whether it helped (score 1–5). */
	public void confirm(boolean helpful, int score, String by, Instant now) {
		if (score < 1 || score > 5) {
			throw new DomainException("need.feedback.score", "feedbackScore");
		}
		move(NeedStatus.CONFIRMED_BY_HCP);
		this.feedbackHelpful = helpful;
		this.feedbackScore = score;
		touch(by, now);
	}

	public void closeUnmet(String reason, String by, Instant now) {
		if (reason == null || reason.isBlank()) {
			throw new DomainException("need.reason.required", "reason");
		}
		move(NeedStatus.CLOSED_UNMET);
		this.closeReason = reason.strip();
		touch(by, now);
	}

	private void move(NeedStatus target) {
		if (!this.status.canMoveTo(target)) {
			throw new DomainException("need.transition.invalid", "status", this.status.name(), target.name());
		}
		this.status = target;
	}

	private void touch(String by, Instant now) {
		this.updatedBy = by;
		this.updatedAt = now;
	}

	public Map<String, Object> snapshot() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("hcpId", this.hcpId);
		state.put("topic", this.topic);
		state.put("category", this.category.name());
		state.put("therapeuticAreaId", this.therapeuticAreaId);
		state.put("productId", this.productId);
		state.put("urgency", this.urgency.name());
		state.put("status", this.status.name());
		state.put("routedTo", (this.routedTo != null) ? this.routedTo.name() : null);
		state.put("routeReason", this.routeReason);
		state.put("closeReason", this.closeReason);
		state.put("fulfilment", this.fulfilment);
		state.put("fulfilledByInteractionId", this.fulfilledByInteractionId);
		state.put("feedbackHelpful", this.feedbackHelpful);
		state.put("feedbackScore", this.feedbackScore);
		state.put("version", this.version);
		return state;
	}

	public Long getId() {
		return this.id;
	}

	public Long getHcpId() {
		return this.hcpId;
	}

	public Long getInteractionId() {
		return this.interactionId;
	}

	public String getTopic() {
		return this.topic;
	}

	public NeedCategory getCategory() {
		return this.category;
	}

	public Long getTherapeuticAreaId() {
		return this.therapeuticAreaId;
	}

	public Long getProductId() {
		return this.productId;
	}

	public Urgency getUrgency() {
		return this.urgency;
	}

	public String getDetails() {
		return this.details;
	}

	public NeedStatus getStatus() {
		return this.status;
	}

	public RoutedTo getRoutedTo() {
		return this.routedTo;
	}

	public String getRouteReason() {
		return this.routeReason;
	}

	public String getCloseReason() {
		return this.closeReason;
	}

	public String getFulfilment() {
		return this.fulfilment;
	}

	public Long getFulfilledByInteractionId() {
		return this.fulfilledByInteractionId;
	}

	public Boolean getFeedbackHelpful() {
		return this.feedbackHelpful;
	}

	public Integer getFeedbackScore() {
		return this.feedbackScore;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public String getUpdatedBy() {
		return this.updatedBy;
	}

	public long getVersion() {
		return this.version;
	}

}
