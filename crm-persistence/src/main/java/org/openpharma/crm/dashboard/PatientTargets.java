package org.openpharma.crm.dashboard;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Treated-patient targets per area (product, region) and month, set by managers and admins; audited. */
@Service
@Transactional
public class PatientTargets {

	public record Target(long id, long therapeuticAreaId, Long productId, String regionCode, YearMonth period,
			int treatedTarget, String setBy, Instant setAt, long version) {
	}

	private static final String COLUMNS = "SELECT id, therapeutic_area_id, product_id, region_code, period,"
			+ " treated_target, set_by, set_at, version FROM patient_target";

	private final JdbcTemplate jdbc;

	private final ReferenceData reference;

	private final AuditTrail audit;

	private final Clock clock;

	private final DashboardFilters filters;

	PatientTargets(JdbcTemplate jdbc, ReferenceData reference, AuditTrail audit, Clock clock,
			DashboardFilters filters) {
		this.jdbc = jdbc;
		this.reference = reference;
		this.audit = audit;
		this.clock = clock;
		this.filters = filters;
	}

	/** The targets of the filter's period and area (all areas when none), in month order. */
	@Transactional(readOnly = true)
	public List<Target> list(DashboardFilter filter) {
		List<Object> args = new ArrayList<>(List.of(Date.valueOf(filter.from().atDay(1)), Date.valueOf(filter.to().atDay(1))));
		String area = "";
		if (filter.therapeuticAreaId() != null) {
			area = " AND therapeutic_area_id = ?";
			args.add(filter.therapeuticAreaId());
		}
		return this.jdbc.query(COLUMNS + " WHERE period BETWEEN ? AND ?" + area
				+ " ORDER BY period, therapeutic_area_id, product_id NULLS FIRST, region_code NULLS FIRST", PatientTargets::target, args.toArray());
	}

	/**
	 * Sets the target of the draft's area, product, region and month: creates it, or replaces the existing one
	 * when {@code expectedVersion} is the version the user saw (null when they saw none). Another manager's
	 * change in between is a {@link StaleVersionException}, never a silent overwrite.
	 */
	public Target set(TargetDraft draft, Long expectedVersion, String actor) {
		List<FieldViolation> violations = new ArrayList<>(draft.violations(this.filters.currentMonth()));
		if (draft.therapeuticAreaId() != null
				&& !this.reference.therapeuticAreasExist(List.of(draft.therapeuticAreaId()))) {
			violations.add(new FieldViolation("therapeuticAreaId", "dashboard.code.unknown"));
		}
		if (draft.productId() != null) {
			List<Long> area = this.jdbc.queryForList("SELECT therapeutic_area_id FROM product WHERE id = ?", Long.class,
					draft.productId());
			if (area.isEmpty()) {
				violations.add(new FieldViolation("productId", "dashboard.code.unknown"));
			}
			else if (!area.get(0).equals(draft.therapeuticAreaId())) {
				violations.add(new FieldViolation("productId", "dashboard.product.otherArea"));
			}
		}
		if (draft.regionCode() != null && !this.reference.isRegion(draft.regionCode())) {
			violations.add(new FieldViolation("regionCode", "dashboard.code.unknown"));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		Instant now = this.clock.instant();
		Date period = Date.valueOf(draft.period().atDay(1));
		// Serialises two managers setting the same target: the second one waits, then sees the first's version.
		this.jdbc.query("SELECT pg_advisory_xact_lock(1413829460, hashtext(?))", rs -> null,
				draft.therapeuticAreaId() + "/" + draft.productId() + "/" + draft.regionCode() + "/" + draft.period());
		List<Target> existing = this.jdbc.query(COLUMNS + " WHERE therapeutic_area_id = ?"
				+ " AND coalesce(product_id, 0) = ? AND coalesce(region_code, '-') = ? AND period = ?", PatientTargets::target, draft.therapeuticAreaId(), (draft.productId() != null) ? draft.productId() : 0L,
				(draft.regionCode() != null) ? draft.regionCode() : "-", period);
		if (existing.isEmpty()) {
			if (expectedVersion != null) {
				throw new StaleVersionException("patient target", draft.period(), expectedVersion, -1);
			}
			Long id = this.jdbc.queryForObject("INSERT INTO patient_target (therapeutic_area_id, product_id, region_code,"
					+ " period, treated_target, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
					draft.therapeuticAreaId(), draft.productId(), draft.regionCode(), period, draft.treatedTarget(), actor,
					Timestamp.from(now));
			Target created = new Target(id, draft.therapeuticAreaId(), draft.productId(), draft.regionCode(),
					draft.period(), draft.treatedTarget(), actor, now, 0);
			this.audit.record(actor, "SET", "PATIENT_TARGET", id, null, snapshot(created));
			return created;
		}
		Target current = existing.get(0);
		if (expectedVersion == null || current.version() != expectedVersion) {
			throw new StaleVersionException("patient target", current.id(),
					(expectedVersion != null) ? expectedVersion : -1, current.version());
		}
		this.jdbc.update("UPDATE patient_target SET treated_target = ?, set_by = ?, set_at = ?, version = version + 1"
				+ " WHERE id = ? AND version = ?", draft.treatedTarget(), actor, Timestamp.from(now), current.id(),
				current.version());
		Target updated = new Target(current.id(), current.therapeuticAreaId(), current.productId(), current.regionCode(),
				current.period(), draft.treatedTarget(), actor, now, current.version() + 1);
		this.audit.record(actor, "SET", "PATIENT_TARGET", current.id(), snapshot(current), snapshot(updated));
		return updated;
	}

	private static Target target(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		long product = rs.getLong(3);
		return new Target(rs.getLong(1), rs.getLong(2), rs.wasNull() ? null : product, rs.getString(4),
				YearMonth.from(rs.getDate(5).toLocalDate()), rs.getInt(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
				rs.getLong(9));
	}

	private static Map<String, Object> snapshot(Target target) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("therapeuticAreaId", target.therapeuticAreaId());
		state.put("productId", target.productId());
		state.put("regionCode", target.regionCode());
		state.put("period", target.period().toString());
		state.put("treatedTarget", target.treatedTarget());
		state.put("version", target.version());
		return state;
	}

}
