package org.openpharma.crm.imports;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentEntry;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.consent.ConsentSource;
import org.openpharma.crm.consent.ConsentState;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.JapaneseText;

/**
 * Maps a consent row (registry_number, channel, purpose, state, captured_at, expires_on, evidence) to
 * the HCP's registry number and a ledger record with source IMPORT. Codes are the ledger's (EMAIL,
 * PROMOTIONAL, GRANTED …, any case); captured_at is a date or a date and time in Japan time; expires_on
 * means "valid through that day". The ledger's own rules ({@link ConsentEntry#violations}) follow.
 */
final class ConsentRowMapper {

	static final Map<String, String> HEADER_OF_FIELD = Map.of("registryNumber", "registry_number", "channel", "channel",
			"purpose", "purpose", "state", "state", "capturedAt", "captured_at", "expiresAt", "expires_on", "evidenceRef",
			"evidence");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

	/** A row: whose consent (by registry number) and the record to append. */
	record ConsentRow(String registryNumber, ConsentEntry entry) {
	}

	private final String actor;

	ConsentRowMapper(String actor) {
		this.actor = actor;
	}

	MappedRow<ConsentRow> map(ImportRow row) {
		ImportRowError columns = MappedRow.columnCountError(row);
		if (columns != null) {
			return new MappedRow<>(null, List.of(columns));
		}
		List<ImportRowError> errors = new ArrayList<>();
		String registry = JapaneseText.normalize(row.get("registry_number")).toUpperCase(Locale.ROOT);
		if (registry.isEmpty()) {
			errors.add(ImportRowError.of(row, "registry_number", "import.consent.registry.required"));
		}
		ConsentChannel channel = code(ConsentChannel.class, row, "channel", errors);
		ConsentPurpose purpose = code(ConsentPurpose.class, row, "purpose", errors);
		ConsentState state = code(ConsentState.class, row, "state", errors);
		LocalDateTime captured = null;
		if (row.isBlank("captured_at")) {
			errors.add(ImportRowError.of(row, "captured_at", "consent.capturedAt.required"));
		}
		else {
			captured = dateTime(row.get("captured_at").strip());
			if (captured == null) {
				errors.add(ImportRowError.of(row, "captured_at", "import.consent.date.format"));
			}
		}
		LocalDate expires = null;
		if (!row.isBlank("expires_on")) {
			try {
				expires = LocalDate.parse(row.get("expires_on").strip());
			}
			catch (DateTimeParseException ex) {
				errors.add(ImportRowError.of(row, "expires_on", "import.consent.date.format"));
			}
		}
		if (!errors.isEmpty()) {
			return new MappedRow<>(null, errors);
		}
		String evidence = row.isBlank("evidence") ? null : row.get("evidence").strip();
		return new MappedRow<>(new ConsentRow(registry, new ConsentEntry(channel, purpose, state, ConsentSource.IMPORT,
				evidence, this.actor, captured.atZone(Japan.ZONE).toInstant(),
				(expires != null) ? expires.plusDays(1).atStartOfDay(Japan.ZONE).toInstant() : null)), List.of());
	}

	private static <E extends Enum<E>> E code(Class<E> type, ImportRow row, String header, List<ImportRowError> errors) {
		String value = row.get(header);
		if (value == null || value.isBlank()) {
			errors.add(ImportRowError.of(row, header, "import.consent." + header + ".unknown"));
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add(ImportRowError.of(row, header, "import.consent." + header + ".unknown"));
			return null;
		}
	}

	private static LocalDateTime dateTime(String value) {
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay();
			}
			return LocalDateTime.parse(value, DATE_TIME);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
