package org.openpharma.crm.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentPolicy.Decision;
import org.openpharma.crm.hcp.HcpMerged;
import org.openpharma.crm.privacy.ErasureCounts;
import org.openpharma.crm.privacy.HcpErased;
import org.openpharma.crm.shared.DomainEvent;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consent ledger of each HCP: records are appended (the table refuses anything else) and the
 * current state is what {@link ConsentPolicy} makes of them.
 *
 * <p>Withdrawal is immediate: appending a record takes an exclusive per-HCP lock, and every outbound
 * step takes the shared one before it reads the ledger ({@link #checkContact}); so once a withdrawal
 * has committed, no outbound contact checked after it can still see the old grant, and a contact
 * checked before it commits first.
 */
@Service
@Transactional(readOnly = true)
public class ConsentLedger {

	/** First key of the per-HCP advisory lock ("CNST"); the second is the HCP id. */
	static final int LOCK_SPACE = 0x434E5354;

	/** A ledger record as the history shows it. */
	public record Row(long id, ConsentEntry entry, Instant recordedAt) {
	}

	private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"),
			new ConsentEntry(ConsentChannel.valueOf(rs.getString("channel")),
					ConsentPurpose.valueOf(rs.getString("purpose")), ConsentState.valueOf(rs.getString("state")),
					ConsentSource.valueOf(rs.getString("source")), rs.getString("evidence_ref"),
					rs.getString("captured_by"), rs.getTimestamp("captured_at").toInstant(),
					(rs.getTimestamp("expires_at") != null) ? rs.getTimestamp("expires_at").toInstant() : null),
			rs.getTimestamp("recorded_at").toInstant());

	private final JdbcTemplate jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ConsentLedger(JdbcTemplate jdbc, AuditTrail audit, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	/** Appends a record for a live HCP; returns its id. Bad input is refused field by field, nothing saved. */
	@Transactional
	public long record(long hcpId, ConsentEntry entry, String actor) {
		Instant now = this.clock.instant();
		List<FieldViolation> violations = entry.violations(now);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		requireLiveHcp(hcpId);
		lockExclusively(hcpId);
		// PostgreSQL keeps microseconds and the driver rounds: stored as given, a record captured "now"
		// could read back a fraction of a microsecond in the future and not count yet.
		Instant capturedAt = entry.capturedAt().truncatedTo(ChronoUnit.MICROS);
		Instant expiresAt = (entry.expiresAt() != null) ? entry.expiresAt().truncatedTo(ChronoUnit.MICROS) : null;
		Long id = this.jdbc.queryForObject("INSERT INTO consent_record (hcp_id, channel, purpose, state, source,"
				+ " evidence_ref, captured_by, captured_at, expires_at, recorded_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class, hcpId, entry.channel().name(),
				entry.purpose().name(), entry.state().name(), entry.source().name(), blankToNull(entry.evidenceRef()),
				entry.capturedBy(), Timestamp.from(capturedAt), (expiresAt != null) ? Timestamp.from(expiresAt) : null,
				Timestamp.from(now));
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("hcpId", hcpId);
		after.put("channel", entry.channel().name());
		after.put("purpose", entry.purpose().name());
		after.put("state", entry.state().name());
		after.put("source", entry.source().name());
		after.put("capturedAt", entry.capturedAt().toString());
		after.put("expiresAt", (entry.expiresAt() != null) ? entry.expiresAt().toString() : null);
		this.audit.record(actor, "CONSENT_" + entry.state().name(), "CONSENT", id, null, after);
		this.events.publishEvent(new ConsentChanged(DomainEvent.newId(), now, hcpId, id, entry.channel(),
				entry.purpose(), entry.state(), entry.source(), capturedAt, expiresAt));
		return id;
	}

	/** Whether the ledger already holds this record (same channel, purpose, state and capture time): re-imports. */
	public boolean contains(long hcpId, ConsentEntry entry) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM consent_record WHERE hcp_id = ?"
				+ " AND channel = ? AND purpose = ? AND state = ? AND captured_at = ?)", Boolean.class, hcpId,
				entry.channel().name(), entry.purpose().name(), entry.state().name(),
				Timestamp.from(entry.capturedAt().truncatedTo(ChronoUnit.MICROS))));
	}

	/** Every record of the HCP in the order appended. */
	public List<Row> history(long hcpId) {
		return this.jdbc.query("SELECT * FROM consent_record WHERE hcp_id = ? ORDER BY id", ROW, hcpId);
	}

	/** The current decision per channel and purpose, under the company's consent rules. */
	public Map<ConsentChannel, Map<ConsentPurpose, Decision>> matrix(long hcpId) {
		return ConsentPolicy.matrix(entries(hcpId), rules(), this.clock.instant());
	}

	/** The consent mode of every channel and purpose (table consent_rule; a pair without a row is opt-in). */
	public ConsentRules rules() {
		Map<ConsentChannel, Map<ConsentPurpose, ConsentMode>> modes = new java.util.EnumMap<>(ConsentChannel.class);
		this.jdbc.query("SELECT channel, purpose, mode FROM consent_rule", rs -> {
			modes.computeIfAbsent(ConsentChannel.valueOf(rs.getString(1)), c -> new java.util.EnumMap<>(ConsentPurpose.class))
				.put(ConsentPurpose.valueOf(rs.getString(2)), ConsentMode.valueOf(rs.getString(3)));
		});
		return ConsentRules.of(modes);
	}

	/**
	 * What the policy says about a contact on this channel for this purpose now, read under the shared
	 * per-HCP lock (held until the caller's transaction ends) so a withdrawal committed before is seen.
	 * Refuses nothing: a record of a contact that happened is kept and flagged with the decision.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Decision assessContact(long hcpId, Optional<ConsentChannel> channel, ConsentPurpose purpose) {
		if (channel.isEmpty()) {
			return ConsentPolicy.forContact(channel, purpose, List.of(), this.clock.instant());
		}
		// Two statements on purpose: in READ COMMITTED each statement reads with its own snapshot, taken when
		// it starts; the read must start after the lock is granted to see a withdrawal committed meanwhile.
		this.jdbc.query("SELECT pg_advisory_xact_lock_shared(?, ?)", rs -> null, LOCK_SPACE, lockKey(hcpId));
		Instant now = this.clock.instant();
		// Only the record that counts (the policy's "latest captured, then last appended"), not the whole ledger.
		List<ConsentEntry> latest = this.jdbc.query("SELECT * FROM consent_record WHERE hcp_id = ? AND channel = ?"
				+ " AND purpose = ? AND captured_at <= ? ORDER BY captured_at DESC, id DESC LIMIT 1", ROW, hcpId,
				channel.get().name(), purpose.name(), Timestamp.from(now)).stream().map(Row::entry).toList();
		List<String> mode = this.jdbc.queryForList("SELECT mode FROM consent_rule WHERE channel = ? AND purpose = ?",
				String.class, channel.get().name(), purpose.name());
		return ConsentPolicy.decide(channel.get(), purpose,
				mode.isEmpty() ? ConsentMode.OPT_IN : ConsentMode.valueOf(mode.get(0)), latest, now);
	}

	/** The field-level refusal for a decision that does not allow the contact. */
	public static ValidationException refusal(Decision decision, String field) {
		String since = (decision.basis() != null) ? decision.basis().capturedAt().atZone(Japan.ZONE).toLocalDate().toString()
				: "";
		String expired = (decision.basis() != null && decision.basis().expiresAt() != null)
				? decision.basis().expiresAt().atZone(Japan.ZONE).toLocalDate().toString() : "";
		return new ValidationException(List.of(new FieldViolation(field, decision.messageCode(),
				new DefaultMessageSourceResolvable("consent.channel." + decision.channel().name()),
				new DefaultMessageSourceResolvable("consent.purpose." + decision.purpose().name()),
				decision.reason() == ConsentPolicy.Reason.EXPIRED ? expired : since)));
	}

	/**
	 * The check every outbound step the company initiates makes inside its own transaction, under the
	 * shared per-HCP lock (held until that transaction ends). Throws a field-level ValidationException on {@code field} naming the
	 * missing consent; returns the decision when the contact may go ahead.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Decision checkContact(long hcpId, Optional<ConsentChannel> channel, ConsentPurpose purpose, String field) {
		Decision decision = assessContact(hcpId, channel, purpose);
		if (!decision.allowed()) {
			throw refusal(decision, field);
		}
		return decision;
	}

	/**
	 * A merge: the duplicate's records are appended to the survivor's ledger as they were (capture time,
	 * source, expiry), marked in the evidence; the duplicate keeps its own, since nothing is deleted. A
	 * withdrawal given under either record therefore counts for the merged HCP. Runs inside the merge's
	 * transaction (docs/adr/0023).
	 */
	@EventListener
	@Order(HcpMerged.MOVE_RECORDS)
	@Transactional(propagation = Propagation.MANDATORY)
	void copyForMerge(HcpMerged merged) {
		long fromHcpId = merged.duplicateId();
		long toHcpId = merged.survivorId();
		lockExclusively(toHcpId);
		int copied = this.jdbc.update("INSERT INTO consent_record (hcp_id, channel, purpose, state, source, evidence_ref,"
				+ " captured_by, captured_at, expires_at, recorded_at) SELECT ?, channel, purpose, state, source,"
				+ " left(coalesce(evidence_ref || ' ', '') || '(merged from HCP #' || hcp_id || ')', 200), captured_by,"
				+ " captured_at, expires_at, recorded_at FROM consent_record WHERE hcp_id = ? ORDER BY id", toHcpId,
				fromHcpId);
		this.audit.record(merged.actor(), "MERGE_MOVE", "HCP", toHcpId, null,
				Map.of("module", "consent", "fromHcpId", fromHcpId, "consentRecords", copied));
	}

	/** An erasure: the ledger stays as proof; the self-service links go (R__erasure.sql). */
	@EventListener
	@Order(HcpErased.ERASE_RECORDS)
	void eraseFor(HcpErased erased) {
		ErasureCounts.collect(this.jdbc, "crm_erase_consent(?)", erased.hcpId());
	}

	List<ConsentEntry> entries(long hcpId) {
		return history(hcpId).stream().map(Row::entry).toList();
	}

	void requireLiveHcp(long hcpId) {
		List<String> status = this.jdbc.queryForList("SELECT status FROM hcp WHERE id = ?", String.class, hcpId);
		if (status.isEmpty()) {
			throw new NotFoundException("HCP", hcpId);
		}
		if ("MERGED".equals(status.get(0))) {
			throw ValidationException.of(null, "consent.hcp.merged");
		}
	}

	void lockExclusively(long hcpId) {
		this.jdbc.query("SELECT pg_advisory_xact_lock(?, ?)", rs -> null, LOCK_SPACE, lockKey(hcpId));
	}

	private static int lockKey(long hcpId) {
		return (int) (hcpId % Integer.MAX_VALUE);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
