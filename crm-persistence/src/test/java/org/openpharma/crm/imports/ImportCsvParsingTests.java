package org.openpharma.crm.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportCsvParsingTests {

	@TempDir
	Path dir;

	@Test
	void numbersRowsByTheLineTheyStartOnAndSkipsBlankLines() throws IOException {
		Path file = write("""
				registry_number,name_kanji,name_kana
				A-1,山田 太郎,ヤマダ タロウ

				A-2,"佐藤
				花子",サトウ ハナコ
				,,
				A-3,鈴木 一郎,スズキ イチロウ""");
		List<ImportRow> rows = new ArrayList<>();
		int count = CsvRows.read(file, StandardCharsets.UTF_8, true, ImportKind.HCP, rows::add);
		assertThat(count).isEqualTo(3);
		assertThat(rows).extracting(ImportRow::line).containsExactly(2, 4, 7);
		assertThat(rows.get(1).get("name_kanji")).isEqualTo("佐藤\n花子");
		assertThat(rows.get(0).has("email")).isFalse();
	}

	@Test
	void matchesHeadersWhateverTheirCaseAndSpacing() throws IOException {
		Path file = write("\uFEFF Registry_Number ,NAME_KANJI,name_kana,Email,extra\nA-1,山田 太郎,ヤマダ タロウ,a@b.jp,x\n");
		List<ImportRow> rows = new ArrayList<>();
		CsvRows.read(file, StandardCharsets.UTF_8, true, ImportKind.HCP, rows::add);
		assertThat(rows).singleElement().satisfies(row -> {
			assertThat(row.get("registry_number")).isEqualTo("A-1");
			assertThat(row.get("email")).isEqualTo("a@b.jp");
			assertThat(row.has("extra")).isFalse();
		});
	}

	@Test
	void failsOnAMissingRequiredHeaderNamingIt() throws IOException {
		Path file = write("registry_number,name_kanji,kana\nA-1,山田 太郎,ヤマダ タロウ\n");
		assertThatThrownBy(() -> CsvRows.read(file, StandardCharsets.UTF_8, true, ImportKind.HCP, null))
			.isInstanceOfSatisfying(ImportFailure.class, f -> {
				assertThat(f.reason().code()).isEqualTo("import.failure.missingHeader");
				assertThat(f.reason().args()).containsExactly("name_kana");
			});
	}

	@Test
	void failsOnARepeatedHeader() throws IOException {
		Path file = write("institution_code,name,name_kana,type,prefecture,name\n1,a,ア,病院,東京都,b\n");
		assertThatThrownBy(() -> CsvRows.read(file, StandardCharsets.UTF_8, true, ImportKind.HCO, null))
			.isInstanceOfSatisfying(ImportFailure.class, f -> {
				assertThat(f.reason().code()).isEqualTo("import.failure.duplicateHeader");
				assertThat(f.reason().args()).containsExactly("name");
			});
	}

	@Test
	void failsOnAnEmptyFile() throws IOException {
		Path file = write("");
		assertThatThrownBy(() -> CsvRows.read(file, StandardCharsets.UTF_8, true, ImportKind.HCO, null))
			.isInstanceOfSatisfying(ImportFailure.class,
					f -> assertThat(f.reason().code()).isEqualTo("import.failure.empty"));
	}

	@Test
	void failsOnAnUnbalancedQuoteNamingTheLineWhereTheRowStarts() throws IOException {
		Path file = write("""
				registry_number,name_kanji,name_kana
				A-1,山田 太郎,ヤマダ タロウ
				A-2,"佐藤 花子,サトウ ハナコ
				A-3,鈴木 一郎,スズキ イチロウ
				""");
		assertThatThrownBy(() -> CsvRows.read(file, StandardCharsets.UTF_8, true, ImportKind.HCP, null))
			.isInstanceOfSatisfying(ImportFailure.class, f -> {
				assertThat(f.reason().code()).isEqualTo("import.failure.malformed");
				assertThat(f.reason().args()).containsExactly("3");
			});
	}

	@Test
	void failsOnTextAfterAClosingQuote() throws IOException {
		Path file = write("registry_number,name_kanji,name_kana\nA-1,\"山田\" 太郎,ヤマダ\n");
		assertThatThrownBy(() -> CsvRows.read(file, StandardCharsets.UTF_8, true, ImportKind.HCP, null))
			.isInstanceOfSatisfying(ImportFailure.class, f -> {
				assertThat(f.reason().code()).isEqualTo("import.failure.malformed");
				assertThat(f.reason().args()).containsExactly("2");
			});
	}

	@Test
	void encodesMessageArgumentsInOneColumn() {
		ImportMessage message = ImportMessage.of("validation.tooLong", 100);
		assertThat(message.encode()).isEqualTo("validation.tooLong|100");
		assertThat(ImportMessage.decode("validation.tooLong|100")).isEqualTo(message);
		assertThat(ImportMessage.decode("hcp.nameKana.required").args()).isEmpty();
		assertThat(ImportMessage.of("import.failure.missingHeader", "a|b").args()).containsExactly("a/b");
	}

	@Test
	void keepsOnlyTheFileNameOfAnUpload() {
		assertThat(ImportManagement.cleanFilename("C:\\Users\\me\\医師.csv")).isEqualTo("医師.csv");
		assertThat(ImportManagement.cleanFilename("../../etc/passwd")).isEqualTo("passwd");
		assertThat(ImportManagement.cleanFilename(null)).isEqualTo("upload.csv");
	}

	@Test
	void deletesUploadsAKilledProcessLeftBehindOnceTheyAreOld() throws IOException {
		Path stale = Files.createTempFile("crm-import-", ".csv");
		Path fresh = Files.createTempFile("crm-import-", ".csv");
		// The wall clock, not a test clock: the file system stamps the fresh upload with the real time.
		java.time.Instant now = java.time.Instant.now();
		try {
			Files.setLastModifiedTime(stale,
					java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofDays(2))));
			ImportManagement.deleteStaleUploads(now.minus(java.time.Duration.ofDays(1)));
			assertThat(stale).doesNotExist();
			assertThat(fresh).exists();
		}
		finally {
			Files.deleteIfExists(stale);
			Files.deleteIfExists(fresh);
		}
	}

	private Path write(String text) throws IOException {
		Path file = Files.createTempFile(this.dir, "import", ".csv");
		Files.writeString(file, text, StandardCharsets.UTF_8);
		return file;
	}

}
