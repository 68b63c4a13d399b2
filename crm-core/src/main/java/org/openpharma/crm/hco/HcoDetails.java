package org.openpharma.crm.hco;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.JapaneseText;
import org.openpharma.crm.shared.PhoneNumber;

/** The editable facts of an HCO, with the rules that need no database. */
public record HcoDetails(String institutionCode, String name, String nameKana, HcoType type,
		Integer prefectureCode, String postalCode, String address, String phone, Integer bedCount) {

	private static final Pattern CODE = Pattern.compile("^[0-9A-Z-]{1,20}$");

	private static final Pattern POSTAL = Pattern.compile("^[0-9]{3}-?[0-9]{4}$");

	public HcoDetails normalized() {
		return new HcoDetails(blankToNull(JapaneseText.normalize(this.institutionCode).toUpperCase(Locale.ROOT)),
				JapaneseText.normalize(this.name), JapaneseText.toKatakana(this.nameKana), this.type,
				this.prefectureCode, blankToNull(JapaneseText.normalize(this.postalCode)),
				blankToNull(JapaneseText.normalize(this.address)), blankToNull(PhoneNumber.normalize(this.phone)),
				this.bedCount);
	}

	public List<FieldViolation> violations() {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.institutionCode != null && !CODE.matcher(this.institutionCode).matches()) {
			violations.add(new FieldViolation("institutionCode", "hco.institutionCode.format"));
		}
		if (this.name == null || this.name.isBlank()) {
			violations.add(new FieldViolation("name", "hco.name.required"));
		}
		else if (this.name.length() > 200) {
			violations.add(new FieldViolation("name", "validation.tooLong", 200));
		}
		if (this.nameKana == null || this.nameKana.isBlank()) {
			violations.add(new FieldViolation("nameKana", "hco.nameKana.required"));
		}
		else if (this.nameKana.length() > 200) {
			violations.add(new FieldViolation("nameKana", "validation.tooLong", 200));
		}
		else if (!JapaneseText.isKana(this.nameKana)) {
			violations.add(new FieldViolation("nameKana", "hco.nameKana.script"));
		}
		if (this.type == null) {
			violations.add(new FieldViolation("type", "hco.type.required"));
		}
		if (this.prefectureCode == null || this.prefectureCode < 1 || this.prefectureCode > 47) {
			violations.add(new FieldViolation("prefectureCode", "hco.prefecture.required"));
		}
		if (this.postalCode != null && !POSTAL.matcher(this.postalCode).matches()) {
			violations.add(new FieldViolation("postalCode", "hco.postalCode.format"));
		}
		if (this.address != null && this.address.length() > 300) {
			violations.add(new FieldViolation("address", "validation.tooLong", 300));
		}
		if (this.phone != null && (this.phone.length() > 20 || !PhoneNumber.STORED.matcher(this.phone).matches())) {
			violations.add(new FieldViolation("phone", "validation.phone"));
		}
		if (this.bedCount != null && (this.bedCount < 0 || this.bedCount > 5000)) {
			violations.add(new FieldViolation("bedCount", "hco.bedCount.range"));
		}
		return violations;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
