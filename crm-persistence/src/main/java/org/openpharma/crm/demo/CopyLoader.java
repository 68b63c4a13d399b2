package org.openpharma.crm.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openpharma.crm.demo.DemoDataset.AffiliationRow;
import org.openpharma.crm.demo.DemoDataset.HcoRow;
import org.openpharma.crm.demo.DemoDataset.HcpRow;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams the demo rows into PostgreSQL with COPY (text format), one table after the other on the
 * caller's connection and transaction. HCOs and HCPs stream straight through; affiliations arrive
 * interleaved with their HCPs and are buffered until the HCP copy has ended, because a connection runs one
 * COPY at a time and their foreign keys need the HCPs.
 */
final class CopyLoader implements DemoDataset.Sink {

	static final String HCO_COPY = "COPY hco (id, institution_code, name, name_kana, hco_type, prefecture_code,"
			+ " postal_code, address, phone, bed_count, parent_id) FROM STDIN";

	// Generated columns (kanji_key, kana_key, romaji_key, search_text) are computed by the server.
	static final String HCP_COPY = "COPY hcp (id, registry_number, name_kanji, name_kana, name_romaji,"
			+ " specialty_code, email, phone, primary_hco_id, status, updated_by) FROM STDIN";

	static final String AFFILIATION_COPY = "COPY affiliation (hcp_id, hco_id, role, valid_from, valid_to) FROM STDIN";

	private static final int FLUSH_CHARS = 256 * 1024;

	private final CopyManager copy;

	private final StringBuilder line = new StringBuilder(FLUSH_CHARS + 1024);

	private final ByteArrayOutputStream affiliations = new ByteArrayOutputStream(1 << 20);

	private final StringBuilder affiliationText = new StringBuilder(FLUSH_CHARS + 1024);

	private CopyIn current;

	private String currentTable;

	private long currentStarted;

	/** Milliseconds per table (generation and COPY overlap: this is the wall time of each stream). */
	private final Map<String, Long> millis = new LinkedHashMap<>();

	CopyLoader(CopyManager copy) {
		this.copy = copy;
	}

	@Override
	public void hco(HcoRow row) {
		switchTo("hco", HCO_COPY);
		field(row.id()).field(row.institutionCode())
			.field(row.name())
			.field(row.nameKana())
			.field(row.type())
			.field(row.prefectureCode())
			.field(row.postalCode())
			.field(row.address())
			.field(row.phone())
			.field(row.bedCount())
			.last(row.parentId());
	}

	@Override
	public void hcp(HcpRow row) {
		switchTo("hcp", HCP_COPY);
		field(row.id()).field(row.registryNumber())
			.field(row.nameKanji())
			.field(row.nameKana())
			.field(row.nameRomaji())
			.field(row.specialtyCode())
			.field(row.email())
			.field(row.phone())
			.field(row.primaryHcoId())
			.field(row.status())
			.last("demo");
	}

	@Override
	public void affiliation(AffiliationRow row) {
		StringBuilder sb = this.affiliationText;
		sb.append(row.hcpId()).append('\t').append(row.hcoId()).append('\t');
		escape(sb, row.role());
		sb.append('\t').append(date(row.validFrom())).append('\t').append(date(row.validTo())).append('\n');
		if (sb.length() >= FLUSH_CHARS) {
			this.affiliations.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
			sb.setLength(0);
		}
	}

	/** Ends the open copy and loads the buffered affiliations. */
	void finish() {
		endCurrent();
		this.affiliations.writeBytes(this.affiliationText.toString().getBytes(StandardCharsets.UTF_8));
		this.affiliationText.setLength(0);
		if (this.affiliations.size() > 0) {
			try {
				long started = System.nanoTime();
				CopyIn in = this.copy.copyIn(AFFILIATION_COPY);
				byte[] bytes = this.affiliations.toByteArray();
				in.writeToCopy(bytes, 0, bytes.length);
				in.endCopy();
				this.millis.put("affiliation", (System.nanoTime() - started) / 1_000_000);
			}
			catch (SQLException ex) {
				throw new DemoDataException("COPY affiliation failed", ex);
			}
		}
	}

	/** Wall time per table, for the log. */
	Map<String, Long> millis() {
		return this.millis;
	}

	/** Leaves COPY mode after a failure, so the connection can roll back and return to the pool. */
	void abort() {
		if (this.current != null && this.current.isActive()) {
			try {
				this.current.cancelCopy();
			}
			catch (SQLException ex) {
				// The transaction is rolled back anyway; the original failure is the one to report.
			}
		}
		this.current = null;
		this.currentTable = null;
	}

	private void switchTo(String table, String sql) {
		if (table.equals(this.currentTable)) {
			return;
		}
		endCurrent();
		try {
			this.current = this.copy.copyIn(sql);
			this.currentTable = table;
			this.currentStarted = System.nanoTime();
		}
		catch (SQLException ex) {
			throw new DemoDataException("COPY " + table + " failed to start", ex);
		}
	}

	private void endCurrent() {
		if (this.current == null) {
			return;
		}
		try {
			flush();
			this.current.endCopy();
		}
		catch (SQLException ex) {
			throw new DemoDataException("COPY " + this.currentTable + " failed", ex);
		}
		this.millis.put(this.currentTable, (System.nanoTime() - this.currentStarted) / 1_000_000);
		this.current = null;
		this.currentTable = null;
	}

	private void flush() throws SQLException {
		if (this.line.length() > 0) {
			byte[] bytes = this.line.toString().getBytes(StandardCharsets.UTF_8);
			this.current.writeToCopy(bytes, 0, bytes.length);
			this.line.setLength(0);
		}
	}

	private CopyLoader field(Object value) {
		append(value);
		this.line.append('\t');
		return this;
	}

	private void last(Object value) {
		append(value);
		this.line.append('\n');
		if (this.line.length() >= FLUSH_CHARS) {
			try {
				flush();
			}
			catch (SQLException ex) {
				throw new DemoDataException("COPY " + this.currentTable + " failed", ex);
			}
		}
	}

	private void append(Object value) {
		if (value == null) {
			this.line.append("\\N");
		}
		else if (value instanceof Number) {
			this.line.append(value);
		}
		else {
			escape(this.line, value.toString());
		}
	}

	private static String date(LocalDate date) {
		return (date != null) ? date.toString() : "\\N";
	}

	/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
	static void escape(StringBuilder sb, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> sb.append("\\\\");
				case '\t' -> sb.append("\\t");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				default -> sb.append(c);
			}
		}
	}

}
