package org.openpharma.crm.imports;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportEncodingDetectionTests {

	static final Charset WINDOWS_31J = Charset.forName("Windows-31J");

	static final String TEXT = "registry_number,name_kanji,name_kana\nA-1,髙橋 一郎,タカハシ イチロウ\n";

	@TempDir
	Path dir;

	@Test
	void detectsUtf8WithoutByteOrderMark() throws IOException {
		Path file = write(TEXT.getBytes(StandardCharsets.UTF_8));
		assertThat(CsvText.detect(file, ImportEncoding.AUTO)).isEqualTo(StandardCharsets.UTF_8);
		assertThat(readAll(file, StandardCharsets.UTF_8)).isEqualTo(TEXT);
	}

	@Test
	void detectsUtf8WithByteOrderMarkAndDropsTheMark() throws IOException {
		Path file = write(("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_8));
		assertThat(CsvText.detect(file, ImportEncoding.AUTO)).isEqualTo(StandardCharsets.UTF_8);
		assertThat(readAll(file, StandardCharsets.UTF_8)).isEqualTo(TEXT);
	}

	@Test
	void fallsBackToWindows31jWhenTheBytesAreNotUtf8() throws IOException {
		Path file = write(TEXT.getBytes(WINDOWS_31J));
		assertThat(CsvText.detect(file, ImportEncoding.AUTO)).isEqualTo(WINDOWS_31J);
		assertThat(readAll(file, WINDOWS_31J)).isEqualTo(TEXT);
	}

	@Test
	void detectsPlainAsciiAsUtf8() throws IOException {
		Path file = write("institution_code,name\n123,x\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(CsvText.detect(file, ImportEncoding.AUTO)).isEqualTo(StandardCharsets.UTF_8);
	}

	@Test
	void keepsAnExplicitChoiceWithoutGuessing() throws IOException {
		Path file = write(TEXT.getBytes(StandardCharsets.UTF_8));
		assertThat(CsvText.detect(file, ImportEncoding.WINDOWS_31J)).isEqualTo(WINDOWS_31J);
	}

	@Test
	void rejectsTextWithControlCharactersAsBinary() throws IOException {
		Path file = write(new byte[] { 'a', ',', 'b', '\n', 'c', 0, 0, 'd', '\n' });
		assertThatThrownBy(() -> CsvText.detect(file, ImportEncoding.AUTO))
			.isInstanceOf(CsvText.NotTextException.class);
	}

	@Test
	void rejectsBinaryContent() throws IOException {
		byte[] bytes = { 'P', 'K', 3, 4, 0, 0, 0, (byte) 0x88, 'x', '\n' };
		Path file = write(bytes);
		Charset detected = CsvText.detect(file, ImportEncoding.AUTO);
		assertThatThrownBy(() -> CsvRows.read(file, detected, true, ImportKind.HCP, null))
			.isInstanceOfSatisfying(ImportFailure.class,
					f -> assertThat(f.reason().code()).isEqualTo("import.failure.notText"));
	}

	@Test
	void rejectsBytesThatAreNeitherUtf8NorShiftJis() throws IOException {
		byte[] bytes = { 'a', ',', 'b', '\n', (byte) 0xFF, (byte) 0xFE, (byte) 0x80, (byte) 0xA0, '\n' };
		Path file = write(bytes);
		Charset detected = CsvText.detect(file, ImportEncoding.AUTO);
		assertThatThrownBy(() -> CsvRows.read(file, detected, true, ImportKind.HCP, null))
			.isInstanceOfSatisfying(ImportFailure.class,
					f -> assertThat(f.reason().code()).isEqualTo("import.failure.notText"));
	}

	@Test
	void reportsAWrongExplicitChoiceByName() throws IOException {
		Path file = write(TEXT.getBytes(WINDOWS_31J));
		assertThatThrownBy(() -> CsvRows.read(file, StandardCharsets.UTF_8, false, ImportKind.HCP, null))
			.isInstanceOfSatisfying(ImportFailure.class, f -> {
				assertThat(f.reason().code()).isEqualTo("import.failure.encoding");
				assertThat(f.reason().args()).containsExactly("UTF-8");
			});
	}

	@Test
	void storesTheEncodingByLabel() {
		assertThat(ImportEncoding.fromLabel("Windows-31J")).isEqualTo(ImportEncoding.WINDOWS_31J);
		assertThat(ImportEncoding.fromLabel("UTF-8")).isEqualTo(ImportEncoding.UTF_8);
		assertThat(ImportEncoding.fromLabel("AUTO")).isEqualTo(ImportEncoding.AUTO);
		assertThat(ImportEncoding.fromLabel("WINDOWS_31J")).isEqualTo(ImportEncoding.WINDOWS_31J);
	}

	private Path write(byte[] bytes) throws IOException {
		Path file = Files.createTempFile(this.dir, "import", ".csv");
		Files.write(file, bytes);
		return file;
	}

	private static String readAll(Path file, Charset charset) throws IOException {
		StringBuilder text = new StringBuilder();
		char[] buffer = new char[7];
		try (Reader reader = CsvText.open(file, charset)) {
			int n;
			while ((n = reader.read(buffer)) >= 0) {
				text.append(buffer, 0, n);
			}
		}
		return text.toString();
	}

}
