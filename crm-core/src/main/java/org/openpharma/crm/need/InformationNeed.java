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

	/** What the HCP said when the answer reached them (characters). */
	public static final int COMMENT_MAX = 1000;

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

	@Column(name = "feedback_comment")
	private String feedbackComment;

	@Column(name = "answered_by_inquiry_id")
	private Long answeredByInquiryId;

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

	/**
	 * Records how the need was met: free text and, when it was met in a logged contact or answered by a medical
	 * inquiry, that interaction and that inquiry (either may be null; each must be about this need's HCP).
	 */
	public void fulfil(String howMet, LinkedRecord interaction, LinkedRecord inquiry, String by, Instant now) {
		if (howMet == null || howMet.isBlank()) {
			throw new DomainException("need.fulfilment.required", "fulfilment");
		}
		if (howMet.strip().length() > TEXT_MAX) {
			throw new DomainException("need.fulfilment.tooLong", "fulfilment", TEXT_MAX);
		}
		requireSameHcp(interaction, "need.fulfilledBy.otherHcp", "interactionId");
		requireSameHcp(inquiry, "need.inquiry.otherHcp", "inquiryId");
		move(NeedStatus.FULFILLED);
		this.fulfilment = howMet.strip();
		this.fulfilledByInteractionId = (interaction != null) ? interaction.id() : null;
		if (inquiry != null) {
			// Without one, a link made before (linkInquiry) stays.
			this.answeredByInquiryId = inquiry.id();
		}
		touch(by, now);
	}

	/**
	 * The HCP confirmed the answer: whether it helped, a score (1–5) and, if they said something about it, what they
	 * said (optional, at most {@link #COMMENT_MAX} characters).
	 */
	public void confirm(boolean helpful, int score, String comment, String by, Instant now) {
		if (score < 1 || score > 5) {
			throw new DomainException("need.feedback.score", "feedbackScore");
		}
		String said = (comment != null && !comment.isBlank()) ? comment.strip() : null;
		if (said != null && said.length() > COMMENT_MAX) {
			throw new DomainException("need.feedback.comment.tooLong", "feedbackComment", COMMENT_MAX);
		}
		move(NeedStatus.CONFIRMED_BY_HCP);
		this.feedbackHelpful = helpful;
		this.feedbackScore = score;
		this.feedbackComment = said;
		touch(by, now);
	}

	/**
	 * Links the medical inquiry that answered the need, or removes the link ({@code inquiry} null). Any time but
	 * after the need was closed unmet: an inquiry cannot have answered a need nobody met.
	 */
	public void linkInquiry(LinkedRecord inquiry, String by, Instant now) {
		if (this.status == NeedStatus.CLOSED_UNMET) {
			throw new DomainException("need.inquiry.closedUnmet", "inquiryId");
		}
		requireSameHcp(inquiry, "need.inquiry.otherHcp", "inquiryId");
		this.answeredByInquiryId = (inquiry != null) ? inquiry.id() : null;
		touch(by, now);
	}

	private void requireSameHcp(LinkedRecord record, String code, String field) {
		if (record != null && !this.hcpId.equals(record.hcpId())) {
			throw new DomainException(code, field);
		}
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
		state.put("feedbackComment", this.feedbackComment);
		state.put("answeredByInquiryId", this.answeredByInquiryId);
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

	public String getFeedbackComment() {
		return this.feedbackComment;
	}

	public Long getAnsweredByInquiryId() {
		return this.answeredByInquiryId;
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
