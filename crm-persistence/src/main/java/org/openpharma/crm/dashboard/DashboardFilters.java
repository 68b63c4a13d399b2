package org.openpharma.crm.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** What every dashboard's filter needs: the current month and day in Japan, and whether its codes exist. */
@Service
public class DashboardFilters {

	private final JdbcTemplate jdbc;

	private final ReferenceData reference;

	private final Clock clock;

	DashboardFilters(JdbcTemplate jdbc, ReferenceData reference, Clock clock) {
		this.jdbc = jdbc;
		this.reference = reference;
		this.clock = clock;
	}

	/** The current month in Japan. */
	public YearMonth currentMonth() {
		return YearMonth.from(this.clock.instant().atZone(Japan.ZONE));
	}

	/** Today in Japan. */
	public LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
	}

	/**
	 * Checks that the filter's codes exist and fit together (a product of another area); throws
	 * {@link ValidationException} with field messages otherwise.
	 */
	public void check(DashboardFilter filter) {
		List<FieldViolation> violations = new ArrayList<>();
		if (filter.therapeuticAreaId() != null
				&& !this.reference.therapeuticAreasExist(List.of(filter.therapeuticAreaId()))) {
			violations.add(new FieldViolation("ta", "dashboard.code.unknown"));
		}
		if (filter.productId() != null) {
			Long area = areaOf(filter.productId());
			if (area == null) {
				violations.add(new FieldViolation("product", "dashboard.code.unknown"));
			}
			else if (filter.therapeuticAreaId() != null && !area.equals(filter.therapeuticAreaId())) {
				violations.add(new FieldViolation("product", "dashboard.product.otherArea"));
			}
		}
		if (filter.regionCode() != null && !this.reference.isRegion(filter.regionCode())) {
			violations.add(new FieldViolation("region", "dashboard.code.unknown"));
		}
		if (filter.departmentCode() != null && !this.reference.isDepartment(filter.departmentCode())) {
			violations.add(new FieldViolation("department", "dashboard.code.unknown"));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
	}

	/** The filter's area, or its product's area when only a product is chosen, or null. */
	Long areaFor(DashboardFilter filter) {
		return (filter.therapeuticAreaId() != null) ? filter.therapeuticAreaId()
				: (filter.productId() != null) ? areaOf(filter.productId()) : null;
	}

	private Long areaOf(long productId) {
		List<Long> areas = this.jdbc.queryForList("SELECT therapeutic_area_id FROM product WHERE id = ?", Long.class,
				productId);
		return areas.isEmpty() ? null : areas.get(0);
	}

}
