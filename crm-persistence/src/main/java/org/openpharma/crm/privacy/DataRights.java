package org.openpharma.crm.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An HCP's data rights: everything the company holds about them as one export, and erasure on request.
 * Erasure removes or anonymises what identifies the person and keeps what must be kept, saying why:
 * the consent ledger (proof of consent and withdrawal), the audit trail (accountability) and reported
 * patient figures (aggregates that identify nobody once the profile is anonymised), and medical inquiries
 * with their adverse-event hand-offs (kept by law).
 */
@Service
@Transactional(readOnly = true)
public class DataRights {

	/** The name an erased record shows. */
	public static final String ERASED_NAME = "消去済み";

	// The same texts as crm_erase_hcp (db/migration/R__erasure.sql).
	static final String ERASED_KANA = "ショウキョズミ";

	static final String ERASED_TEXT = "(消去済み)";

	/** One line of the erasure report: what (a category code), how many rows, and why (a reason code or null). */
	public record Line(String category, int rows, String reason) {
	}

	/** What an erasure removed, anonymised and kept. */
	public record ErasureReport(long hcpId, Instant erasedAt, List<Line> removed, List<Line> anonymised,
			List<Line> kept) {

		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("erasedAt", this.erasedAt.toString());
			this.removed.forEach(l -> map.put("removed." + l.category(), l.rows()));
			this.anonymised.forEach(l -> map.put("anonymised." + l.category(), l.rows()));
			this.kept.forEach(l -> map.put("kept." + l.category(), l.rows()));
			return map;
		}

	}

	/** Sections of the export: name and query (all take the HCP id once). */
	private static final Map<String, String> SECTIONS = sections();

	private final JdbcTemplate jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	DataRights(JdbcTemplate jdbc, AuditTrail audit, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	private static Map<String, String> sections() {
		Map<String, String> sections = new LinkedHashMap<>();
		sections.put("profile", "SELECT id, registry_number, name_kanji, name_kana, name_romaji, specialty_code, email,"
				+ " phone, primary_hco_id, status, created_at, updated_at, erased_at FROM hcp WHERE id = ?");
		sections.put("mergedRecords", "SELECT id, registry_number, name_kanji, name_kana, name_romaji, email, phone"
				+ " FROM hcp WHERE merged_into_id = ? ORDER BY id");
		sections.put("affiliations", "SELECT a.hco_id, o.name AS hco_name, a.role, a.valid_from, a.valid_to"
				+ " FROM affiliation a JOIN hco o ON o.id = a.hco_id WHERE a.hcp_id = ? ORDER BY a.valid_from, a.hco_id");
		sections.put("consent", "SELECT channel, purpose, state, source, evidence_ref, captured_by, captured_at,"
				+ " expires_at, recorded_at FROM consent_record WHERE hcp_id = ? ORDER BY id");
		sections.put("interactions", "SELECT id, channel, purpose, occurred_at, duration_minutes, author,"
				+ " department_code, outcome, key_messages, notes, corrects_id, recorded_at FROM interaction"
				+ " WHERE hcp_id = ? ORDER BY occurred_at, id");
		sections.put("needs", "SELECT id, interaction_id, topic, category, urgency, details, status, routed_to,"
				+ " fulfilment, feedback_helpful, feedback_score, feedback_comment, answered_by_inquiry_id, created_at,"
				+ " updated_at FROM information_need WHERE hcp_id = ? ORDER BY created_at, id");
		sections.put("adoptionStages", "SELECT therapeutic_area_id, from_stage, to_stage, reason, changed_by, changed_at"
				+ " FROM stage_change WHERE hcp_id = ? ORDER BY changed_at, id");
		sections.put("policyNotes", "SELECT therapeutic_area_id, note, author, created_at FROM treatment_policy_note"
				+ " WHERE hcp_id = ? ORDER BY created_at, id");
		sections.put("medicalInquiries", "SELECT q.id, q.subject, q.question, q.product_id, q.answer_channel, q.status,"
				+ " q.received_at, q.due_at, a.description AS adverse_event, a.seriousness, a.onset_date"
				+ " FROM medical_inquiry q LEFT JOIN adverse_event_handoff a ON a.inquiry_id = q.id WHERE q.hcp_id = ?"
				+ " ORDER BY q.received_at, q.id");
		sections.put("patientCounts", "SELECT therapeutic_area_id, product_id, period, eligible_patients,"
				+ " treated_patients, reported_by, reported_at FROM patient_count WHERE hcp_id = ? ORDER BY period, id");
		return sections;
	}

	/**
	 * Everything held about the HCP, section by section, times as ISO-8601 text, medical content included:
	 * only the privacy officer reads it, and every read is audited with who, how and which sections.
	 */
	@Transactional
	public Map<String, List<Map<String, Object>>> export(long hcpId, String actor, String format) {
		requireExists(hcpId);
		Map<String, Object> what = new LinkedHashMap<>();
		what.put("format", format);
		what.put("sections", sectionNames());
		this.audit.record(actor, "EXPORT", "HCP", hcpId, null, what);
		Map<String, List<Map<String, Object>>> export = new LinkedHashMap<>();
		SECTIONS.forEach((name, sql) -> export.put(name, this.jdbc.queryForList(sql, hcpId).stream()
			.map(DataRights::readable).toList()));
		return export;
	}

	/** The export's section names, in order (for the readable page). */
	public static List<String> sectionNames() {
		return List.copyOf(SECTIONS.keySet());
	}

	/**
	 * Erases the HCP on request: one transaction, audited with the report. A merged record is erased through
	 * its survivor (which takes the merged records along); an erased one cannot be erased again.
	 */
	@Transactional
	public ErasureReport erase(long hcpId, String actor) {
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"SELECT status, erased_at FROM hcp WHERE id = ? FOR UPDATE", hcpId);
		if (rows.isEmpty()) {
			throw new NotFoundException("HCP", hcpId);
		}
		if ("MERGED".equals(rows.get(0).get("status"))) {
			throw DomainException.global("privacy.erase.merged");
		}
		if (rows.get(0).get("erased_at") != null) {
			throw DomainException.global("privacy.erase.already");
		}
		Instant now = this.clock.instant();
		// Every module erases its own part when it handles HcpErased, through its own database function with the
		// owner's rights (the application's role cannot change history itself, ADR 0017), the profile last; each
		// answers how many rows of each kind it removed, anonymised or kept (docs/adr/0023).
		Map<String, Integer> done = ErasureCounts.open();
		try {
			this.events.publishEvent(HcpErased.of(hcpId, actor, now));
		}
		finally {
			ErasureCounts.close();
		}
		if (!done.containsKey("anonymised.profile")) {
			throw new IllegalStateException("HcpErased was not handled by the hcp module");
		}
		List<Line> removed = new ArrayList<>();
		List<Line> anonymised = new ArrayList<>();
		List<Line> kept = new ArrayList<>();
		removed.add(line(done, "removed.policyNotes", null));
		removed.add(line(done, "removed.affiliations", null));
		removed.add(line(done, "removed.consentLinks", null));
		anonymised.add(line(done, "anonymised.interactions", "privacy.reason.counts"));
		anonymised.add(line(done, "anonymised.needs", "privacy.reason.counts"));
		anonymised.add(line(done, "anonymised.adoptionStages", "privacy.reason.counts"));
		anonymised.add(line(done, "anonymised.mergedRecords", null));
		anonymised.add(line(done, "anonymised.profile", null));
		anonymised.add(line(done, "anonymised.auditPayloads", "privacy.reason.auditRedacted"));
		kept.add(line(done, "kept.consent", "privacy.reason.consentProof"));
		kept.add(line(done, "kept.patientCounts", "privacy.reason.aggregates"));
		kept.add(line(done, "kept.medicalInquiries", "privacy.reason.law"));
		kept.add(line(done, "kept.auditTrail", "privacy.reason.accountability"));
		ErasureReport report = new ErasureReport(hcpId, now, removed, anonymised, kept);
		this.audit.record(actor, "ERASE", "HCP", hcpId, null, report.toMap());
		return report;
	}

	private static Line line(Map<String, Integer> counts, String key, String reason) {
		return new Line(key.substring(key.indexOf('.') + 1), counts.getOrDefault(key, 0), reason);
	}

	private void requireExists(long hcpId) {
		if (!Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM hcp WHERE id = ?)", Boolean.class,
				hcpId))) {
			throw new NotFoundException("HCP", hcpId);
		}
	}

	private static Map<String, Object> readable(Map<String, Object> row) {
		Map<String, Object> out = new LinkedHashMap<>();
		row.forEach((key, value) -> {
			if (value instanceof Timestamp timestamp) {
				out.put(key, timestamp.toInstant().toString());
			}
			else if (value instanceof java.sql.Date date) {
				out.put(key, date.toLocalDate().toString());
			}
			else {
				out.put(key, value);
			}
		});
		return out;
	}

}
