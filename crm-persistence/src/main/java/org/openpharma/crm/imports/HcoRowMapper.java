package org.openpharma.crm.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.openpharma.crm.hco.Hco;
import org.openpharma.crm.hco.HcoDetails;
import org.openpharma.crm.hco.HcoType;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.JapaneseText;

/**
 * Maps an HCO row (institution_code, name, name_kana, type, prefecture, postal_code, address, phone,
 * bed_count) to {@link HcoDetails}. The rules are {@link HcoDetails#violations()}; this adds the file
 * format: type and prefecture by code or Japanese name, numbers as text, a required institution code.
 */
final class HcoRowMapper {

	static final Map<String, String> HEADER_OF_FIELD = Map.of("institutionCode", "institution_code", "name", "name",
			"nameKana", "name_kana", "type", "type", "prefectureCode", "prefecture", "postalCode", "postal_code",
			"address", "address", "phone", "phone", "bedCount", "bed_count");

	private static final Map<String, HcoType> JAPANESE_TYPES = Map.of("病院", HcoType.HOSPITAL, "診療所",
			HcoType.CLINIC, "クリニック", HcoType.CLINIC, "薬局", HcoType.PHARMACY);

	private final Function<String, Integer> prefectureCodes;

	/** @param prefectureCodes prefecture code for a name (東京都, Tokyo) or a code 1–47; null if unknown */
	HcoRowMapper(Function<String, Integer> prefectureCodes) {
		this.prefectureCodes = prefectureCodes;
	}

	MappedRow<HcoDetails> map(ImportRow row) {
		ImportRowError columns = MappedRow.columnCountError(row);
		if (columns != null) {
			return new MappedRow<>(null, List.of(columns));
		}
		List<ImportRowError> errors = new ArrayList<>();
		if (row.isBlank("institution_code")) {
			// The key of idempotent re-import: a row without it would create a new record every time.
			errors.add(ImportRowError.of(row, "institution_code", "import.hco.institutionCode.required"));
		}
		HcoType type = null;
		if (!row.isBlank("type")) {
			type = type(row.get("type"));
			if (type == null) {
				errors.add(ImportRowError.of(row, "type", "import.hco.type.unknown"));
			}
		}
		Integer prefecture = null;
		if (!row.isBlank("prefecture")) {
			prefecture = this.prefectureCodes.apply(JapaneseText.normalize(row.get("prefecture")));
			if (prefecture == null) {
				errors.add(ImportRowError.of(row, "prefecture", "import.hco.prefecture.unknown"));
			}
		}
		Integer beds = null;
		if (!row.isBlank("bed_count")) {
			try {
				beds = Integer.valueOf(JapaneseText.normalize(row.get("bed_count")).replace(",", ""));
			}
			catch (NumberFormatException ex) {
				errors.add(ImportRowError.of(row, "bed_count", "import.hco.bedCount.number"));
			}
		}
		HcoDetails details = new HcoDetails(row.get("institution_code"), row.get("name"), row.get("name_kana"), type,
				prefecture, row.get("postal_code"), row.get("address"), row.get("phone"), beds)
			.normalized();
		errors.addAll(violations(row, details.violations(), errors));
		return new MappedRow<>(details, errors);
	}

	/** Optional columns the file does not have keep the stored value; present but blank clears it. */
	static HcoDetails keepAbsent(HcoDetails incoming, HcoDetails stored, ImportRow row) {
		return new HcoDetails(incoming.institutionCode(), incoming.name(), incoming.nameKana(), incoming.type(),
				incoming.prefectureCode(), row.has("postal_code") ? incoming.postalCode() : stored.postalCode(),
				row.has("address") ? incoming.address() : stored.address(),
				row.has("phone") ? incoming.phone() : stored.phone(),
				row.has("bed_count") ? incoming.bedCount() : stored.bedCount());
	}

	/** The stored HCO as details, to tell an unchanged row from a change. */
	static HcoDetails stored(Hco hco) {
		return new HcoDetails(hco.getInstitutionCode(), hco.getName(), hco.getNameKana(), hco.getType(),
				(hco.getPrefectureCode() != null) ? hco.getPrefectureCode().intValue() : null, hco.getPostalCode(),
				hco.getAddress(), hco.getPhone(), hco.getBedCount());
	}

	static HcoType type(String raw) {
		String value = JapaneseText.normalize(raw);
		HcoType japanese = JAPANESE_TYPES.get(value);
		if (japanese != null) {
			return japanese;
		}
		try {
			return HcoType.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static List<ImportRowError> violations(ImportRow row, List<FieldViolation> violations,
			List<ImportRowError> already) {
		List<ImportRowError> errors = new ArrayList<>();
		for (FieldViolation violation : violations) {
			String header = HEADER_OF_FIELD.get(violation.field());
			boolean reported = already.stream().anyMatch(e -> java.util.Objects.equals(e.field(), header))
					|| errors.stream().anyMatch(e -> java.util.Objects.equals(e.field(), header));
			if (!reported) {
				errors.add(ImportRowError.of(row, header, violation.code(), violation.arguments()));
			}
		}
		return errors;
	}

}
