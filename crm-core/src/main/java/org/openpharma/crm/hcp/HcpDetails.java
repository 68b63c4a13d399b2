package org.openpharma.crm.hcp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.JapaneseText;
import org.openpharma.crm.shared.PhoneNumber;

/**
 * The editable facts of an HCP, as typed by a user or read from an import row. {@link #violations()}
 * holds every rule about them that needs no database; the form and the CSV import both use it.
 */
public record HcpDetails(String nameKanji, String nameKana, String nameRomaji, String registryNumber,
		String specialtyCode, String email, String phone, Long primaryHcoId) {

	public static final int NAME_MAX = 100;

	private static final Pattern REGISTRY = Pattern.compile("^[0-9A-Z-]{1,20}$");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

	/** Trims, normalises widths and scripts (kana reading as katakana), and turns blanks into nulls. */
	public HcpDetails normalized() {
		return new HcpDetails(JapaneseText.normalize(this.nameKanji), JapaneseText.toKatakana(this.nameKana),
				blankToNull(JapaneseText.normalize(this.nameRomaji)),
				blankToNull(JapaneseText.normalize(this.registryNumber).toUpperCase(java.util.Locale.ROOT)),
				blankToNull(this.specialtyCode), blankToNull(JapaneseText.normalize(this.email)),
				blankToNull(PhoneNumber.normalize(this.phone)), this.primaryHcoId);
	}

	/** Rules about the (normalised) values themselves. */
	public List<FieldViolation> violations() {
		List<FieldViolation> violations = new ArrayList<>();
		if (isBlank(this.nameKanji)) {
			violations.add(new FieldViolation("nameKanji", "hcp.nameKanji.required"));
		}
		else if (this.nameKanji.length() > NAME_MAX) {
			violations.add(new FieldViolation("nameKanji", "validation.tooLong", NAME_MAX));
		}
		else if (!JapaneseText.isKanjiName(this.nameKanji)) {
			violations.add(new FieldViolation("nameKanji", "hcp.nameKanji.script"));
		}
		if (isBlank(this.nameKana)) {
			violations.add(new FieldViolation("nameKana", "hcp.nameKana.required"));
		}
		else if (this.nameKana.length() > NAME_MAX) {
			violations.add(new FieldViolation("nameKana", "validation.tooLong", NAME_MAX));
		}
		else if (!JapaneseText.isKana(this.nameKana)) {
			violations.add(new FieldViolation("nameKana", "hcp.nameKana.script"));
		}
		if (!isBlank(this.nameRomaji)) {
			if (this.nameRomaji.length() > NAME_MAX) {
				violations.add(new FieldViolation("nameRomaji", "validation.tooLong", NAME_MAX));
			}
			else if (!JapaneseText.isRomaji(this.nameRomaji)) {
				violations.add(new FieldViolation("nameRomaji", "hcp.nameRomaji.script"));
			}
		}
		if (!isBlank(this.registryNumber) && !REGISTRY.matcher(this.registryNumber).matches()) {
			violations.add(new FieldViolation("registryNumber", "hcp.registryNumber.format"));
		}
		if (!isBlank(this.email) && (this.email.length() > 200 || !EMAIL.matcher(this.email).matches())) {
			violations.add(new FieldViolation("email", "validation.email"));
		}
		if (!isBlank(this.phone) && !PhoneNumber.STORED.matcher(this.phone).matches()) {
			violations.add(new FieldViolation("phone", "validation.phone"));
		}
		return violations;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static String blankToNull(String value) {
		return isBlank(value) ? null : value;
	}

}
