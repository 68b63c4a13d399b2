package org.openpharma.crm.system;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer every export uses (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet
 * software opens Japanese text as UTF-8). Text cells that a spreadsheet would run as a formula (starting
 * with {@code = + - @}, tab or carriage return) are neutralised with a leading {@code '} as OWASP advises;
 * numbers stay numbers, so a negative figure is written as {@code -3}, not {@code '-3}.
 */
public final class CsvExport implements Closeable {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT;

	private final CSVPrinter printer;

	private CsvExport(Writer writer, String[] headers) throws IOException {
		writer.write('\uFEFF');
		this.printer = FORMAT.print(writer);
		this.printer.printRecord(Arrays.stream(headers).map(CsvExport::neutralise).toArray());
	}

	/** Starts a CSV download named {@code fileName} on the response and writes the header line. */
	public static CsvExport download(HttpServletResponse response, String fileName, String... headers)
			throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		return to(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), headers);
	}

	/** A CSV document on any writer (closed with this export). */
	public static CsvExport to(Writer writer, String... headers) throws IOException {
		return new CsvExport(writer, headers);
	}

	/** Writes one record; IO problems (a client that went away) surface unchecked, as in a row callback. */
	public void row(Object... cells) {
		row(Arrays.asList(cells));
	}

	public void row(Iterable<?> cells) {
		List<Object> safe = new ArrayList<>();
		for (Object cell : cells) {
			safe.add(neutralise(cell));
		}
		try {
			this.printer.printRecord(safe);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.printer.close(true);
	}

	/**
	 * A cell as it may be written: null as empty, numbers as they are, anything else as text with a
	 * leading {@code '} when it starts with a character that makes a spreadsheet evaluate it.
	 */
	static Object neutralise(Object cell) {
		if (cell == null) {
			return "";
		}
		if (cell instanceof Number) {
			return cell;
		}
		String text = cell.toString();
		if (!text.isEmpty() && isFormulaStart(text.charAt(0))) {
			return "'" + text;
		}
		return text;
	}

	private static boolean isFormulaStart(char c) {
		return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
	}

}
