package org.openpharma.crm.hco;

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

/** A healthcare organisation: hospital, clinic or pharmacy. */
@Entity
@Table(name = "hco")
public class Hco {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "institution_code")
	private String institutionCode;

	@Column(nullable = false)
	private String name;

	@Column(name = "name_kana", nullable = false)
	private String nameKana;

	@Enumerated(EnumType.STRING)
	@Column(name = "hco_type", nullable = false)
	private HcoType type;

	@Column(name = "prefecture_code", nullable = false)
	private Short prefectureCode;

	@Column(name = "postal_code")
	private String postalCode;

	private String address;

	private String phone;

	@Column(name = "bed_count")
	private Integer bedCount;

	@Column(name = "parent_id")
	private Long parentId;

	@Column(nullable = false)
	private String status = "ACTIVE";

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	protected Hco() {
	}

	public static Hco register(HcoDetails details, Instant now) {
		Hco hco = new Hco();
		hco.createdAt = now;
		hco.apply(details, now);
		return hco;
	}

	public void update(HcoDetails details, Instant now) {
		apply(details, now);
	}

	private void apply(HcoDetails details, Instant now) {
		this.institutionCode = details.institutionCode();
		this.name = details.name();
		this.nameKana = details.nameKana();
		this.type = details.type();
		this.prefectureCode = details.prefectureCode().shortValue();
		this.postalCode = details.postalCode();
		this.address = details.address();
		this.phone = details.phone();
		this.bedCount = details.bedCount();
		this.updatedAt = now;
	}

	public Map<String, Object> snapshot() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("institutionCode", this.institutionCode);
		state.put("name", this.name);
		state.put("nameKana", this.nameKana);
		state.put("type", this.type.name());
		state.put("prefectureCode", this.prefectureCode);
		state.put("postalCode", this.postalCode);
		state.put("address", this.address);
		state.put("phone", this.phone);
		state.put("bedCount", this.bedCount);
		state.put("version", this.version);
		return state;
	}

	public Long getId() {
		return this.id;
	}

	public String getInstitutionCode() {
		return this.institutionCode;
	}

	public String getName() {
		return this.name;
	}

	public String getNameKana() {
		return this.nameKana;
	}

	public HcoType getType() {
		return this.type;
	}

	public Short getPrefectureCode() {
		return this.prefectureCode;
	}

	public String getPostalCode() {
		return this.postalCode;
	}

	public String getAddress() {
		return this.address;
	}

	public String getPhone() {
		return this.phone;
	}

	public Integer getBedCount() {
		return this.bedCount;
	}

	public Long getParentId() {
		return this.parentId;
	}

	public String getStatus() {
		return this.status;
	}

	public long getVersion() {
		return this.version;
	}

}
