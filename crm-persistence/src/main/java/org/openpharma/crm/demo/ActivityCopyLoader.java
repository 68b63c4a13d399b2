package org.openpharma.crm.demo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.demo.DemoActivity.InteractionRow;
import org.openpharma.crm.demo.DemoActivity.NeedRow;
import org.openpharma.crm.demo.DemoActivity.PatientCountRow;
import org.openpharma.crm.demo.DemoActivity.PolicyNoteRow;
import org.openpharma.crm.demo.DemoActivity.StageChangeRow;
import org.openpharma.crm.demo.DemoActivity.StageRow;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Loads the generated activity with COPY on the caller's connection and transaction. Interactions
 * stream straight into the server; every other table refers to interactions, so its rows go to a temporary
 * file (tens to hundreds of MB at Japan scale, more than memory should hold) and are copied once the
 * interactions are in. The files are deleted at the end, also after a failure.
 */
final class ActivityCopyLoader implements DemoActivity.Sink, AutoCloseable {

	static final String INTERACTION_COPY = "COPY interaction (id, hcp_id, channel, occurred_at, duration_minutes, author,"
			+ " department_code, outcome, key_messages, notes, recorded_at, updated_at) FROM STDIN";

	private static final int FLUSH_CHARS = 256 * 1024;

	private final CopyManager copy;

	private final CopyIn interactions;

	private final StringBuilder interactionText = new StringBuilder(FLUSH_CHARS + 4096);

	private final long started = System.nanoTime();

	private final Spool areas;

	private final Spool products;

	private final Spool needs;

	private final Spool stages;

	private final Spool stageChanges;

	private final Spool patientCounts;

	private final Spool policyNotes;

	private final List<Spool> spools = new ArrayList<>();

	private final Map<String, Long> millis = new LinkedHashMap<>();

	ActivityCopyLoader(CopyManager copy) {
		this.copy = copy;
		this.areas = spool("interaction_therapeutic_area",
				"COPY interaction_therapeutic_area (interaction_id, therapeutic_area_id) FROM STDIN");
		this.products = spool("interaction_product", "COPY interaction_product (interaction_id, product_id) FROM STDIN");
		this.needs = spool("information_need", "COPY information_need (hcp_id, interaction_id, topic, category,"
				+ " therapeutic_area_id, product_id, urgency, status, routed_to, route_reason, close_reason, fulfilment,"
				+ " feedback_helpful, feedback_score, created_by, created_at, updated_by, updated_at) FROM STDIN");
		this.stages = spool("hcp_stage",
				"COPY hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by) FROM STDIN");
		this.stageChanges = spool("stage_change", "COPY stage_change (hcp_id, therapeutic_area_id, from_stage, to_stage,"
				+ " reason, changed_by, changed_at) FROM STDIN");
		this.patientCounts = spool("patient_count", "COPY patient_count (hcp_id, therapeutic_area_id, product_id, period,"
				+ " eligible_patients, treated_patients, reported_by, reported_at) FROM STDIN");
		this.policyNotes = spool("treatment_policy_note",
				"COPY treatment_policy_note (hcp_id, therapeutic_area_id, note, author, created_at) FROM STDIN");
		try {
			this.interactions = copy.copyIn(INTERACTION_COPY);
		}
		catch (SQLException ex) {
			close();
			throw new DemoDataException("COPY interaction failed to start", ex);
		}
	}

	@Override
	public void interaction(InteractionRow row) {
		StringBuilder sb = this.interactionText;
		Line.of(sb).add(row.id()).add(row.hcpId()).add(row.channel()).add(row.occurredAt()).add(row.durationMinutes())
			.add(row.author()).add(row.department()).add(row.outcome()).add(row.keyMessages()).add(row.notes())
			.add(row.recordedAt()).end(row.recordedAt());
		if (sb.length() >= FLUSH_CHARS) {
			flushInteractions();
		}
		this.areas.line().add(row.id()).end(row.therapeuticAreaId());
		if (row.productId() != null) {
			this.products.line().add(row.id()).end(row.productId());
		}
	}

	@Override
	public void need(NeedRow row) {
		this.needs.line().add(row.hcpId()).add(row.interactionId()).add(row.topic()).add(row.category())
			.add(row.therapeuticAreaId()).add(row.productId()).add(row.urgency()).add(row.status()).add(row.routedTo())
			.add(row.routeReason()).add(row.closeReason()).add(row.fulfilment()).add(row.feedbackHelpful())
			.add(row.feedbackScore()).add(row.createdBy()).add(row.createdAt()).add(row.updatedBy()).end(row.updatedAt());
	}

	@Override
	public void stage(StageRow row) {
		this.stages.line().add(row.hcpId()).add(row.therapeuticAreaId()).add(row.stage()).add(row.changedAt())
			.end(row.changedBy());
	}

	@Override
	public void stageChange(StageChangeRow row) {
		this.stageChanges.line().add(row.hcpId()).add(row.therapeuticAreaId()).add(row.fromStage()).add(row.toStage())
			.add(row.reason()).add(row.changedBy()).end(row.changedAt());
	}

	@Override
	public void patientCount(PatientCountRow row) {
		this.patientCounts.line().add(row.hcpId()).add(row.therapeuticAreaId()).add(row.productId()).add(row.period())
			.add(row.eligible()).add(row.treated()).add(row.reportedBy()).end(row.reportedAt());
	}

	@Override
	public void policyNote(PolicyNoteRow row) {
		this.policyNotes.line().add(row.hcpId()).add(row.therapeuticAreaId()).add(row.note()).add(row.author())
			.end(row.createdAt());
	}

	/** Ends the interaction copy, then copies every spooled table. */
	void finish() {
		flushInteractions();
		try {
			this.interactions.endCopy();
		}
		catch (SQLException ex) {
			throw new DemoDataException("COPY interaction failed", ex);
		}
		this.millis.put("interaction", (System.nanoTime() - this.started) / 1_000_000);
		for (Spool spool : this.spools) {
			long spoolStarted = System.nanoTime();
			spool.load(this.copy);
			this.millis.put(spool.table, (System.nanoTime() - spoolStarted) / 1_000_000);
		}
	}

	/** Wall time per table in ms (interactions include the generation), for the log. */
	Map<String, Long> millis() {
		return this.millis;
	}

	/** Leaves COPY mode if still in it and deletes the temporary files. */
	@Override
	public void close() {
		if (this.interactions != null && this.interactions.isActive()) {
			try {
				this.interactions.cancelCopy();
			}
			catch (SQLException ex) {
				// The transaction is rolled back anyway; the original failure is the one to report.
			}
		}
		this.spools.forEach(Spool::delete);
	}

	private void flushInteractions() {
		if (this.interactionText.length() == 0) {
			return;
		}
		byte[] bytes = this.interactionText.toString().getBytes(StandardCharsets.UTF_8);
		try {
			this.interactions.writeToCopy(bytes, 0, bytes.length);
		}
		catch (SQLException ex) {
			throw new DemoDataException("COPY interaction failed", ex);
		}
		this.interactionText.setLength(0);
	}

	private Spool spool(String table, String sql) {
		Spool spool = new Spool(table, sql);
		this.spools.add(spool);
		return spool;
	}

	/** One line of COPY text: tab-separated fields, \N for null, escaped text. */
	record Line(StringBuilder sb) {

		static Line of(StringBuilder sb) {
			return new Line(sb);
		}

		Line add(Object value) {
			append(value);
			this.sb.append('\t');
			return this;
		}

		void end(Object value) {
			append(value);
			this.sb.append('\n');
		}

		private void append(Object value) {
			if (value == null) {
				this.sb.append("\\N");
			}
			else if (value instanceof Number || value instanceof Boolean || value instanceof java.time.Instant
					|| value instanceof java.time.LocalDate) {
				this.sb.append(value);
			}
			else {
				CopyLoader.escape(this.sb, value.toString());
			}
		}

	}

	/** Rows of one table in a temporary file until they can be copied. */
	private static final class Spool {

		private final String table;

		private final String sql;

		private final StringBuilder text = new StringBuilder(FLUSH_CHARS + 4096);

		private Path file;

		private OutputStream out;

		Spool(String table, String sql) {
			this.table = table;
			this.sql = sql;
		}

		Line line() {
			if (this.text.length() >= FLUSH_CHARS) {
				write();
			}
			return Line.of(this.text);
		}

		private void write() {
			try {
				if (this.out == null) {
					this.file = Files.createTempFile("crm-demo-" + this.table + "-", ".copy");
					this.out = new BufferedOutputStream(Files.newOutputStream(this.file), 1 << 16);
				}
				this.out.write(this.text.toString().getBytes(StandardCharsets.UTF_8));
				this.text.setLength(0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Spooling " + this.table + " rows failed", ex);
			}
		}

		void load(CopyManager copy) {
			try {
				if (this.out == null) {
					byte[] bytes = this.text.toString().getBytes(StandardCharsets.UTF_8);
					if (bytes.length > 0) {
						copy.copyIn(this.sql, new java.io.ByteArrayInputStream(bytes));
					}
					return;
				}
				write();
				this.out.close();
				try (InputStream in = new BufferedInputStream(Files.newInputStream(this.file), 1 << 16)) {
					copy.copyIn(this.sql, in);
				}
			}
			catch (SQLException | IOException ex) {
				throw new DemoDataException("COPY " + this.table + " failed", ex);
			}
			finally {
				delete();
			}
		}

		void delete() {
			try {
				if (this.out != null) {
					this.out.close();
				}
				if (this.file != null) {
					Files.deleteIfExists(this.file);
				}
			}
			catch (IOException ex) {
				// A temporary file left behind is harmless; the OS cleans its temp directory.
			}
		}

	}

}
