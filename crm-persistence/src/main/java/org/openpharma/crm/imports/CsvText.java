package org.openpharma.crm.imports;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the uploaded bytes into text without guessing silently wrong: every decoder reports malformed
 * input instead of replacing it, a UTF-8 byte-order mark is dropped, and control characters (NUL and
 * friends, which no CSV export contains) mark the file as binary.
 */
final class CsvText {

	private static final int BUFFER = 64 * 1024;

	private CsvText() {
	}

	/**
	 * The charset to read the file with: the admin's choice, or UTF-8 when the whole file decodes as
	 * strict UTF-8, else Windows-31J (which the parse then checks as strictly).
	 */
	static Charset detect(Path file, ImportEncoding requested) throws IOException {
		if (requested != ImportEncoding.AUTO) {
			return requested.charset();
		}
		char[] buffer = new char[BUFFER];
		try (Reader reader = open(file, StandardCharsets.UTF_8)) {
			while (reader.read(buffer) >= 0) {
				// decoding is the check
			}
			return StandardCharsets.UTF_8;
		}
		catch (NotTextException ex) {
			throw ex;
		}
		catch (CharacterCodingException ex) {
			return ImportEncoding.WINDOWS_31J.charset();
		}
	}

	/** A strict, buffered reader of the file's text, without a leading byte-order mark. */
	static Reader open(Path file, Charset charset) throws IOException {
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		Reader decoded = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), BUFFER);
		try {
			PushbackReader reader = new PushbackReader(decoded, 1);
			int first = reader.read();
			if (first >= 0 && first != '\uFEFF') {
				reader.unread(first);
			}
			return new TextOnlyReader(reader, first);
		}
		catch (IOException | RuntimeException ex) {
			decoded.close();
			throw ex;
		}
	}

	/** Control characters other than tab, line feed and carriage return never occur in CSV text. */
	static boolean isForbidden(char c) {
		return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
	}

	/** The file holds bytes that are not text (e.g. an Excel workbook or an image). */
	static final class NotTextException extends IOException {

		NotTextException() {
			super("The file contains control characters: not a text file");
		}

	}

	private static final class TextOnlyReader extends FilterReader {

		TextOnlyReader(Reader in, int first) throws NotTextException {
			super(in);
			if (first >= 0 && isForbidden((char) first)) {
				throw new NotTextException();
			}
		}

		@Override
		public int read() throws IOException {
			int c = super.read();
			if (c >= 0 && isForbidden((char) c)) {
				throw new NotTextException();
			}
			return c;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			for (int i = offset; i < offset + n; i++) {
				if (isForbidden(buffer[i])) {
					throw new NotTextException();
				}
			}
			return n;
		}

	}

}
