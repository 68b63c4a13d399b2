package org.openpharma.crm.interaction.web;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.stage.AdoptionStage;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The "log interaction" form: the contact plus any number of needs, stage changes and patient counts.
 * A mutable bean because its rows grow while the user types; rows left blank are ignored.
 */
public class InteractionForm {

	private Long hcpId;

	private Channel channel = Channel.VISIT;

	/** Why a colleague of the author's department corrects the record (corrections only). */
	@Size(max = 500)
	private String correctionReason;

	@DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm")
	private LocalDateTime occurredAt;

	private Integer durationMinutes;

	private List<Long> productIds = new ArrayList<>();

	private List<Long> therapeuticAreaIds = new ArrayList<>();

	@Size(max = 200)
	private String outcome;

	@Size(max = 4000)
	private String keyMessages;

	@Size(max = 4000)
	private String notes;

	@Valid
	private List<NeedRow> needs = new ArrayList<>();

	@Valid
	private List<StageRow> stages = new ArrayList<>();

	private Long policyAreaId;

	@Size(max = 2000)
	private String policyNote;

	@Valid
	private List<CountRow> patientCounts = new ArrayList<>();

	private Long version;

	InteractionFacts toFacts() {
		return new InteractionFacts(this.channel,
				(this.occurredAt != null) ? this.occurredAt.atZone(Japan.ZONE).toInstant() : null, this.durationMinutes,
				this.outcome, this.keyMessages, this.notes, new HashSet<>(nonNull(this.productIds)),
				new HashSet<>(nonNull(this.therapeuticAreaIds)));
	}

	private static List<Long> nonNull(List<Long> ids) {
		return (ids != null) ? ids.stream().filter(java.util.Objects::nonNull).toList() : List.of();
	}

	/** One information need row. */
	public static class NeedRow {

		@Size(max = 200)
		private String topic;

		private NeedCategory category;

		private Long therapeuticAreaId;

		private Long productId;

		private Urgency urgency = Urgency.NORMAL;

		@Size(max = 2000)
		private String details;

		boolean isBlank() {
			return (this.topic == null || this.topic.isBlank()) && (this.details == null || this.details.isBlank());
		}

		public String getTopic() {
			return this.topic;
		}

		public void setTopic(String topic) {
			this.topic = topic;
		}

		public NeedCategory getCategory() {
			return this.category;
		}

		public void setCategory(NeedCategory category) {
			this.category = category;
		}

		public Long getTherapeuticAreaId() {
			return this.therapeuticAreaId;
		}

		public void setTherapeuticAreaId(Long therapeuticAreaId) {
			this.therapeuticAreaId = therapeuticAreaId;
		}

		public Long getProductId() {
			return this.productId;
		}

		public void setProductId(Long productId) {
			this.productId = productId;
		}

		public Urgency getUrgency() {
			return this.urgency;
		}

		public void setUrgency(Urgency urgency) {
			this.urgency = urgency;
		}

		public String getDetails() {
			return this.details;
		}

		public void setDetails(String details) {
			this.details = details;
		}

	}

	/** One adoption stage row. */
	public static class StageRow {

		private Long therapeuticAreaId;

		private AdoptionStage stage;

		@Size(max = 500)
		private String reason;

		boolean isBlank() {
			return this.stage == null && this.therapeuticAreaId == null;
		}

		public Long getTherapeuticAreaId() {
			return this.therapeuticAreaId;
		}

		public void setTherapeuticAreaId(Long therapeuticAreaId) {
			this.therapeuticAreaId = therapeuticAreaId;
		}

		public AdoptionStage getStage() {
			return this.stage;
		}

		public void setStage(AdoptionStage stage) {
			this.stage = stage;
		}

		public String getReason() {
			return this.reason;
		}

		public void setReason(String reason) {
			this.reason = reason;
		}

	}

	/** One patient count row: numbers only. */
	public static class CountRow {

		private Long therapeuticAreaId;

		private Long productId;

		@DateTimeFormat(pattern = "yyyy-MM")
		private YearMonth period;

		private Integer eligiblePatients;

		private Integer treatedPatients;

		boolean isBlank() {
			return this.eligiblePatients == null && this.treatedPatients == null;
		}

		public Long getTherapeuticAreaId() {
			return this.therapeuticAreaId;
		}

		public void setTherapeuticAreaId(Long therapeuticAreaId) {
			this.therapeuticAreaId = therapeuticAreaId;
		}

		public Long getProductId() {
			return this.productId;
		}

		public void setProductId(Long productId) {
			this.productId = productId;
		}

		public YearMonth getPeriod() {
			return this.period;
		}

		public void setPeriod(YearMonth period) {
			this.period = period;
		}

		public Integer getEligiblePatients() {
			return this.eligiblePatients;
		}

		public void setEligiblePatients(Integer eligiblePatients) {
			this.eligiblePatients = eligiblePatients;
		}

		public Integer getTreatedPatients() {
			return this.treatedPatients;
		}

		public void setTreatedPatients(Integer treatedPatients) {
			this.treatedPatients = treatedPatients;
		}

	}

	public Long getHcpId() {
		return this.hcpId;
	}

	public void setHcpId(Long hcpId) {
		this.hcpId = hcpId;
	}

	public String getCorrectionReason() {
		return this.correctionReason;
	}

	public void setCorrectionReason(String correctionReason) {
		this.correctionReason = correctionReason;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public void setChannel(Channel channel) {
		this.channel = channel;
	}

	public LocalDateTime getOccurredAt() {
		return this.occurredAt;
	}

	public void setOccurredAt(LocalDateTime occurredAt) {
		this.occurredAt = occurredAt;
	}

	public Integer getDurationMinutes() {
		return this.durationMinutes;
	}

	public void setDurationMinutes(Integer durationMinutes) {
		this.durationMinutes = durationMinutes;
	}

	public List<Long> getProductIds() {
		return this.productIds;
	}

	public void setProductIds(List<Long> productIds) {
		this.productIds = productIds;
	}

	public List<Long> getTherapeuticAreaIds() {
		return this.therapeuticAreaIds;
	}

	public void setTherapeuticAreaIds(List<Long> therapeuticAreaIds) {
		this.therapeuticAreaIds = therapeuticAreaIds;
	}

	public String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

	public String getKeyMessages() {
		return this.keyMessages;
	}

	public void setKeyMessages(String keyMessages) {
		this.keyMessages = keyMessages;
	}

	public String getNotes() {
		return this.notes;
	}

	public void setNotes(String notes) {
		this.notes = notes;
	}

	public List<NeedRow> getNeeds() {
		return this.needs;
	}

	public void setNeeds(List<NeedRow> needs) {
		this.needs = needs;
	}

	public List<StageRow> getStages() {
		return this.stages;
	}

	public void setStages(List<StageRow> stages) {
		this.stages = stages;
	}

	public Long getPolicyAreaId() {
		return this.policyAreaId;
	}

	public void setPolicyAreaId(Long policyAreaId) {
		this.policyAreaId = policyAreaId;
	}

	public String getPolicyNote() {
		return this.policyNote;
	}

	public void setPolicyNote(String policyNote) {
		this.policyNote = policyNote;
	}

	public List<CountRow> getPatientCounts() {
		return this.patientCounts;
	}

	public void setPatientCounts(List<CountRow> patientCounts) {
		this.patientCounts = patientCounts;
	}

	public Long getVersion() {
		return this.version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
