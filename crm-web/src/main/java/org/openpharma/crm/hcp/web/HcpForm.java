package org.openpharma.crm.hcp.web;

import jakarta.validation.constraints.Size;

import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;

/**
 * The HCP create/edit form. Carries the version the user loaded so that a concurrent change is
 * detected. Sizes are checked here; the script and format rules live in {@link HcpDetails}.
 */
public record HcpForm(@Size(max = 100) String nameKanji, @Size(max = 100) String nameKana,
		@Size(max = 100) String nameRomaji, @Size(max = 20) String registryNumber, @Size(max = 40) String specialtyCode,
		@Size(max = 200) String email, @Size(max = 20) String phone, Long primaryHcoId, Long version) {

	static HcpForm empty() {
		return new HcpForm("", "", "", "", "", "", "", null, null);
	}

	static HcpForm of(Hcp hcp) {
		return new HcpForm(hcp.getNameKanji(), hcp.getNameKana(), nullToEmpty(hcp.getNameRomaji()),
				nullToEmpty(hcp.getRegistryNumber()), nullToEmpty(hcp.getSpecialtyCode()), nullToEmpty(hcp.getEmail()),
				nullToEmpty(hcp.getPhone()), hcp.getPrimaryHcoId(), hcp.getVersion());
	}

	HcpDetails toDetails() {
		return new HcpDetails(this.nameKanji, this.nameKana, this.nameRomaji, this.registryNumber, this.specialtyCode,
				this.email, this.phone, this.primaryHcoId);
	}

	HcpForm withVersion(long newVersion) {
		return new HcpForm(this.nameKanji, this.nameKana, this.nameRomaji, this.registryNumber, this.specialtyCode,
				this.email, this.phone, this.primaryHcoId, newVersion);
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}
