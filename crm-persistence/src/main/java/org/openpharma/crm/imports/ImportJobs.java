package org.openpharma.crm.imports;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** SQL over import_job and import_row_error (V1). Callers decide the transactions. */
@Repository
class ImportJobs {

	private static final String COLUMNS = "id, kind, filename, encoding, status, total_rows, processed_rows,"
			+ " created_rows, updated_rows, failed_rows, failure_code, started_by, created_at, finished_at";

	private static final RowMapper<ImportJob> JOB = ImportJobs::job;

	private static final RowMapper<ImportRowError> ERROR = (rs, i) -> new ImportRowError(rs.getInt(1),
			rs.getString(2), ImportMessage.decode(rs.getString(3)), rs.getString(4));

	private final JdbcTemplate jdbc;

	ImportJobs(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	long create(ImportKind kind, String filename, ImportEncoding encoding, String actor, Instant now) {
		Long id = this.jdbc.queryForObject(
				"INSERT INTO import_job (kind, filename, encoding, status, started_by, created_at)"
						+ " VALUES (?, ?, ?, 'QUEUED', ?, ?) RETURNING id",
				Long.class, kind.name(), filename, encoding.label(), actor, Timestamp.from(now));
		return id;
	}

	Optional<ImportJob> find(long id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM import_job WHERE id = ?", JOB, id).stream().findFirst();
	}

	List<ImportJob> recent(int limit) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM import_job ORDER BY created_at DESC, id DESC LIMIT ?",
				JOB, limit);
	}

	/** QUEUED → RUNNING; false when the job was not queued (already run, or failed meanwhile). */
	boolean start(long id) {
		return this.jdbc.update("UPDATE import_job SET status = 'RUNNING', version = version + 1"
				+ " WHERE id = ? AND status = 'QUEUED'", id) == 1;
	}

	void counted(long id, ImportEncoding encoding, int totalRows) {
		this.jdbc.update("UPDATE import_job SET encoding = ?, total_rows = ?, version = version + 1 WHERE id = ?",
				encoding.label(), totalRows, id);
	}

	void progress(long id, int processed, int created, int updated, int failed, List<ImportRowError> errors) {
		if (!errors.isEmpty()) {
			this.jdbc.batchUpdate(
					"INSERT INTO import_row_error (job_id, row_number, field, message_code, raw_value)"
							+ " VALUES (?, ?, ?, ?, ?)",
					errors, 500, (ps, e) -> {
						ps.setLong(1, id);
						ps.setInt(2, e.rowNumber());
						ps.setString(3, e.field());
						ps.setString(4, truncate(e.message().encode(), 100));
						ps.setString(5, e.rawValue());
					});
		}
		this.jdbc.update("UPDATE import_job SET processed_rows = ?, created_rows = ?, updated_rows = ?,"
				+ " failed_rows = ?, version = version + 1 WHERE id = ?", processed, created, updated, failed, id);
	}

	void finish(long id, ImportStatus status, ImportMessage failure, Instant now) {
		this.jdbc.update("UPDATE import_job SET status = ?, failure_code = ?, finished_at = ?, version = version + 1"
				+ " WHERE id = ?", status.name(), (failure != null) ? truncate(failure.encode(), 100) : null,
				Timestamp.from(now), id);
	}

	/** Jobs left QUEUED or RUNNING by a process that has ended (created before {@code before}). */
	List<ImportJob> orphans(Instant before) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM import_job WHERE status IN ('QUEUED', 'RUNNING')"
				+ " AND created_at < ?", JOB, Timestamp.from(before));
	}

	List<ImportRowError> errors(long jobId, int limit) {
		return this.jdbc.query("SELECT row_number, field, message_code, raw_value FROM import_row_error"
				+ " WHERE job_id = ? ORDER BY row_number, id LIMIT ?", ERROR, jobId, limit);
	}

	long errorCount(long jobId) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM import_row_error WHERE job_id = ?", Long.class,
				jobId);
		return (count != null) ? count : 0;
	}

	void forEachError(long jobId, Consumer<ImportRowError> consumer) {
		this.jdbc.query(connection -> {
			PreparedStatement statement = connection.prepareStatement("SELECT row_number, field, message_code,"
					+ " raw_value FROM import_row_error WHERE job_id = ? ORDER BY row_number, id");
			// Streams (inside a transaction) instead of loading every error of a large file.
			statement.setFetchSize(500);
			statement.setLong(1, jobId);
			return statement;
		}, (ResultSet rs) -> {
			consumer.accept(ERROR.mapRow(rs, 0));
		});
	}

	private static ImportJob job(ResultSet rs, int i) throws SQLException {
		Timestamp finished = rs.getTimestamp(14);
		return new ImportJob(rs.getLong(1), ImportKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
				ImportStatus.valueOf(rs.getString(5)), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
				rs.getInt(10), ImportMessage.decode(rs.getString(11)), rs.getString(12),
				rs.getTimestamp(13).toInstant(), (finished != null) ? finished.toInstant() : null);
	}

	private static String truncate(String value, int max) {
		return (value.length() > max) ? value.substring(0, max) : value;
	}

}
