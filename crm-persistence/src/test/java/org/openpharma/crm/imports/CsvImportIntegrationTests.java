package org.openpharma.crm.imports;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.hco.Hco;
import org.openpharma.crm.hco.HcoManagement;
import org.openpharma.crm.hco.HcoType;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Whole import jobs, run synchronously on this run's PostgreSQL database. */
@PostgresTest
class CsvImportIntegrationTests extends PostgresTestBase {

	static final Charset WINDOWS_31J = Charset.forName("Windows-31J");

	static final String HCP_HEADER = "registry_number,name_kanji,name_kana,name_romaji,specialty,institution_code,email,phone\n";

	@Autowired
	ImportManagement imports;

	@Autowired
	HcpManagement hcps;

	@Autowired
	HcoManagement hcos;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.openpharma.crm.consent.ConsentLedger consents;

	@TempDir
	Path dir;

	/** Three HCPs; the third has no kana reading (row 4 of the file). */
	static String hcpFile(String prefix) {
		return HCP_HEADER + prefix + "-1,山田 太郎,やまだ たろう,Taro Yamada,循環器内科,,taro@example.jp,03-1234-5678\n"
				+ prefix + "-2,佐藤 花子,サトウ ハナコ,,CARDIOLOGY,,,\n" //
				+ prefix + "-3,鈴木 一郎,,,,,,\n";
	}

	@Test
	void importsTheGoodRowsOfAUtf8FileAndReportsTheBadOne() throws IOException {
		String prefix = prefix();
		ImportJob job = run(ImportKind.HCP, ImportEncoding.AUTO, write(hcpFile(prefix), StandardCharsets.UTF_8));

		assertThat(job.status()).isEqualTo(ImportStatus.DONE);
		assertThat(job.encoding()).isEqualTo("UTF-8");
		assertThat(job.totalRows()).isEqualTo(3);
		assertThat(job.processedRows()).isEqualTo(3);
		assertThat(job.createdRows()).isEqualTo(2);
		assertThat(job.failedRows()).isEqualTo(1);
		assertThat(job.finishedAt()).isNotNull();
		assertThat(this.imports.errors(job.id(), 10)).extracting(ImportRowError::rowNumber, ImportRowError::field,
				e -> e.message().code(), ImportRowError::rawValue)
			.containsExactly(tuple(4, "name_kana", "hcp.nameKana.required", ""));
		Hcp yamada = this.hcps.findByRegistryNumber(prefix + "-1").orElseThrow();
		assertThat(yamada.details()).isEqualTo(new HcpDetails("山田 太郎", "ヤマダ タロウ", "Taro Yamada", prefix + "-1",
				"CARDIOLOGY", "taro@example.jp", "03-1234-5678", null));
		assertThat(this.hcps.findByRegistryNumber(prefix + "-3")).isEmpty();
		// Audited: the job's start and finish, and each created HCP.
		assertThat(this.audit.history("IMPORT_JOB", job.id(), 10)).extracting(e -> e.action())
			.containsExactlyInAnyOrder("IMPORT_START", "IMPORT_FINISH");
		assertThat(this.audit.history("HCP", yamada.getId(), 10)).singleElement()
			.satisfies(e -> assertThat(e.actor()).isEqualTo("importer"));
	}

	@Test
	void importsAWindows31jFileExactlyLikeTheUtf8One() throws IOException {
		String utf8 = prefix();
		String sjis = prefix();
		ImportJob a = run(ImportKind.HCP, ImportEncoding.AUTO, write(hcpFile(utf8), StandardCharsets.UTF_8));
		ImportJob b = run(ImportKind.HCP, ImportEncoding.AUTO, write(hcpFile(sjis), WINDOWS_31J));

		assertThat(b.status()).isEqualTo(ImportStatus.DONE);
		assertThat(b.encoding()).isEqualTo("Windows-31J");
		assertThat(List.of(b.totalRows(), b.createdRows(), b.updatedRows(), b.failedRows()))
			.isEqualTo(List.of(a.totalRows(), a.createdRows(), a.updatedRows(), a.failedRows()));
		assertThat(this.imports.errors(b.id(), 10)).isEqualTo(this.imports.errors(a.id(), 10));
		for (int i = 1; i <= 2; i++) {
			HcpDetails fromUtf8 = this.hcps.findByRegistryNumber(utf8 + "-" + i).orElseThrow().details();
			HcpDetails fromSjis = this.hcps.findByRegistryNumber(sjis + "-" + i).orElseThrow().details();
			assertThat(fromSjis).usingRecursiveComparison().ignoringFields("registryNumber").isEqualTo(fromUtf8);
		}
	}

	@Test
	void importsAShiftJisFileChosenExplicitly() throws IOException {
		ImportJob job = run(ImportKind.HCP, ImportEncoding.WINDOWS_31J, write(hcpFile(prefix()), WINDOWS_31J));
		assertThat(job.status()).isEqualTo(ImportStatus.DONE);
		assertThat(job.createdRows()).isEqualTo(2);
	}

	@Test
	void reimportingTheSameFileChangesNothing() throws IOException {
		String prefix = prefix();
		String file = hcpFile(prefix);
		ImportJob first = run(ImportKind.HCP, ImportEncoding.AUTO, write(file, StandardCharsets.UTF_8));
		long version = this.hcps.findByRegistryNumber(prefix + "-1").orElseThrow().getVersion();

		ImportJob second = run(ImportKind.HCP, ImportEncoding.AUTO, write(file, StandardCharsets.UTF_8));

		assertThat(first.createdRows()).isEqualTo(2);
		assertThat(second.createdRows()).isZero();
		assertThat(second.updatedRows()).isZero();
		assertThat(second.unchangedRows()).isEqualTo(2);
		assertThat(second.failedRows()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM hcp WHERE registry_number LIKE ?", Integer.class,
				prefix + "-%")).isEqualTo(2);
		assertThat(this.hcps.findByRegistryNumber(prefix + "-1").orElseThrow().getVersion()).isEqualTo(version);
	}

	@Test
	void updatesAChangedRowThroughTheAuditedUpdate() throws IOException {
		String prefix = prefix();
		run(ImportKind.HCP, ImportEncoding.AUTO, write(hcpFile(prefix), StandardCharsets.UTF_8));
		String changed = hcpFile(prefix).replace("taro@example.jp", "yamada@example.jp");

		ImportJob job = run(ImportKind.HCP, ImportEncoding.AUTO, write(changed, StandardCharsets.UTF_8));

		assertThat(job.updatedRows()).isEqualTo(1);
		assertThat(job.unchangedRows()).isEqualTo(1);
		Hcp yamada = this.hcps.findByRegistryNumber(prefix + "-1").orElseThrow();
		assertThat(yamada.getEmail()).isEqualTo("yamada@example.jp");
		assertThat(this.audit.history("HCP", yamada.getId(), 10)).extracting(e -> e.action())
			.containsExactly("UPDATE", "CREATE");
	}

	@Test
	void leavesColumnsTheFileDoesNotHaveAlone() throws IOException {
		String prefix = prefix();
		run(ImportKind.HCP, ImportEncoding.AUTO, write(hcpFile(prefix), StandardCharsets.UTF_8));
		String namesOnly = "registry_number,name_kanji,name_kana\n" + prefix + "-1,山田 太郎,ヤマダ タロウ\n";

		ImportJob job = run(ImportKind.HCP, ImportEncoding.AUTO, write(namesOnly, StandardCharsets.UTF_8));

		assertThat(job.unchangedRows()).isEqualTo(1);
		assertThat(this.hcps.findByRegistryNumber(prefix + "-1").orElseThrow().getEmail()).isEqualTo("taro@example.jp");
	}

	@Test
	void aRowTheDatabaseSideRulesRejectLeavesTheOtherRowsOfItsChunkImportedOnce() throws IOException {
		String prefix = prefix();
		Hcp survivor = this.hcps.create(new HcpDetails("統合 先生", "トウゴウ センセイ", null, prefix + "-S", null, null,
				null, null), "setup");
		Hcp duplicate = this.hcps.create(new HcpDetails("統合 先生", "トウゴウ センセイ", null, prefix + "-D", null, null,
				null, null), "setup");
		this.hcps.merge(survivor.getId(), duplicate.getId(), "setup");
		StringBuilder file = new StringBuilder(HCP_HEADER);
		for (int i = 1; i <= 10; i++) {
			file.append(prefix).append("-").append(i).append(",山田 太郎,ヤマダ タロウ,,,,,\n");
			if (i == 5) {
				// A merged record is read-only: only HcpManagement knows, inside the chunk's transaction.
				file.append(prefix).append("-D,統合 先生,トウゴウ センセイ,,,,new@example.jp,\n");
			}
		}

		ImportJob job = run(ImportKind.HCP, ImportEncoding.AUTO, write(file.toString(), StandardCharsets.UTF_8));

		assertThat(job.status()).isEqualTo(ImportStatus.DONE);
		assertThat(job.createdRows()).isEqualTo(10);
		assertThat(job.failedRows()).isEqualTo(1);
		assertThat(this.imports.errors(job.id(), 10)).extracting(ImportRowError::rowNumber, ImportRowError::field,
				e -> e.message().code())
			.containsExactly(tuple(7, "registry_number", "hcp.merged.readOnly"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM hcp WHERE registry_number LIKE ?", Integer.class,
				prefix + "-%")).isEqualTo(12);
		assertThat(this.hcps.get(duplicate.getId()).getEmail()).isNull();
	}

	@Test
	void alwaysCreatesAnHcpRowWithoutRegistryNumber() throws IOException {
		String file = HCP_HEADER + ",無番 号子,ムバン ゴウコ,,,,,\n";
		run(ImportKind.HCP, ImportEncoding.AUTO, write(file, StandardCharsets.UTF_8));
		ImportJob again = run(ImportKind.HCP, ImportEncoding.AUTO, write(file, StandardCharsets.UTF_8));
		assertThat(again.createdRows()).isEqualTo(1);
	}

	@Test
	void failsAMalformedFileWithTheLineAndImportsNothing() throws IOException {
		String prefix = prefix();
		String file = HCP_HEADER + prefix + "-1,山田 太郎,ヤマダ タロウ,,,,,\n" + prefix
				+ "-2,\"佐藤 花子,サトウ ハナコ,,,,,\n" + prefix + "-3,鈴木 一郎,スズキ イチロウ,,,,,\n";
		ImportJob job = run(ImportKind.HCP, ImportEncoding.AUTO, write(file, StandardCharsets.UTF_8));

		assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
		assertThat(job.failure()).isEqualTo(ImportMessage.of("import.failure.malformed", 3));
		assertThat(job.processedRows()).isZero();
		assertThat(this.hcps.findByRegistryNumber(prefix + "-1")).isEmpty();
		assertThat(this.audit.history("IMPORT_JOB", job.id(), 10)).extracting(e -> e.action())
			.contains("IMPORT_FINISH");
	}

	@Test
	void failsAFileWithAWrongHeaderNamingTheMissingColumn() throws IOException {
		String file = "registry_no,name_kanji,name_kana\nX-1,山田 太郎,ヤマダ タロウ\n";
		ImportJob job = run(ImportKind.HCP, ImportEncoding.AUTO, write(file, StandardCharsets.UTF_8));
		assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
		assertThat(job.failure()).isEqualTo(ImportMessage.of("import.failure.missingHeader", "registry_number"));
	}

	@Test
	void failsABinaryFileWithAClearMessage() throws IOException {
		Path file = this.dir.resolve("picture.csv");
		byte[] bytes = new byte[4096];
		ThreadLocalRandom.current().nextBytes(bytes);
		bytes[10] = 0;
		Files.write(file, bytes);
		ImportJob job = this.imports.importNow(ImportKind.HCO, ImportEncoding.AUTO, "picture.csv", file, "importer");
		assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
		assertThat(job.failure().code()).isEqualTo("import.failure.notText");
		assertThat(file).doesNotExist();
	}

	@Test
	void failsAFileThatIsNotInTheChosenEncoding() throws IOException {
		ImportJob job = run(ImportKind.HCP, ImportEncoding.UTF_8, write(hcpFile(prefix()), WINDOWS_31J));
		assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
		assertThat(job.failure()).isEqualTo(ImportMessage.of("import.failure.encoding", "UTF-8"));
	}

	@Test
	void importsHcosThenHcpsThatReferToThemByInstitutionCode() throws IOException {
		String code = prefix();
		String hcoFile = "institution_code,name,name_kana,type,prefecture,postal_code,address,phone,bed_count\n" //
				+ code + "-A,東京中央病院,トウキョウチュウオウビョウイン,病院,東京都,100-0001,千代田区1-1,03-1111-2222,350\n" //
				+ code + "-B,大阪みなと診療所,オオサカミナトシンリョウジョ,CLINIC,27,,,,\n" //
				+ code + "-C,名無し薬局,ナナシヤッキョク,薬局,ムー州,,,,\n";
		ImportJob hcoJob = run(ImportKind.HCO, ImportEncoding.AUTO, write(hcoFile, StandardCharsets.UTF_8));
		assertThat(hcoJob.createdRows()).isEqualTo(2);
		assertThat(this.imports.errors(hcoJob.id(), 10)).extracting(ImportRowError::rowNumber, ImportRowError::field,
				e -> e.message().code())
			.containsExactly(tuple(4, "prefecture", "import.hco.prefecture.unknown"));
		Hco tokyo = this.hcos.findByInstitutionCode(code + "-A").orElseThrow();
		assertThat(tokyo.getType()).isEqualTo(HcoType.HOSPITAL);
		assertThat(tokyo.getPrefectureCode()).isEqualTo((short) 13);
		assertThat(tokyo.getBedCount()).isEqualTo(350);

		String prefix = prefix();
		String hcpFile = HCP_HEADER + prefix + "-1,山田 太郎,ヤマダ タロウ,,,"
				+ code.toLowerCase(Locale.ROOT) + "-a,,\n" //
				+ prefix + "-2,佐藤 花子,サトウ ハナコ,,," + code + "-Z,,\n";
		ImportJob hcpJob = run(ImportKind.HCP, ImportEncoding.AUTO, write(hcpFile, StandardCharsets.UTF_8));
		assertThat(hcpJob.createdRows()).isEqualTo(1);
		assertThat(this.hcps.findByRegistryNumber(prefix + "-1").orElseThrow().getPrimaryHcoId())
			.isEqualTo(tokyo.getId());
		assertThat(this.imports.errors(hcpJob.id(), 10)).extracting(ImportRowError::rowNumber, ImportRowError::field,
				e -> e.message().code(), ImportRowError::rawValue)
			.containsExactly(tuple(3, "institution_code", "import.hcp.institutionCode.unknown", code + "-Z"));

		ImportJob again = run(ImportKind.HCO, ImportEncoding.AUTO, write(hcoFile, StandardCharsets.UTF_8));
		assertThat(again.createdRows()).isZero();
		assertThat(again.updatedRows()).isZero();
		assertThat(again.unchangedRows()).isEqualTo(2);
	}

	@Test
	void aJobInterruptedByAShutdownRecordsWhyItStopped() throws IOException {
		Path file = write(hcpFile(prefix()), StandardCharsets.UTF_8);
		ImportJob job;
		try {
			Thread.currentThread().interrupt();
			job = this.imports.importNow(ImportKind.HCP, ImportEncoding.AUTO, "doctors.csv", file, "importer");
		}
		finally {
			Thread.interrupted();
		}
		assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
		assertThat(job.failure()).isEqualTo(ImportMessage.of("import.failure.interrupted"));
		assertThat(file).doesNotExist();
	}

	@Test
	void listsRecentJobsNewestFirst() throws IOException {
		ImportJob older = run(ImportKind.HCP, ImportEncoding.AUTO, write(hcpFile(prefix()), StandardCharsets.UTF_8));
		ImportJob newer = run(ImportKind.HCP, ImportEncoding.AUTO, write(hcpFile(prefix()), StandardCharsets.UTF_8));
		assertThat(this.imports.recent(100)).extracting(ImportJob::id).containsSubsequence(newer.id(), older.id());
		assertThat(this.imports.errorCount(newer.id())).isEqualTo(1);
	}

	@Test
	void consentRowsAreAppendedToTheLedgerOnceAndBadRowsAreReportedPerField() throws IOException {
		String prefix = prefix();
		ImportJob hcpJob = run(ImportKind.HCP, ImportEncoding.AUTO, write(hcpFile(prefix), StandardCharsets.UTF_8));
		assertThat(hcpJob.createdRows()).isEqualTo(2);
		String consent = "registry_number,channel,purpose,state,captured_at,expires_on,evidence\n"
				+ prefix + "-1,email,PROMOTIONAL,GRANTED,2026-01-15,2099-12-31,form 17\n"
				+ prefix + "-1,EMAIL,PROMOTIONAL,WITHDRAWN,2026-02-01 09:30,,unsubscribe\n"
				+ prefix + "-2,FAX,PROMOTIONAL,GRANTED,2026-01-15,,\n"
				+ prefix + "-2,VISIT,PROMOTIONAL,GRANTED,15/01/2026,,\n"
				+ "NOBODY-" + prefix + ",VISIT,PROMOTIONAL,GRANTED,2026-01-15,,\n";
		ImportJob job = run(ImportKind.CONSENT, ImportEncoding.AUTO, write(consent, StandardCharsets.UTF_8));

		assertThat(job.status()).isEqualTo(ImportStatus.DONE);
		assertThat(List.of(job.totalRows(), job.createdRows(), job.failedRows())).isEqualTo(List.of(5, 2, 3));
		assertThat(this.imports.errors(job.id(), 10)).extracting(ImportRowError::rowNumber, ImportRowError::field,
				e -> e.message().code())
			.containsExactly(tuple(4, "channel", "import.consent.channel.unknown"),
					tuple(5, "captured_at", "import.consent.date.format"),
					tuple(6, "registry_number", "import.consent.hcp.unknown"));
		long yamada = this.hcps.findByRegistryNumber(prefix + "-1").orElseThrow().getId();
		assertThat(this.consents.history(yamada)).extracting(r -> r.entry().state(), r -> r.entry().source())
			.containsExactly(tuple(org.openpharma.crm.consent.ConsentState.GRANTED, org.openpharma.crm.consent.ConsentSource.IMPORT),
					tuple(org.openpharma.crm.consent.ConsentState.WITHDRAWN, org.openpharma.crm.consent.ConsentSource.IMPORT));

		// The same file again adds nothing.
		ImportJob again = run(ImportKind.CONSENT, ImportEncoding.AUTO, write(consent, StandardCharsets.UTF_8));
		assertThat(List.of(again.createdRows(), again.unchangedRows())).isEqualTo(List.of(0, 2));
		assertThat(this.consents.history(yamada)).hasSize(2);
	}

	private ImportJob run(ImportKind kind, ImportEncoding encoding, Path file) {
		ImportJob job = this.imports.importNow(kind, encoding, file.getFileName().toString(), file, "importer");
		assertThat(file).as("the uploaded file is deleted after the job").doesNotExist();
		return job;
	}

	private Path write(String text, Charset charset) throws IOException {
		Path file = Files.createTempFile(this.dir, "import", ".csv");
		Files.write(file, text.getBytes(charset));
		return file;
	}

	/** A registry number / institution code prefix no other test uses. */
	private static String prefix() {
		return "I" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36),
				36).toUpperCase(Locale.ROOT);
	}

}
