package org.openpharma.crm.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the data rows of an import file with Commons CSV, one at a time. Checks the header first;
 * an encoding, binary or CSV syntax problem anywhere becomes an {@link ImportFailure} that says what
 * and where. Lines holding only empty values are skipped.
 */
final class CsvRows {

	/** RFC 4180 with a header line; header names match whatever their case, values are trimmed. */
	static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(false)
		.setIgnoreHeaderCase(true)
		.setTrim(true)
		.get();

	private CsvRows() {
	}

	/**
	 * Reads every data row and hands it to {@code handler} (null to only count). Returns the number of
	 * rows read. Exceptions thrown by the handler pass through unchanged.
	 * @param autoDetected whether the charset was detected (then a decoding error means "neither
	 * UTF-8 nor Shift_JIS") or chosen by the admin (then it means "not valid in that encoding")
	 */
	static int read(Path file, Charset charset, boolean autoDetected, ImportKind kind, Consumer<ImportRow> handler) {
		int line = 1;
		int rows = 0;
		try (Reader reader = CsvText.open(file, charset); CSVParser parser = parse(reader)) {
			Map<String, Integer> columns = checkHeader(parser.getHeaderNames(), kind);
			int expected = parser.getHeaderNames().size();
			long end = parser.getCurrentLineNumber();
			line = (int) end + 1;
			for (CSVRecord record : parser) {
				// The record began on the line after the previous one ended (values may span lines).
				int start = line;
				end = parser.getCurrentLineNumber();
				line = (int) end + 1;
				if (isBlank(record)) {
					continue;
				}
				rows++;
				if (handler != null) {
					handler.accept(toRow(record, start, columns, expected));
				}
			}
			return rows;
		}
		catch (UncheckedIOException ex) {
			throw failure(ex.getCause(), charset, autoDetected, line);
		}
		catch (IOException ex) {
			throw failure(ex, charset, autoDetected, line);
		}
	}

	private static CSVParser parse(Reader reader) throws IOException {
		try {
			return FORMAT.parse(reader);
		}
		catch (IllegalArgumentException ex) {
			// Commons CSV reports some header problems this way.
			throw new ImportFailure("import.failure.header");
		}
	}

	/** Column index per known header; fails on a missing required or a repeated header. */
	static Map<String, Integer> checkHeader(List<String> names, ImportKind kind) {
		if (names.isEmpty() || names.stream().allMatch(n -> n == null || n.isBlank())) {
			throw new ImportFailure("import.failure.empty");
		}
		Map<String, Integer> columns = new HashMap<>();
		Set<String> duplicates = new LinkedHashSet<>();
		for (int i = 0; i < names.size(); i++) {
			String name = (names.get(i) != null) ? names.get(i).strip().toLowerCase(Locale.ROOT) : "";
			if (kind.isKnownHeader(name) && columns.putIfAbsent(name, i) != null) {
				duplicates.add(name);
			}
		}
		if (!duplicates.isEmpty()) {
			throw new ImportFailure("import.failure.duplicateHeader", String.join(", ", duplicates));
		}
		List<String> missing = new ArrayList<>();
		for (String required : kind.requiredHeaders()) {
			if (!columns.containsKey(required)) {
				missing.add(required);
			}
		}
		if (!missing.isEmpty()) {
			throw new ImportFailure("import.failure.missingHeader", String.join(", ", missing));
		}
		return columns;
	}

	private static ImportRow toRow(CSVRecord record, int line, Map<String, Integer> columns, int expected) {
		Map<String, String> values = new HashMap<>();
		columns.forEach((header, index) -> values.put(header, (index < record.size()) ? record.get(index) : null));
		return new ImportRow(line, values, record.size(), expected);
	}

	private static boolean isBlank(CSVRecord record) {
		for (String value : record) {
			if (value != null && !value.isBlank()) {
				return false;
			}
		}
		return true;
	}

	private static ImportFailure failure(Throwable ex, Charset charset, boolean autoDetected, int line) {
		if (ex instanceof CsvText.NotTextException) {
			return new ImportFailure("import.failure.notText");
		}
		if (ex instanceof CharacterCodingException) {
			return autoDetected ? new ImportFailure("import.failure.notText")
					: new ImportFailure("import.failure.encoding", label(charset));
		}
		if (ex instanceof CSVException) {
			return new ImportFailure("import.failure.malformed", line);
		}
		return new ImportFailure("import.failure.unreadable");
	}

	private static String label(Charset charset) {
		for (ImportEncoding encoding : ImportEncoding.values()) {
			if (charset.equals(encoding.charset())) {
				return encoding.label();
			}
		}
		return charset.name();
	}

}
