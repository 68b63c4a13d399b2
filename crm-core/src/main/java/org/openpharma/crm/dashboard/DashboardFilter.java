package org.openpharma.crm.dashboard;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;

/**
 * What a dashboard shows: a period of whole months and optional therapeutic area, product, region and
 * department. Built from request parameters as typed ({@link #parse}), so that a tampered or mistyped
 * parameter becomes a field message instead of an error; whether the codes exist is checked against the
 * reference data by the caller.
 *
 * @param from first month, inclusive
 * @param to last month, inclusive
 * @param therapeuticAreaId null for all areas
 * @param productId null for all products
 * @param regionCode null for all of Japan
 * @param departmentCode null for all departments
 */
public record DashboardFilter(YearMonth from, YearMonth to, Long therapeuticAreaId, Long productId, String regionCode,
		String departmentCode) {

	/** The longest period a dashboard shows: three years, the history the data keeps at hand. */
	public static final int MAX_MONTHS = 36;

	/** The default period: the twelve months up to and including the current one. */
	public static final int DEFAULT_MONTHS = 12;

	private static final Pattern CODE = Pattern.compile("[A-Z_]{1,20}");

	private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

	/** The default view: the last twelve months, everything. */
	public static DashboardFilter defaults(YearMonth current) {
		return new DashboardFilter(current.minusMonths(DEFAULT_MONTHS - 1), current, null, null, null, null);
	}

	/**
	 * Reads the parameters (blank means "not set"); months as {@code yyyy-MM}. Throws
	 * {@link ValidationException} with one violation per bad field.
	 */
	public static DashboardFilter parse(String from, String to, String therapeuticArea, String product, String region,
			String department, YearMonth current) {
		List<FieldViolation> violations = new ArrayList<>();
		DashboardFilter defaults = defaults(current);
		YearMonth start = month(from, "from", defaults.from(), violations);
		YearMonth end = month(to, "to", defaults.to(), violations);
		Long area = id(therapeuticArea, "ta", violations);
		Long productId = id(product, "product", violations);
		String regionCode = code(region, "region", violations);
		String departmentCode = code(department, "department", violations);
		if (start != null && end != null) {
			if (start.isAfter(end)) {
				violations.add(new FieldViolation("to", "dashboard.period.order"));
			}
			else if (start.plusMonths(MAX_MONTHS - 1).isBefore(end)) {
				violations.add(new FieldViolation("to", "dashboard.period.tooLong", MAX_MONTHS));
			}
			// Targets may be set ahead, figures never come from the far future.
			if (end.isAfter(current.plusMonths(DEFAULT_MONTHS))) {
				violations.add(new FieldViolation("to", "dashboard.period.future"));
			}
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		return new DashboardFilter(start, end, area, productId, regionCode, departmentCode);
	}

	/** Number of months in the period. */
	public int months() {
		return (int) (this.to.getYear() * 12L + this.to.getMonthValue() - this.from.getYear() * 12L
				- this.from.getMonthValue() + 1);
	}

	/** Every month of the period, in order. */
	public List<YearMonth> monthList() {
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth month = this.from; !month.isAfter(this.to); month = month.plusMonths(1)) {
			months.add(month);
		}
		return months;
	}

	/** The filter as request parameters (unset ones left out), for links to drill-downs and exports. */
	public Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("from", this.from.toString());
		parameters.put("to", this.to.toString());
		if (this.therapeuticAreaId != null) {
			parameters.put("ta", this.therapeuticAreaId.toString());
		}
		if (this.productId != null) {
			parameters.put("product", this.productId.toString());
		}
		if (this.regionCode != null) {
			parameters.put("region", this.regionCode);
		}
		if (this.departmentCode != null) {
			parameters.put("department", this.departmentCode);
		}
		return parameters;
	}

	private static YearMonth month(String value, String field, YearMonth fallback, List<FieldViolation> violations) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			YearMonth month = YearMonth.parse(value.strip());
			if (month.getYear() < 2000 || month.getYear() > 2100) {
				violations.add(new FieldViolation(field, "dashboard.period.invalid"));
				return null;
			}
			return month;
		}
		catch (DateTimeParseException ex) {
			violations.add(new FieldViolation(field, "dashboard.period.invalid"));
			return null;
		}
	}

	private static Long id(String value, String field, List<FieldViolation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!ID.matcher(value.strip()).matches()) {
			violations.add(new FieldViolation(field, "dashboard.code.unknown"));
			return null;
		}
		return Long.valueOf(value.strip());
	}

	private static String code(String value, String field, List<FieldViolation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!CODE.matcher(value.strip()).matches()) {
			violations.add(new FieldViolation(field, "dashboard.code.unknown"));
			return null;
		}
		return value.strip();
	}

}
