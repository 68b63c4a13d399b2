package org.openpharma.crm.dashboard.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import org.openpharma.crm.dashboard.TargetDraft;
import org.openpharma.crm.shared.ValidationException;

/** One treated-patient target as typed; {@code version} is the one the manager saw (empty for a new target). */
public class TargetForm {

	private Long therapeuticAreaId;

	private Long productId;

	private String regionCode;

	private String period;

	private Integer treatedTarget;

	private Long version;

	TargetDraft toDraft() {
		YearMonth month = null;
		if (this.period != null && !this.period.isBlank()) {
			try {
				month = YearMonth.parse(this.period.strip());
			}
			catch (DateTimeParseException ex) {
				throw ValidationException.of("period", "dashboard.period.invalid");
			}
		}
		return new TargetDraft(this.therapeuticAreaId, this.productId,
				(this.regionCode == null || this.regionCode.isBlank()) ? null : this.regionCode.strip(), month,
				this.treatedTarget);
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

	public String getRegionCode() {
		return this.regionCode;
	}

	public void setRegionCode(String regionCode) {
		this.regionCode = regionCode;
	}

	public String getPeriod() {
		return this.period;
	}

	public void setPeriod(String period) {
		this.period = period;
	}

	public Integer getTreatedTarget() {
		return this.treatedTarget;
	}

	public void setTreatedTarget(Integer treatedTarget) {
		this.treatedTarget = treatedTarget;
	}

	public Long getVersion() {
		return this.version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
