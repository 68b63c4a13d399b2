package org.openpharma.crm.interaction;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.openpharma.crm.consent.ConsentPolicy;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.shared.DomainException;

/**
 * One contact with one HCP on one channel by one user of one department. Its author may change it
 * within {@link InteractionRules#EDIT_WINDOW}; after that a correction is a new interaction that
 * points at this one.
 */
@Entity
@Table(name = "interaction")
public class Interaction {

	public static final int CORRECTION_REASON_MAX = 500;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "hcp_id", nullable = false)
	private Long hcpId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Channel channel;

	@Column(name = "occurred_at", nullable = false)
	private Instant occurredAt;

	@Column(name = "duration_minutes")
	private Integer durationMinutes;

	@Column(name = "author", nullable = false)
	private String author;

	@Column(name = "department_code", nullable = false)
	private String departmentCode;

	private String outcome;

	@Column(name = "key_messages")
	private String keyMessages;

	private String notes;

	/** What an outbound contact was for (the consent it needed); null for inbound contacts. */
	@Enumerated(EnumType.STRING)
	@Column(name = "purpose")
	private ConsentPurpose purpose;

	@Column(name = "corrects_id")
	private Long correctsId;

	/** Why a colleague of the author's department corrected the original; null for the author's own corrections. */
	@Column(name = "correction_reason")
	private String correctionReason;

	/**
	 * Set when the contact went ahead without the consent its channel and purpose needed (the reason the
	 * policy gave): a record of what happened is kept, never refused, and shown as a breach.
	 */
	@Enumerated(EnumType.STRING)
	@Column(name = "consent_breach")
	private ConsentPolicy.Reason consentBreach;

	@Column(name = "external_event_id")
	private String externalEventId;

	/**
	 * The medical inquiry this inbound call brought (null for every other contact). Such a call is the inquiry's
	 * shadow on the shared timeline: it holds none of the inquiry's text, and it is neither edited nor corrected
	 * here (the inquiry is the record of what was asked).
	 */
	@Column(name = "inquiry_id")
	private Long inquiryId;

	@Column(name = "recorded_at", nullable = false)
	private Instant recordedAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@ElementCollection
	@CollectionTable(name = "interaction_product", joinColumns = @JoinColumn(name = "interaction_id"))
	@Column(name = "product_id")
	private Set<Long> productIds = new HashSet<>();

	@ElementCollection
	@CollectionTable(name = "interaction_therapeutic_area", joinColumns = @JoinColumn(name = "interaction_id"))
	@Column(name = "therapeutic_area_id")
	private Set<Long> therapeuticAreaIds = new HashSet<>();

	@Version
	private long version;

	protected Interaction() {
	}

	/** Records a contact; the author's department is the author's own, never a submitted value. */
	public static Interaction record(long hcpId, InteractionFacts facts, String author, String departmentCode,
			Long correctsId, String externalEventId, Instant now) {
		Interaction interaction = new Interaction();
		interaction.hcpId = hcpId;
		interaction.author = author;
		interaction.departmentCode = departmentCode;
		interaction.correctsId = correctsId;
		interaction.externalEventId = externalEventId;
		interaction.recordedAt = now;
		interaction.apply(facts, now);
		return interaction;
	}

	/**
	 * The inbound call in which an HCP asked a medical inquiry: channel PHONE_IN at the time the inquiry was taken,
	 * by the user who took it, for the product asked about. No text: the question stays with the inquiry.
	 */
	public static Interaction inquiryCall(long hcpId, long inquiryId, Instant receivedAt, Set<Long> productIds,
			Set<Long> therapeuticAreaIds, String author, String departmentCode, Instant now) {
		Interaction interaction = record(hcpId, new InteractionFacts(Channel.PHONE_IN, receivedAt, null, null, null, null,
				productIds, therapeuticAreaIds), author, departmentCode, null, null, now);
		interaction.inquiryId = inquiryId;
		return interaction;
	}

	/** Changes the interaction; only its author, and only within the edit window. */
	public void edit(InteractionFacts facts, String by, Instant now) {
		if (this.inquiryId != null) {
			throw DomainException.global("interaction.inquiryCall.readOnly");
		}
		if (!this.author.equals(by)) {
			throw DomainException.global("interaction.edit.notAuthor");
		}
		if (!isEditable(now)) {
			throw DomainException.global("interaction.edit.windowClosed");
		}
		apply(facts, now);
	}

	/** Records what the consent policy said about this contact: a refusal becomes a breach flag, never a lost record. */
	public void assessConsent(ConsentPolicy.Decision decision) {
		this.consentBreach = decision.allowed() ? null : decision.reason();
	}

	/**
	 * A correction is a new record that supersedes this one on every screen and dashboard, so only its
	 * author may make it, or a colleague of the author's department who says why.
	 */
	public void checkCorrection(String by, String byDepartment, String reason) {
		if (this.inquiryId != null) {
			throw DomainException.global("interaction.inquiryCall.readOnly");
		}
		if (this.author.equals(by)) {
			return;
		}
		if (!this.departmentCode.equals(byDepartment)) {
			throw DomainException.global("interaction.correction.otherDepartment");
		}
		if (reason == null || reason.isBlank()) {
			throw new DomainException("interaction.correction.reasonRequired", "correctionReason");
		}
		if (reason.strip().length() > CORRECTION_REASON_MAX) {
			throw new DomainException("validation.tooLong", "correctionReason", CORRECTION_REASON_MAX);
		}
	}

	/** Whether {@code by} of {@code byDepartment} may correct this interaction at all (a reason aside). */
	public boolean isCorrectableBy(String by, String byDepartment) {
		return this.inquiryId == null && (this.author.equals(by) || this.departmentCode.equals(byDepartment));
	}

	/** Marks this new record as the correction of {@code originalId}, with the colleague's reason if any. */
	public void correcting(long originalId, String reason) {
		this.correctsId = originalId;
		this.correctionReason = (reason == null || reason.isBlank()) ? null : reason.strip();
	}

	public boolean isEditable(Instant now) {
		return this.inquiryId == null && InteractionRules.withinEditWindow(this.recordedAt, now);
	}

	public boolean isEditableBy(String user, Instant now) {
		return this.author.equals(user) && isEditable(now);
	}

	private void apply(InteractionFacts facts, Instant now) {
		this.channel = facts.channel();
		this.occurredAt = facts.occurredAt();
		this.durationMinutes = facts.durationMinutes();
		this.outcome = facts.outcome();
		this.keyMessages = facts.keyMessages();
		this.notes = facts.notes();
		this.purpose = facts.channel().isPush() ? facts.purpose() : null;
		this.productIds.clear();
		this.productIds.addAll(facts.productIds());
		this.therapeuticAreaIds.clear();
		this.therapeuticAreaIds.addAll(facts.therapeuticAreaIds());
		this.updatedAt = now;
	}

	public Map<String, Object> snapshot() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("hcpId", this.hcpId);
		state.put("channel", this.channel.name());
		state.put("occurredAt", this.occurredAt.toString());
		state.put("durationMinutes", this.durationMinutes);
		state.put("outcome", this.outcome);
		state.put("keyMessages", this.keyMessages);
		state.put("notes", this.notes);
		state.put("purpose", (this.purpose != null) ? this.purpose.name() : null);
		state.put("productIds", new TreeSet<>(this.productIds));
		state.put("therapeuticAreaIds", new TreeSet<>(this.therapeuticAreaIds));
		state.put("correctsId", this.correctsId);
		state.put("correctionReason", this.correctionReason);
		state.put("consentBreach", (this.consentBreach != null) ? this.consentBreach.name() : null);
		if (this.inquiryId != null) {
			state.put("inquiryId", this.inquiryId);
		}
		state.put("version", this.version);
		return state;
	}

	public InteractionFacts facts() {
		return new InteractionFacts(this.channel, this.occurredAt, this.durationMinutes, this.outcome,
				this.keyMessages, this.notes, Set.copyOf(this.productIds), Set.copyOf(this.therapeuticAreaIds),
				this.purpose);
	}

	public ConsentPurpose getPurpose() {
		return this.purpose;
	}

	public Long getId() {
		return this.id;
	}

	public Long getHcpId() {
		return this.hcpId;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public Instant getOccurredAt() {
		return this.occurredAt;
	}

	public Integer getDurationMinutes() {
		return this.durationMinutes;
	}

	public String getAuthor() {
		return this.author;
	}

	public String getDepartmentCode() {
		return this.departmentCode;
	}

	public String getOutcome() {
		return this.outcome;
	}

	public String getKeyMessages() {
		return this.keyMessages;
	}

	public String getNotes() {
		return this.notes;
	}

	public Long getCorrectsId() {
		return this.correctsId;
	}

	public String getCorrectionReason() {
		return this.correctionReason;
	}

	/** The consent policy's refusal this contact went ahead despite; null when it was allowed. */
	public ConsentPolicy.Reason getConsentBreach() {
		return this.consentBreach;
	}

	/** The medical inquiry this inbound call brought; null for every other contact. */
	public Long getInquiryId() {
		return this.inquiryId;
	}

	public String getExternalEventId() {
		return this.externalEventId;
	}

	public Instant getRecordedAt() {
		return this.recordedAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public Set<Long> getProductIds() {
		return Set.copyOf(this.productIds);
	}

	public Set<Long> getTherapeuticAreaIds() {
		return Set.copyOf(this.therapeuticAreaIds);
	}

	public long getVersion() {
		return this.version;
	}

}
