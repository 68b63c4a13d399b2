package org.openpharma.crm.imports;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV imports of HCP and HCO master data: start a job over an uploaded file (run in the background),
 * and read jobs with their row errors. See docs/import.md for the file format.
 */
@Service
public class ImportManagement {

	private static final Logger log = LoggerFactory.getLogger(ImportManagement.class);

	private static final int FILENAME_MAX = 255;

	private static final String UPLOAD_PREFIX = "crm-import-";

	/** Uploads a killed process left behind are deleted at start once they are this old. */
	private static final Duration STALE_UPLOAD = Duration.ofDays(1);

	private final ImportJobs jobs;

	private final CsvImporter importer;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	ImportManagement(ImportJobs jobs, CsvImporter importer, AuditTrail audit, PlatformTransactionManager transactions,
			Clock clock) {
		this.jobs = jobs;
		this.importer = importer;
		this.audit = audit;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/** A new temp file, readable only by this process's user, to receive an upload for {@link #submit}. */
	public Path newUploadFile() throws IOException {
		return Files.createTempFile(UPLOAD_PREFIX, ".csv");
	}

	/**
	 * Queues a job over {@code file} and returns at once; the job owns the file from now on and deletes
	 * it when done. When the import pool is full the job is marked FAILED straight away.
	 */
	public ImportJob submit(ImportKind kind, ImportEncoding encoding, String filename, Path file, String actor) {
		long id = create(kind, encoding, filename, actor);
		try {
			this.importer.runAsync(id, file);
		}
		catch (TaskRejectedException ex) {
			log.warn("Import job {} rejected: the import pool is busy", id);
			this.tx.executeWithoutResult(
					s -> this.jobs.finish(id, ImportStatus.FAILED, ImportMessage.of("import.failure.busy"),
							this.clock.instant()));
			deleteQuietly(file);
		}
		return get(id);
	}

	/** Creates and runs a job on the calling thread (tools and tests); returns it finished. */
	public ImportJob importNow(ImportKind kind, ImportEncoding encoding, String filename, Path file, String actor) {
		return this.importer.run(create(kind, encoding, filename, actor), file);
	}

	@Transactional(readOnly = true)
	public ImportJob get(long id) {
		return this.jobs.find(id).orElseThrow(() -> new NotFoundException("Import job", id));
	}

	@Transactional(readOnly = true)
	public List<ImportJob> recent(int limit) {
		return this.jobs.recent(limit);
	}

	/** The first {@code limit} row errors in file order. */
	@Transactional(readOnly = true)
	public List<ImportRowError> errors(long jobId, int limit) {
		return this.jobs.errors(jobId, limit);
	}

	@Transactional(readOnly = true)
	public long errorCount(long jobId) {
		return this.jobs.errorCount(jobId);
	}

	/** Every row error in file order, streamed (for a download). */
	@Transactional(readOnly = true)
	public void forEachError(long jobId, Consumer<ImportRowError> consumer) {
		this.jobs.forEachError(jobId, consumer);
	}

	/**
	 * Jobs a previous run of the application left QUEUED or RUNNING can never finish (their thread and
	 * temp file are gone): mark them FAILED so that nobody waits for them. Uploads such a run left in
	 * the temp directory (it was killed before a job could delete its file) are deleted once a day old.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void failOrphanedJobs() {
		Instant processStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
		this.tx.executeWithoutResult(s -> {
			for (ImportJob job : this.jobs.orphans(processStart)) {
				this.jobs.finish(job.id(), ImportStatus.FAILED, ImportMessage.of("import.failure.interrupted"),
						this.clock.instant());
				this.audit.record(job.startedBy(), "IMPORT_FINISH", "IMPORT_JOB", job.id(), null,
						Map.of("status", ImportStatus.FAILED.name(), "failure", "import.failure.interrupted"));
			}
		});
		deleteStaleUploads(this.clock.instant().minus(STALE_UPLOAD));
	}

	static void deleteStaleUploads(Instant before) {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
		try (DirectoryStream<Path> uploads = Files.newDirectoryStream(tmp, UPLOAD_PREFIX + "*.csv")) {
			for (Path upload : uploads) {
				if (Files.getLastModifiedTime(upload).toInstant().isBefore(before)) {
					deleteQuietly(upload);
				}
			}
		}
		catch (IOException ex) {
			log.warn("Could not look for stale import uploads in {}", tmp, ex);
		}
	}

	private long create(ImportKind kind, ImportEncoding encoding, String filename, String actor) {
		Long id = this.tx.execute(s -> this.jobs.create(kind, cleanFilename(filename), encoding, actor,
				this.clock.instant()));
		return id;
	}

	/** The file's own name, without any client path, within the column's length. */
	static String cleanFilename(String filename) {
		String name = (filename == null) ? "" : filename.strip();
		int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		name = name.substring(slash + 1);
		if (name.isEmpty()) {
			name = "upload.csv";
		}
		return (name.length() > FILENAME_MAX) ? name.substring(name.length() - FILENAME_MAX) : name;
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the import file {}", file, ex);
		}
	}

}
