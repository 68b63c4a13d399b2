package org.openpharma.crm.hcp;

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
 * A healthcare professional: the one record every department works on. Other aggregates refer to it
 * by id.
 */
@Entity
@Table(name = "hcp")
public class Hcp {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "registry_number")
	private String registryNumber;

	@Column(name = "name_kanji", nullable = false)
	private String nameKanji;

	@Column(name = "name_kana", nullable = false)
	private String nameKana;

	@Column(name = "name_romaji")
	private String nameRomaji;

	@Column(name = "specialty_code")
	private String specialtyCode;

	private String email;

	private String phone;

	@Column(name = "primary_hco_id")
	private Long primaryHcoId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private HcpStatus status = HcpStatus.ACTIVE;

	@Column(name = "merged_into_id")
	private Long mergedIntoId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "updated_by")
	private String updatedBy;

	@Version
	private long version;

	protected Hcp() {
	}

	/** A new HCP from validated, normalised details. */
	public static Hcp register(HcpDetails details, String by, Instant now) {
		Hcp hcp = new Hcp();
		hcp.createdAt = now;
		hcp.apply(details, by, now);
		return hcp;
	}

	public void update(HcpDetails details, String by, Instant now) {
		if (this.status == HcpStatus.MERGED) {
			throw DomainException.global("hcp.merged.readOnly");
		}
		apply(details, by, now);
	}

	private void apply(HcpDetails details, String by, Instant now) {
		this.nameKanji = details.nameKanji();
		this.nameKana = details.nameKana();
		this.nameRomaji = details.nameRomaji();
		this.registryNumber = details.registryNumber();
		this.specialtyCode = details.specialtyCode();
		this.email = details.email();
		this.phone = details.phone();
		this.primaryHcoId = details.primaryHcoId();
		this.updatedBy = by;
		this.updatedAt = now;
	}

	public void deactivate(String by, Instant now) {
		if (this.status == HcpStatus.MERGED) {
			throw DomainException.global("hcp.merged.readOnly");
		}
		this.status = HcpStatus.INACTIVE;
		this.updatedBy = by;
		this.updatedAt = now;
	}

	/**
	 * Folds this (duplicate) record into {@code survivor}: this one becomes MERGED and points at the
	 * survivor; the survivor takes over facts it lacks (registry number, contact points, affiliation).
	 */
	public void mergeInto(Hcp survivor, String by, Instant now) {
		if (survivor == this || (this.id != null && this.id.equals(survivor.id))) {
			throw new DomainException("hcp.merge.same", "duplicateId");
		}
		if (this.status == HcpStatus.MERGED) {
			throw new DomainException("hcp.merge.alreadyMerged", "duplicateId");
		}
		if (survivor.status == HcpStatus.MERGED) {
			throw new DomainException("hcp.merge.survivorMerged", "survivorId");
		}
		if (survivor.registryNumber == null) {
			survivor.registryNumber = this.registryNumber;
		}
		if (survivor.email == null) {
			survivor.email = this.email;
		}
		if (survivor.phone == null) {
			survivor.phone = this.phone;
		}
		if (survivor.primaryHcoId == null) {
			survivor.primaryHcoId = this.primaryHcoId;
		}
		if (survivor.specialtyCode == null) {
			survivor.specialtyCode = this.specialtyCode;
		}
		if (survivor.nameRomaji == null) {
			survivor.nameRomaji = this.nameRomaji;
		}
		survivor.updatedBy = by;
		survivor.updatedAt = now;
		// The registry number is unique: only one record may hold it.
		if (this.registryNumber != null && this.registryNumber.equals(survivor.registryNumber)) {
			this.registryNumber = null;
		}
		this.status = HcpStatus.MERGED;
		this.mergedIntoId = survivor.id;
		this.updatedBy = by;
		this.updatedAt = now;
	}

	/** The audited state: every business field, none of the bookkeeping. */
	public Map<String, Object> snapshot() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("nameKanji", this.nameKanji);
		state.put("nameKana", this.nameKana);
		state.put("nameRomaji", this.nameRomaji);
		state.put("registryNumber", this.registryNumber);
		state.put("specialtyCode", this.specialtyCode);
		state.put("email", this.email);
		state.put("phone", this.phone);
		state.put("primaryHcoId", this.primaryHcoId);
		state.put("status", this.status.name());
		state.put("mergedIntoId", this.mergedIntoId);
		state.put("version", this.version);
		return state;
	}

	public HcpDetails details() {
		return new HcpDetails(this.nameKanji, this.nameKana, this.nameRomaji, this.registryNumber,
				this.specialtyCode, this.email, this.phone, this.primaryHcoId);
	}

	public Long getId() {
		return this.id;
	}

	public String getRegistryNumber() {
		return this.registryNumber;
	}

	public String getNameKanji() {
		return this.nameKanji;
	}

	public String getNameKana() {
		return this.nameKana;
	}

	public String getNameRomaji() {
		return this.nameRomaji;
	}

	public String getSpecialtyCode() {
		return this.specialtyCode;
	}

	public String getEmail() {
		return this.email;
	}

	public String getPhone() {
		return this.phone;
	}

	public Long getPrimaryHcoId() {
		return this.primaryHcoId;
	}

	public HcpStatus getStatus() {
		return this.status;
	}

	public Long getMergedIntoId() {
		return this.mergedIntoId;
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
