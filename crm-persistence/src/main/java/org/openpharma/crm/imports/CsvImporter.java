package org.openpharma.crm.imports;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hco.Hco;
import org.openpharma.crm.hco.HcoDetails;
import org.openpharma.crm.hco.HcoManagement;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import job over its file: detect the encoding, check the header and count the rows (a
 * first, streaming pass), then import through {@link HcpManagement} / {@link HcoManagement} (so the
 * rules and the audit apply). Rows are written in small chunks, one transaction each; when a row of
 * a chunk breaks a rule the chunk is rolled back and written again row by row, each row in its own
 * transaction. So a bad row is recorded and skipped, never leaves a partial write and never stops
 * the good ones.
 */
@Service
class CsvImporter {

	private static final Logger log = LoggerFactory.getLogger(CsvImporter.class);

	/** Progress reaches the database at least this often (rows or time), so the page can show it. */
	private static final int FLUSH_ROWS = 200;

	private static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);

	/** Rows per transaction; a commit per row would make large files several times slower. */
	static final int CHUNK = 50;

	/** Institution codes remembered per job (an HCP file names the same hospitals again and again). */
	private static final int HCO_CACHE_MAX = 20_000;

	private final ImportJobs jobs;

	private final HcpManagement hcps;

	private final HcoManagement hcos;

	private final ReferenceData reference;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final ConsentLedger consents;

	CsvImporter(ImportJobs jobs, HcpManagement hcps, HcoManagement hcos, ReferenceData reference, AuditTrail audit,
			PlatformTransactionManager transactions, Clock clock, ConsentLedger consents) {
		this.consents = consents;
		this.jobs = jobs;
		this.hcps = hcps;
		this.hcos = hcos;
		this.reference = reference;
		this.audit = audit;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/** {@link #run} on the import executor (when async is enabled, as in the application). */
	@Async(ImportConfiguration.EXECUTOR)
	public void runAsync(long jobId, Path file) {
		run(jobId, file);
	}

	/**
	 * Runs the queued job on the calling thread and deletes {@code file} afterwards, whatever happens.
	 * Returns the finished job.
	 */
	public ImportJob run(long jobId, Path file) {
		try {
			ImportJob job = this.jobs.find(jobId).orElseThrow();
			Boolean started = this.tx.execute(s -> {
				if (!this.jobs.start(jobId)) {
					return false;
				}
				this.audit.record(job.startedBy(), "IMPORT_START", "IMPORT_JOB", jobId, null,
						Map.of("kind", job.kind().name(), "filename", job.filename(), "encoding", job.encoding()));
				return true;
			});
			if (Boolean.TRUE.equals(started)) {
				execute(job, file);
			}
			return this.jobs.find(jobId).orElseThrow();
		}
		finally {
			delete(file);
		}
	}

	private void execute(ImportJob job, Path file) {
		Progress progress = new Progress(job.id());
		try {
			ImportEncoding requested = job.encodingChoice();
			Charset charset = CsvText.detect(file, requested);
			ImportEncoding encoding = (charset.equals(ImportEncoding.UTF_8.charset())) ? ImportEncoding.UTF_8
					: ImportEncoding.WINDOWS_31J;
			boolean auto = requested == ImportEncoding.AUTO;
			int total = CsvRows.read(file, charset, auto, job.kind(), null);
			this.tx.executeWithoutResult(s -> this.jobs.counted(job.id(), encoding, total));
			if (job.kind() == ImportKind.HCP) {
				importRows(file, charset, auto, job.kind(), hcpWriter(job.startedBy()), progress);
			}
			else if (job.kind() == ImportKind.CONSENT) {
				importRows(file, charset, auto, job.kind(), consentWriter(job.startedBy()), progress);
			}
			else {
				importRows(file, charset, auto, job.kind(), hcoWriter(job.startedBy()), progress);
			}
			progress.flush();
			finish(job, progress, ImportStatus.DONE, null);
		}
		catch (ImportFailure ex) {
			// A shutdown interrupts the job (and may close the file under it): say so, and clear the flag so
			// that the job can still record its end.
			ImportMessage reason = Thread.interrupted() ? ImportMessage.of("import.failure.interrupted") : ex.reason();
			log.info("Import job {} ({}) failed: {}", job.id(), job.filename(), reason.encode());
			progress.flush();
			finish(job, progress, ImportStatus.FAILED, reason);
		}
		catch (IOException | RuntimeException ex) {
			ImportMessage reason = ImportMessage.of("import.failure.unexpected");
			if (Thread.interrupted()) {
				reason = ImportMessage.of("import.failure.interrupted");
				log.info("Import job {} ({}) interrupted", job.id(), job.filename(), ex);
			}
			else {
				log.error("Import job {} ({}) stopped by an unexpected error", job.id(), job.filename(), ex);
			}
			try {
				progress.flush();
			}
			catch (RuntimeException flushFailure) {
				ex.addSuppressed(flushFailure);
			}
			finish(job, progress, ImportStatus.FAILED, reason);
		}
	}

	private void finish(ImportJob job, Progress progress, ImportStatus status, ImportMessage failure) {
		this.tx.executeWithoutResult(s -> {
			this.jobs.finish(job.id(), status, failure, this.clock.instant());
			Map<String, Object> after = new LinkedHashMap<>();
			after.put("status", status.name());
			after.put("processed", progress.processed);
			after.put("created", progress.created);
			after.put("updated", progress.updated);
			after.put("failed", progress.failed);
			if (failure != null) {
				after.put("failure", failure.encode());
			}
			this.audit.record(job.startedBy(), "IMPORT_FINISH", "IMPORT_JOB", job.id(), null, after);
		});
	}

	private <T> void importRows(Path file, Charset charset, boolean auto, ImportKind kind, RowWriter<T> writer,
			Progress progress) {
		List<Pending<T>> chunk = new ArrayList<>(CHUNK);
		CsvRows.read(file, charset, auto, kind, row -> {
			if (Thread.currentThread().isInterrupted()) {
				throw new ImportFailure("import.failure.interrupted");
			}
			MappedRow<T> mapped = writer.map(row);
			if (!mapped.ok()) {
				progress.rejected(mapped.errors());
				return;
			}
			chunk.add(new Pending<>(row, mapped.value()));
			if (chunk.size() >= CHUNK) {
				write(chunk, writer, progress);
				chunk.clear();
			}
		});
		write(chunk, writer, progress);
	}

	private <T> void write(List<Pending<T>> chunk, RowWriter<T> writer, Progress progress) {
		if (chunk.isEmpty()) {
			return;
		}
		List<Outcome> outcomes;
		try {
			outcomes = this.tx.execute(s -> chunk.stream().map(p -> writer.write(p.row(), p.details())).toList());
		}
		catch (RuntimeException ex) {
			if (rowErrors(ex, chunk.get(0).row(), writer) == null) {
				throw ex;
			}
			// A row broke a rule and nothing of the chunk was written: write each row on its own.
			for (Pending<T> pending : chunk) {
				try {
					progress.done(this.tx.execute(s -> writer.write(pending.row(), pending.details())));
				}
				catch (RuntimeException rowFailure) {
					List<ImportRowError> errors = rowErrors(rowFailure, pending.row(), writer);
					if (errors == null) {
						throw rowFailure;
					}
					progress.rejected(errors);
				}
			}
			return;
		}
		outcomes.forEach(progress::done);
	}

	/** What one row did. */
	enum Outcome {

		CREATED, UPDATED, UNCHANGED

	}

	/** A row that passed the checks that need no database, waiting for its chunk to be written. */
	private record Pending<T>(ImportRow row, T details) {
	}

	/** Turns rows of one kind into details and writes them (in the caller's transaction). */
	private interface RowWriter<T> {

		MappedRow<T> map(ImportRow row);

		Outcome write(ImportRow row, T details);

		/** CSV column of each domain field, to place a rule violation. */
		Map<String, String> headers();

		/** The column that identifies the record (where a concurrent change is reported). */
		String keyHeader();

	}

	private RowWriter<HcpDetails> hcpWriter(String actor) {
		Map<String, Long> hcoIds = new HashMap<>();
		Function<String, Long> hcoLookup = code -> {
			if (hcoIds.size() > HCO_CACHE_MAX) {
				hcoIds.clear();
			}
			return hcoIds.computeIfAbsent(code,
					c -> this.hcos.findByInstitutionCode(c).map(Hco::getId).orElse(null));
		};
		HcpRowMapper mapper = new HcpRowMapper(HcpRowMapper.specialtyResolver(this.reference.specialties()),
				hcoLookup);
		return new RowWriter<>() {

			@Override
			public MappedRow<HcpDetails> map(ImportRow row) {
				return mapper.map(row);
			}

			@Override
			public Outcome write(ImportRow row, HcpDetails incoming) {
				Optional<Hcp> existing = (incoming.registryNumber() != null)
						? CsvImporter.this.hcps.findByRegistryNumber(incoming.registryNumber()) : Optional.empty();
				if (existing.isEmpty()) {
					CsvImporter.this.hcps.create(incoming, actor);
					return Outcome.CREATED;
				}
				Hcp hcp = existing.get();
				HcpDetails wanted = HcpRowMapper.keepAbsent(incoming, hcp.details(), row);
				if (wanted.equals(hcp.details())) {
					return Outcome.UNCHANGED;
				}
				CsvImporter.this.hcps.update(hcp.getId(), hcp.getVersion(), wanted, actor);
				return Outcome.UPDATED;
			}

			@Override
			public Map<String, String> headers() {
				return HcpRowMapper.HEADER_OF_FIELD;
			}

			@Override
			public String keyHeader() {
				return "registry_number";
			}

		};
	}

	/** Consent rows append to the ledger; a row already in it (same HCP, channel, purpose, state, time) is skipped. */
	private RowWriter<ConsentRowMapper.ConsentRow> consentWriter(String actor) {
		ConsentRowMapper mapper = new ConsentRowMapper(actor);
		return new RowWriter<>() {

			@Override
			public MappedRow<ConsentRowMapper.ConsentRow> map(ImportRow row) {
				return mapper.map(row);
			}

			@Override
			public Outcome write(ImportRow row, ConsentRowMapper.ConsentRow consent) {
				Hcp hcp = CsvImporter.this.hcps.findByRegistryNumber(consent.registryNumber())
					.orElseThrow(() -> new DomainException("import.consent.hcp.unknown", "registryNumber"));
				if (CsvImporter.this.consents.contains(hcp.getId(), consent.entry())) {
					return Outcome.UNCHANGED;
				}
				CsvImporter.this.consents.record(hcp.getId(), consent.entry(), actor);
				return Outcome.CREATED;
			}

			@Override
			public Map<String, String> headers() {
				return ConsentRowMapper.HEADER_OF_FIELD;
			}

			@Override
			public String keyHeader() {
				return "registry_number";
			}

		};
	}

	private RowWriter<HcoDetails> hcoWriter(String actor) {
		HcoRowMapper mapper = new HcoRowMapper(this.reference::prefectureCode);
		return new RowWriter<>() {

			@Override
			public MappedRow<HcoDetails> map(ImportRow row) {
				return mapper.map(row);
			}

			@Override
			public Outcome write(ImportRow row, HcoDetails incoming) {
				Optional<Hco> existing = CsvImporter.this.hcos.findByInstitutionCode(incoming.institutionCode());
				if (existing.isEmpty()) {
					CsvImporter.this.hcos.upsert(incoming, actor);
					return Outcome.CREATED;
				}
				HcoDetails stored = HcoRowMapper.stored(existing.get());
				HcoDetails wanted = HcoRowMapper.keepAbsent(incoming, stored, row);
				if (wanted.equals(stored)) {
					return Outcome.UNCHANGED;
				}
				CsvImporter.this.hcos.upsert(wanted, actor);
				return Outcome.UPDATED;
			}

			@Override
			public Map<String, String> headers() {
				return HcoRowMapper.HEADER_OF_FIELD;
			}

			@Override
			public String keyHeader() {
				return "institution_code";
			}

		};
	}

	/**
	 * The rule or constraint the row broke, as row errors; null when the failure is not about the row
	 * (the database gone, a bug), which then stops the job.
	 */
	private static List<ImportRowError> rowErrors(RuntimeException ex, ImportRow row, RowWriter<?> writer) {
		List<ImportRowError> errors = new ArrayList<>();
		if (ex instanceof ValidationException invalid) {
			for (FieldViolation v : invalid.getViolations()) {
				errors.add(ImportRowError.of(row, writer.headers().get(v.field()), v.code(), v.arguments()));
			}
		}
		else if (ex instanceof DomainException domain) {
			String header = (domain.getField() != null) ? writer.headers().get(domain.getField()) : writer.keyHeader();
			errors.add(ImportRowError.of(row, header, domain.getCode(), domain.getArguments()));
		}
		else if (ex instanceof StaleVersionException || ex instanceof OptimisticLockingFailureException) {
			errors.add(ImportRowError.of(row, writer.keyHeader(), "import.row.concurrentChange"));
		}
		else if (ex instanceof DataIntegrityViolationException) {
			log.debug("Row {} rejected by the database", row.line(), ex);
			errors.add(ImportRowError.of(row, null, "import.row.rejected"));
		}
		else {
			return null;
		}
		return errors;
	}

	/** Counters and not yet stored row errors of the running job. */
	private final class Progress {

		private final long jobId;

		private final List<ImportRowError> pending = new ArrayList<>();

		private int processed;

		private int created;

		private int updated;

		private int failed;

		private int sinceFlush;

		private Instant lastFlush;

		Progress(long jobId) {
			this.jobId = jobId;
			this.lastFlush = CsvImporter.this.clock.instant();
		}

		void done(Outcome outcome) {
			switch (outcome) {
				case CREATED -> this.created++;
				case UPDATED -> this.updated++;
				case UNCHANGED -> {
				}
			}
			advance();
		}

		void rejected(List<ImportRowError> errors) {
			this.failed++;
			this.pending.addAll(errors);
			advance();
		}

		private void advance() {
			this.processed++;
			this.sinceFlush++;
			Instant now = CsvImporter.this.clock.instant();
			if (this.sinceFlush >= FLUSH_ROWS || !now.isBefore(this.lastFlush.plus(FLUSH_INTERVAL))) {
				flush();
			}
		}

		void flush() {
			List<ImportRowError> errors = List.copyOf(this.pending);
			CsvImporter.this.tx.executeWithoutResult(s -> CsvImporter.this.jobs.progress(this.jobId, this.processed,
					this.created, this.updated, this.failed, errors));
			this.pending.clear();
			this.sinceFlush = 0;
			this.lastFlush = CsvImporter.this.clock.instant();
		}

	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the import file {}", file, ex);
		}
	}

}
