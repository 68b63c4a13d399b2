package org.openpharma.crm.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.JapaneseText;

/**
 * Maps an HCP row (registry_number, name_kanji, name_kana, name_romaji, specialty, institution_code,
 * email, phone) to {@link HcpDetails}, reporting every problem of the row with its CSV column. The HCP
 * rules themselves are {@link HcpDetails#violations()}; this adds only what the file format needs
 * (specialty by name, institution by code).
 */
final class HcpRowMapper {

	/** CSV column of each {@link HcpDetails} field, so domain violations point at the admin's column. */
	static final Map<String, String> HEADER_OF_FIELD = Map.of("registryNumber", "registry_number", "nameKanji",
			"name_kanji", "nameKana", "name_kana", "nameRomaji", "name_romaji", "specialtyCode", "specialty",
			"primaryHcoId", "institution_code", "email", "email", "phone", "phone");

	private final Function<String, String> specialtyCodes;

	private final Function<String, Long> hcoIds;

	/**
	 * @param specialtyCodes specialty code for a code or name as written in the file, null if unknown
	 * @param hcoIds HCO id for a normalised institution code, null if there is none
	 */
	HcpRowMapper(Function<String, String> specialtyCodes, Function<String, Long> hcoIds) {
		this.specialtyCodes = specialtyCodes;
		this.hcoIds = hcoIds;
	}

	MappedRow<HcpDetails> map(ImportRow row) {
		ImportRowError columns = MappedRow.columnCountError(row);
		if (columns != null) {
			return new MappedRow<>(null, List.of(columns));
		}
		List<ImportRowError> errors = new ArrayList<>();
		String specialty = null;
		if (!row.isBlank("specialty")) {
			specialty = this.specialtyCodes.apply(row.get("specialty"));
			if (specialty == null) {
				errors.add(ImportRowError.of(row, "specialty", "import.hcp.specialty.unknown"));
			}
		}
		Long hcoId = null;
		if (!row.isBlank("institution_code")) {
			hcoId = this.hcoIds.apply(institutionCode(row.get("institution_code")));
			if (hcoId == null) {
				errors.add(ImportRowError.of(row, "institution_code", "import.hcp.institutionCode.unknown"));
			}
		}
		HcpDetails details = new HcpDetails(row.get("name_kanji"), row.get("name_kana"), row.get("name_romaji"),
				row.get("registry_number"), specialty, row.get("email"), row.get("phone"), hcoId)
			.normalized();
		errors.addAll(violations(row, details.violations(), errors));
		return new MappedRow<>(details, errors);
	}

	/**
	 * What the row means for a stored HCP: optional columns the file does not have keep the stored
	 * value (a file without institution_code does not clear affiliations); present but blank clears.
	 */
	static HcpDetails keepAbsent(HcpDetails incoming, HcpDetails stored, ImportRow row) {
		return new HcpDetails(incoming.nameKanji(), incoming.nameKana(),
				row.has("name_romaji") ? incoming.nameRomaji() : stored.nameRomaji(), incoming.registryNumber(),
				row.has("specialty") ? incoming.specialtyCode() : stored.specialtyCode(),
				row.has("email") ? incoming.email() : stored.email(),
				row.has("phone") ? incoming.phone() : stored.phone(),
				row.has("institution_code") ? incoming.primaryHcoId() : stored.primaryHcoId());
	}

	/** Domain violations as row errors, one per column, skipping columns that already have an error. */
	static List<ImportRowError> violations(ImportRow row, List<FieldViolation> violations,
			List<ImportRowError> already) {
		Set<String> reported = new HashSet<>();
		already.forEach(e -> reported.add(e.field()));
		List<ImportRowError> errors = new ArrayList<>();
		for (FieldViolation violation : violations) {
			String header = HEADER_OF_FIELD.get(violation.field());
			if (reported.add(header)) {
				errors.add(ImportRowError.of(row, header, violation.code(), violation.arguments()));
			}
		}
		return errors;
	}

	static String institutionCode(String raw) {
		return JapaneseText.normalize(raw).toUpperCase(Locale.ROOT);
	}

	/** Resolves a specialty written as its code (CARDIOLOGY), Japanese name (循環器内科) or English name. */
	static Function<String, String> specialtyResolver(List<ReferenceData.Item> specialties) {
		Map<String, String> byKey = new HashMap<>();
		for (ReferenceData.Item item : specialties) {
			byKey.put(item.code().toUpperCase(Locale.ROOT), item.code());
			byKey.put(item.nameJa(), item.code());
			byKey.put(item.nameEn().toUpperCase(Locale.ROOT), item.code());
		}
		return raw -> {
			String value = JapaneseText.normalize(raw);
			String code = byKey.get(value);
			return (code != null) ? code : byKey.get(value.toUpperCase(Locale.ROOT));
		};
	}

}
