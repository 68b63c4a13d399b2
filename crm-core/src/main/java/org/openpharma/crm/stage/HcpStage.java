package org.openpharma.crm.stage;

import java.time.Instant;

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
 * The current adoption stage of one HCP in one therapeutic area. Each change also appends a
 * {@link StageChange} (the history is never edited).
 */
@Entity
@Table(name = "hcp_stage")
public class HcpStage {

	public static final int REASON_MAX = 500;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "hcp_id", nullable = false)
	private Long hcpId;

	@Column(name = "therapeutic_area_id", nullable = false)
	private Long therapeuticAreaId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private AdoptionStage stage;

	@Column(name = "changed_at", nullable = false)
	private Instant changedAt;

	@Column(name = "changed_by", nullable = false)
	private String changedBy;

	@Version
	private long version;

	protected HcpStage() {
	}

	public static HcpStage first(long hcpId, long therapeuticAreaId, AdoptionStage stage, String by, Instant now) {
		HcpStage current = new HcpStage();
		current.hcpId = hcpId;
		current.therapeuticAreaId = therapeuticAreaId;
		current.stage = stage;
		current.changedBy = by;
		current.changedAt = now;
		return current;
	}

	/** Moves to a new stage (forwards or back); returns the stage it left. */
	public AdoptionStage moveTo(AdoptionStage target, String by, Instant now) {
		if (target == null) {
			throw new DomainException("stage.required", "stage");
		}
		if (target == this.stage) {
			throw new DomainException("stage.unchanged", "stage");
		}
		AdoptionStage previous = this.stage;
		this.stage = target;
		this.changedBy = by;
		this.changedAt = now;
		return previous;
	}

	public Long getId() {
		return this.id;
	}

	public Long getHcpId() {
		return this.hcpId;
	}

	public Long getTherapeuticAreaId() {
		return this.therapeuticAreaId;
	}

	public AdoptionStage getStage() {
		return this.stage;
	}

	public Instant getChangedAt() {
		return this.changedAt;
	}

	public String getChangedBy() {
		return this.changedBy;
	}

	public long getVersion() {
		return this.version;
	}

}
