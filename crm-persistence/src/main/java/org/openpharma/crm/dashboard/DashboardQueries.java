package org.openpharma.crm.dashboard;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The figures of the four dashboards. Every query reads a rollup table (kept by triggers in the writing
 * transaction, see V12) or, with {@link Source#RAW}, the rollup's source view that computes the same
 * figures from raw rows with the identical query: the benchmark compares the two, the tests check they
 * agree. Patient figures are counts only, never a patient.
 */
@Service
public class DashboardQueries {

	/** Where the figures come from. */
	public enum Source {

		/** The incrementally kept rollup tables (what the screens use). */
		ROLLUP(""),

		/** The same figures recomputed from raw rows (naive GROUP BY; for comparison and checks). */
		RAW("_source");

		private final String suffix;

		Source(String suffix) {
			this.suffix = suffix;
		}

		String table(String rollup) {
			return rollup + this.suffix;
		}

	}

	static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

	/** Interactions an HCP did not initiate. */
	static final String PUSH = "('VISIT', 'REMOTE_DETAIL', 'PHONE_OUT', 'EMAIL_OUT')";

	/** Needs still waiting for an answer. */
	static final String OPEN = "('OPEN', 'TRIAGED', 'IN_PROGRESS')";

	private final JdbcTemplate jdbc;

	private final ReferenceData reference;

	private final Clock clock;

	DashboardQueries(JdbcTemplate jdbc, ReferenceData reference, Clock clock) {
		this.jdbc = jdbc;
		this.reference = reference;
		this.clock = clock;
	}

	/** The current month in Japan. */
	public YearMonth currentMonth() {
		return YearMonth.from(this.clock.instant().atZone(JAPAN));
	}

	/** Today in Japan. */
	public LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), JAPAN);
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
	private Long areaFor(DashboardFilter filter) {
		return (filter.therapeuticAreaId() != null) ? filter.therapeuticAreaId()
				: (filter.productId() != null) ? areaOf(filter.productId()) : null;
	}

	private Long areaOf(long productId) {
		List<Long> areas = this.jdbc.queryForList("SELECT therapeutic_area_id FROM product WHERE id = ?", Long.class,
				productId);
		return areas.isEmpty() ? null : areas.get(0);
	}

	// Patients ----------------------------------------------------------------------------------------------

	/** Eligible and treated patients HCPs reported for one month, with the target set for it (or null). */
	public record MonthPatients(YearMonth month, long eligible, long treated, long reports, Long target) {

		/** Treated against target in percent, or null without a target. */
		public Integer attainment() {
			return (this.target == null || this.target == 0) ? null : (int) Math.round(100.0 * this.treated / this.target);
		}

	}

	/** Patients reported in one prefecture (0 = HCPs without an institution) over the period. */
	public record PlacePatients(int prefectureCode, long eligible, long treated, long reports) {
	}

	/** Patients reported for one area and product (0 = reports for the area as a whole) over the period. */
	public record ProductPatients(long therapeuticAreaId, long productId, long eligible, long treated, long reports) {
	}

	public record PatientDashboard(List<MonthPatients> months, List<PlacePatients> places,
			List<ProductPatients> products) {

		public long eligible() {
			return this.months.stream().mapToLong(MonthPatients::eligible).sum();
		}

		public long treated() {
			return this.months.stream().mapToLong(MonthPatients::treated).sum();
		}

		/** Sum of the targets of the months that have one, or null when none has. */
		public Long target() {
			return this.months.stream().anyMatch(m -> m.target() != null)
					? this.months.stream().mapToLong(m -> (m.target() != null) ? m.target() : 0).sum() : null;
		}

		/** Treated patients of the months with a target against their targets, in percent; null without. */
		public Integer attainment() {
			long target = this.months.stream().mapToLong(m -> (m.target() != null) ? m.target() : 0).sum();
			long treated = this.months.stream().filter(m -> m.target() != null).mapToLong(MonthPatients::treated).sum();
			return (target == 0) ? null : (int) Math.round(100.0 * treated / target);
		}

	}

	public PatientDashboard patients(DashboardFilter filter, Source source) {
		Where where = new Where().period("r.period", filter).eq("r.ta_id", filter.therapeuticAreaId())
			.eq("r.product_id", filter.productId()).prefectureRegion("r.prefecture_code", filter.regionCode());
		String table = source.table("rollup_patient");
		// One pass over the rows: per month, per prefecture and per area/product (GROUPING tells which).
		Map<YearMonth, long[]> byMonth = new LinkedHashMap<>();
		List<PlacePatients> places = new ArrayList<>();
		List<ProductPatients> products = new ArrayList<>();
		this.jdbc.query("SELECT GROUPING(r.period, r.prefecture_code, r.ta_id), r.period, r.prefecture_code, r.ta_id,"
				+ " r.product_id, sum(r.eligible), sum(r.treated), sum(r.reports) FROM " + table + " r" + where.sql()
				+ " GROUP BY GROUPING SETS ((r.period), (r.prefecture_code), (r.ta_id, r.product_id))", rs -> {
					long eligible = rs.getLong(6);
					long treated = rs.getLong(7);
					long reports = rs.getLong(8);
					switch (rs.getInt(1)) {
						case 3 -> byMonth.put(YearMonth.from(rs.getDate(2).toLocalDate()),
								new long[] { eligible, treated, reports });
						case 5 -> {
							if (reports != 0 || treated != 0) {
								places.add(new PlacePatients(rs.getInt(3), eligible, treated, reports));
							}
						}
						default -> {
							if (reports != 0 || treated != 0) {
								products.add(new ProductPatients(rs.getLong(4), rs.getLong(5), eligible, treated, reports));
							}
						}
					}
				}, where.args());
		places.sort(java.util.Comparator.comparingInt(PlacePatients::prefectureCode));
		products.sort(java.util.Comparator.comparingLong(ProductPatients::therapeuticAreaId)
			.thenComparingLong(ProductPatients::productId));
		Map<YearMonth, Long> targets = targets(filter);
		List<MonthPatients> months = new ArrayList<>();
		for (YearMonth month : filter.monthList()) {
			long[] figures = byMonth.getOrDefault(month, new long[3]);
			months.add(new MonthPatients(month, figures[0], figures[1], figures[2], targets.get(month)));
		}
		return new PatientDashboard(months, places, products);
	}

	/**
	 * The targets at exactly the filter's level: an area's (or a product's) target for Japan as a whole, or for
	 * the region when one is chosen; without an area, the sum of all areas' targets at that level.
	 */
	private Map<YearMonth, Long> targets(DashboardFilter filter) {
		Where where = new Where().period("t.period", filter).eq("t.therapeutic_area_id", filter.therapeuticAreaId());
		String level = ((filter.productId() != null) ? " AND t.product_id = " + filter.productId()
				: " AND t.product_id IS NULL")
				+ ((filter.regionCode() != null) ? " AND t.region_code = ?" : " AND t.region_code IS NULL");
		List<Object> args = new ArrayList<>(List.of(where.args()));
		if (filter.regionCode() != null) {
			args.add(filter.regionCode());
		}
		Map<YearMonth, Long> targets = new LinkedHashMap<>();
		this.jdbc.query("SELECT t.period, sum(t.treated_target) FROM patient_target t" + where.sql() + level
				+ " GROUP BY t.period", rs -> {
					targets.put(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getLong(2));
				}, args.toArray());
		return targets;
	}

	// Needs funnel ----------------------------------------------------------------------------------------------

	/** HCPs at one adoption stage of one area, now. */
	public record StageCount(long therapeuticAreaId, String stage, long hcps) {
	}

	/** Stage changes from one stage to another in the period ("NONE" = first stage). */
	public record StageMove(String fromStage, String toStage, long changes) {
	}

	/** Open needs routed to one department (or "-" when not yet routed), by age in whole months. */
	public record OpenNeeds(String routedTo, long[] byAge) {

		public long total() {
			long total = 0;
			for (long n : this.byAge) {
				total += n;
			}
			return total;
		}

	}

	/** Needs raised in the period, by where they stand now. */
	public record NeedOutcome(String status, long needs) {
	}

	public record NeedsDashboard(List<StageCount> stages, List<StageMove> moves, List<OpenNeeds> open,
			List<NeedOutcome> outcomes) {

		public long raised() {
			return this.outcomes.stream().mapToLong(NeedOutcome::needs).sum();
		}

		private long count(String... statuses) {
			return this.outcomes.stream().filter(o -> List.of(statuses).contains(o.status()))
				.mapToLong(NeedOutcome::needs).sum();
		}

		/** Share of the period's needs fulfilled (including those the HCP confirmed), in percent. */
		public Integer fulfilledShare() {
			return share(count("FULFILLED", "CONFIRMED_BY_HCP"), raised());
		}

		/** Share of the period's needs the HCP confirmed as met, in percent. */
		public Integer confirmedShare() {
			return share(count("CONFIRMED_BY_HCP"), raised());
		}

		/** Stage changes forward (toward advocacy) in the period. */
		public long forward() {
			return this.moves.stream().filter(m -> rank(m.toStage()) > rank(m.fromStage()))
				.mapToLong(StageMove::changes).sum();
		}

		/** Stage changes backward in the period. */
		public long backward() {
			return this.moves.stream().filter(m -> rank(m.toStage()) < rank(m.fromStage()))
				.mapToLong(StageMove::changes).sum();
		}

	}

	/** Age buckets of open needs, in whole months since the month they were raised. */
	public static final int[] AGE_FROM_MONTHS = { 0, 1, 3, 6, 12 };

	static final List<String> STAGES = List.of("NONE", "UNAWARE", "AWARE", "INTERESTED", "TRIAL", "ADOPTER", "ADVOCATE");

	static int rank(String stage) {
		return STAGES.indexOf(stage);
	}

	static Integer share(long part, long whole) {
		return (whole == 0) ? null : (int) Math.round(100.0 * part / whole);
	}

	public NeedsDashboard needs(DashboardFilter filter, Source source) {
		Long area = areaFor(filter);
		Where stageWhere = new Where().eq("r.ta_id", area).eq("r.region_code", filter.regionCode());
		List<StageCount> stages = this.jdbc.query("SELECT r.ta_id, r.stage, sum(r.n) FROM "
				+ source.table("rollup_stage") + " r" + stageWhere.sql() + " GROUP BY r.ta_id, r.stage"
				+ " HAVING sum(r.n) <> 0 ORDER BY r.ta_id, r.stage",
				(rs, i) -> new StageCount(rs.getLong(1), rs.getString(2), rs.getLong(3)), stageWhere.args());
		Where moveWhere = new Where().period("r.month", filter).eq("r.ta_id", area).eq("r.region_code", filter.regionCode());
		List<StageMove> moves = this.jdbc.query("SELECT r.from_stage, r.to_stage, sum(r.n) FROM "
				+ source.table("rollup_stage_move") + " r" + moveWhere.sql() + " GROUP BY r.from_stage, r.to_stage"
				+ " HAVING sum(r.n) <> 0 ORDER BY sum(r.n) DESC, r.from_stage, r.to_stage",
				(rs, i) -> new StageMove(rs.getString(1), rs.getString(2), rs.getLong(3)), moveWhere.args());
		String table = source.table("rollup_need");
		Where openWhere = new Where().eq("r.ta_id", filter.therapeuticAreaId()).eq("r.product_id", filter.productId())
			.eq("r.region_code", filter.regionCode()).eq("r.routed_to", filter.departmentCode());
		YearMonth current = currentMonth();
		Map<String, long[]> open = new LinkedHashMap<>();
		this.jdbc.query("SELECT r.routed_to, r.month, sum(r.n) FROM " + table + " r" + openWhere.sql()
				+ (openWhere.sql().isEmpty() ? " WHERE" : " AND") + " r.status IN " + OPEN
				+ " GROUP BY r.routed_to, r.month HAVING sum(r.n) <> 0 ORDER BY r.routed_to, r.month", rs -> {
					YearMonth month = YearMonth.from(rs.getDate(2).toLocalDate());
					long age = Math.max(0, month.until(current, java.time.temporal.ChronoUnit.MONTHS));
					int bucket = 0;
					for (int b = 0; b < AGE_FROM_MONTHS.length; b++) {
						if (age >= AGE_FROM_MONTHS[b]) {
							bucket = b;
						}
					}
					open.computeIfAbsent(rs.getString(1), k -> new long[AGE_FROM_MONTHS.length])[bucket] += rs.getLong(3);
				}, openWhere.args());
		Where outcomeWhere = new Where().period("r.month", filter).eq("r.ta_id", filter.therapeuticAreaId())
			.eq("r.product_id", filter.productId()).eq("r.region_code", filter.regionCode())
			.eq("r.routed_to", filter.departmentCode());
		List<NeedOutcome> outcomes = this.jdbc.query("SELECT r.status, sum(r.n) FROM " + table + " r"
				+ outcomeWhere.sql() + " GROUP BY r.status HAVING sum(r.n) <> 0 ORDER BY r.status",
				(rs, i) -> new NeedOutcome(rs.getString(1), rs.getLong(2)), outcomeWhere.args());
		return new NeedsDashboard(stages, moves,
				open.entrySet().stream().map(e -> new OpenNeeds(e.getKey(), e.getValue())).toList(), outcomes);
	}

	// Channel mix and coverage ------------------------------------------------------------------------------

	/** Push (company-initiated) and pull (HCP-initiated) interactions for one label (month, stage, department). */
	public record PushPull(String label, long push, long pull) {

		public Integer pushShare() {
			return share(this.push, this.push + this.pull);
		}

	}

	/** Active HCPs of one prefecture and how many were contacted (outbound) in the last 30 and 90 days. */
	public record Coverage(int prefectureCode, long hcps, long contacted30, long contacted90) {
	}

	public record ChannelDashboard(List<PushPull> months, List<PushPull> stages, List<PushPull> departments,
			List<PushPull> channels, List<Coverage> coverage) {

		public long push() {
			return this.months.stream().mapToLong(PushPull::push).sum();
		}

		public long pull() {
			return this.months.stream().mapToLong(PushPull::pull).sum();
		}

		public long hcps() {
			return this.coverage.stream().mapToLong(Coverage::hcps).sum();
		}

		public Integer coverage30() {
			return share(this.coverage.stream().mapToLong(Coverage::contacted30).sum(), hcps());
		}

		public Integer coverage90() {
			return share(this.coverage.stream().mapToLong(Coverage::contacted90).sum(), hcps());
		}

	}

	public ChannelDashboard channels(DashboardFilter filter, Source source) {
		String table = source.table("rollup_interaction");
		// A filter by product reads the product's rows, by area the area's; the stage breakdown needs an area's rows.
		Where base = new Where().eq("r.ta_id", (filter.productId() != null) ? 0L
				: (filter.therapeuticAreaId() != null) ? filter.therapeuticAreaId() : 0L)
			.eq("r.product_id", (filter.productId() != null) ? filter.productId() : 0L)
			.period("r.month", filter).eq("r.region_code", filter.regionCode())
			.eq("r.department_code", filter.departmentCode());
		String pushPull = "sum(r.n) FILTER (WHERE r.channel IN " + PUSH + "), sum(r.n) FILTER (WHERE r.channel NOT IN "
				+ PUSH + ")";
		// One pass over the rows: per month, per department and per channel (GROUPING tells which).
		Map<String, long[]> months = new LinkedHashMap<>();
		List<PushPull> departments = new ArrayList<>();
		List<PushPull> channels = new ArrayList<>();
		this.jdbc.query("SELECT GROUPING(r.month, r.department_code, r.channel), r.month, r.department_code, r.channel, "
				+ pushPull + " FROM " + table + " r" + base.sql()
				+ " GROUP BY GROUPING SETS ((r.month), (r.department_code), (r.channel))", rs -> {
					long push = rs.getLong(5);
					long pull = rs.getLong(6);
					switch (rs.getInt(1)) {
						case 3 -> months.put(YearMonth.from(rs.getDate(2).toLocalDate()).toString(), new long[] { push, pull });
						case 5 -> {
							if (push + pull != 0) {
								departments.add(new PushPull(rs.getString(3), push, pull));
							}
						}
						default -> {
							if (push + pull != 0) {
								channels.add(new PushPull(rs.getString(4), push, pull));
							}
						}
					}
				}, base.args());
		departments.sort(java.util.Comparator.comparing(PushPull::label));
		channels.sort(java.util.Comparator.comparingLong((PushPull c) -> c.push() + c.pull()).reversed());
		List<PushPull> monthRows = filter.monthList().stream().map(m -> {
			long[] figures = months.getOrDefault(m.toString(), new long[2]);
			return new PushPull(m.toString(), figures[0], figures[1]);
		}).toList();
		// Stages belong to one area: summing "adopter" across areas would mean nothing, so only with an area.
		Long area = areaFor(filter);
		List<PushPull> stages = List.of();
		if (area != null) {
			Where staged = new Where().eq("r.ta_id", area).eq("r.product_id", 0L).period("r.month", filter)
				.eq("r.region_code", filter.regionCode()).eq("r.department_code", filter.departmentCode());
			Map<String, long[]> byStage = new LinkedHashMap<>();
			this.jdbc.query("SELECT r.stage, " + pushPull + " FROM " + table + " r" + staged.sql() + " GROUP BY r.stage",
					rs -> {
						byStage.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
					}, staged.args());
			stages = STAGES.stream().filter(byStage::containsKey)
				.map(s -> new PushPull(s, byStage.get(s)[0], byStage.get(s)[1]))
				.filter(p -> p.push() + p.pull() != 0)
				.toList();
		}
		return new ChannelDashboard(monthRows, stages, departments, channels, coverage(filter, source));
	}

	/**
	 * Active HCPs per prefecture (the '*' rows, one per HCP), and those whose last outbound contact (by the
	 * department, when chosen) is within 90 and 30 days: a short range read of the recent days only.
	 */
	private List<Coverage> coverage(DashboardFilter filter, Source source) {
		LocalDate today = today();
		String table = source.table("rollup_coverage");
		Where all = new Where().eq("r.department_code", "*").prefectureRegion("r.prefecture_code", filter.regionCode());
		Map<Integer, long[]> byPrefecture = new java.util.TreeMap<>();
		this.jdbc.query("SELECT r.prefecture_code, sum(r.n) FROM " + table + " r" + all.sql() + " GROUP BY r.prefecture_code",
				rs -> {
					byPrefecture.put(rs.getInt(1), new long[] { rs.getLong(2), 0, 0 });
				}, all.args());
		Where recent = new Where().eq("r.department_code", (filter.departmentCode() != null) ? filter.departmentCode() : "*")
			.prefectureRegion("r.prefecture_code", filter.regionCode());
		List<Object> args = new ArrayList<>();
		args.add(Date.valueOf(today.minusDays(29)));
		args.addAll(List.of(recent.args()));
		args.add(Date.valueOf(today.minusDays(89)));
		this.jdbc.query("SELECT r.prefecture_code, coalesce(sum(r.n) FILTER (WHERE r.last_contact >= ?), 0), sum(r.n)"
				+ " FROM " + table + " r" + recent.sql() + " AND r.last_contact >= ? GROUP BY r.prefecture_code", rs -> {
					long[] figures = byPrefecture.get(rs.getInt(1));
					if (figures != null) {
						figures[1] = rs.getLong(2);
						figures[2] = rs.getLong(3);
					}
				}, args.toArray());
		List<Coverage> coverage = new ArrayList<>();
		byPrefecture.forEach((prefecture, figures) -> {
			if (figures[0] > 0) {
				coverage.add(new Coverage(prefecture, figures[0], figures[1], figures[2]));
			}
		});
		return coverage;
	}

	// Inquiry SLA ------------------------------------------------------------------------------------------------

	/** An open inquiry past its due time: no question or answer content, only what a queue shows. */
	public record OverdueInquiry(long id, String subject, Long productId, String priority, String status,
			Instant dueAt, String assignee) {
	}

	public record SlaDashboard(long received, long answered, long answeredOnTime, long open, long openOverdue,
			long handoffs, long handoffsAcknowledged, long handoffsOnTime, long handoffsOpenOverdue,
			List<OverdueInquiry> overdue) {

		/**
		 * Inquiries answered by their due time, in percent of those whose outcome is known: answered, or still
		 * open past their due time (already late); open ones not yet due are not counted either way.
		 */
		public Integer onTimeShare() {
			return share(this.answeredOnTime, this.answered + this.openOverdue);
		}

		/** Adverse-event hand-offs acknowledged by their due time, in percent of those acknowledged or overdue. */
		public Integer handoffOnTimeShare() {
			return share(this.handoffsOnTime, this.handoffsAcknowledged + this.handoffsOpenOverdue);
		}

	}

	/** Inquiries received in the period: live from the inquiry tables, which stay small (thousands a year). */
	public SlaDashboard inquiries(DashboardFilter filter) {
		Instant start = filter.from().atDay(1).atStartOfDay(JAPAN).toInstant();
		Instant end = filter.to().plusMonths(1).atDay(1).atStartOfDay(JAPAN).toInstant();
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Object> args = new ArrayList<>(List.of(Timestamp.from(start), Timestamp.from(end)));
		StringBuilder where = new StringBuilder(" WHERE q.received_at >= ? AND q.received_at < ?");
		if (filter.productId() != null) {
			where.append(" AND q.product_id = ?");
			args.add(filter.productId());
		}
		else if (filter.therapeuticAreaId() != null) {
			where.append(" AND q.product_id IN (SELECT id FROM product WHERE therapeutic_area_id = ?)");
			args.add(filter.therapeuticAreaId());
		}
		if (filter.regionCode() != null) {
			where.append(" AND q.hcp_id IN (SELECT hcp_id FROM rollup_hcp_place WHERE region_code = ?)");
			args.add(filter.regionCode());
		}
		String from = " FROM medical_inquiry q LEFT JOIN adverse_event_handoff a ON a.inquiry_id = q.id";
		List<Object> counted = new ArrayList<>(List.of(now, now));
		counted.addAll(args);
		long[] figures = this.jdbc.queryForObject("SELECT count(*),"
				+ " count(*) FILTER (WHERE q.delivered_at IS NOT NULL),"
				+ " count(*) FILTER (WHERE q.delivered_at IS NOT NULL AND q.delivered_at <= q.due_at),"
				+ " count(*) FILTER (WHERE q.status NOT IN ('ANSWERED', 'CLOSED')),"
				+ " count(*) FILTER (WHERE q.status NOT IN ('ANSWERED', 'CLOSED') AND q.due_at < ?),"
				+ " count(a.id), count(a.acknowledged_at),"
				+ " count(a.id) FILTER (WHERE a.acknowledged_at IS NOT NULL AND a.acknowledged_at <= a.due_at),"
				+ " count(a.id) FILTER (WHERE a.acknowledged_at IS NULL AND a.due_at < ?)" + from + where,
				(rs, i) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9) },
				counted.toArray());
		List<Object> overdueArgs = new ArrayList<>(args);
		overdueArgs.add(now);
		List<OverdueInquiry> overdue = this.jdbc.query("SELECT q.id, q.subject, q.product_id, q.priority, q.status,"
				+ " q.due_at, q.assignee" + from + where + " AND q.status NOT IN ('ANSWERED', 'CLOSED') AND q.due_at < ?"
				+ " ORDER BY q.due_at, q.id LIMIT 100", (rs, i) -> overdue(rs), overdueArgs.toArray());
		return new SlaDashboard(figures[0], figures[1], figures[2], figures[3], figures[4], figures[5], figures[6],
				figures[7], figures[8], overdue);
	}

	private static OverdueInquiry overdue(ResultSet rs) throws SQLException {
		long product = rs.getLong(3);
		return new OverdueInquiry(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : product, rs.getString(4),
				rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7));
	}

	// Drill-downs: the HCPs behind a figure (never their patient figures) ---------------------------------------

	/** One HCP of a drill-down list; {@code detail} is what the list is about (reports, stage, last contact). */
	public record DrillHcp(long id, String nameKanji, String nameKana, String institution, int prefectureCode,
			String detail) {
	}

	/** The longest drill-down list; a narrower filter shows the rest. */
	public static final int DRILL_LIMIT = 200;

	private static final String DRILL_COLUMNS = "SELECT h.id, h.name_kanji, h.name_kana, o.name,"
			+ " coalesce(o.prefecture_code, 0)";

	/** HCPs who reported patient counts in the period (with how many monthly reports), in kana order. */
	public List<DrillHcp> reportingHcps(DashboardFilter filter, Integer prefecture) {
		Where where = new Where().period("c.period", filter).eq("c.product_id", filter.productId())
			.prefectureRegion("o.prefecture_code", filter.regionCode()).eq("o.prefecture_code", prefecture);
		String area = (filter.therapeuticAreaId() != null)
				? " AND coalesce(c.therapeutic_area_id, p.therapeutic_area_id) = " + filter.therapeuticAreaId() : "";
		return this.jdbc.query(DRILL_COLUMNS + ", count(*)::text FROM patient_count c"
				+ " LEFT JOIN product p ON p.id = c.product_id JOIN hcp h ON h.id = c.hcp_id"
				+ " LEFT JOIN hco o ON o.id = h.primary_hco_id" + where.sql() + area
				+ " GROUP BY h.id, h.name_kanji, h.name_kana, h.kana_key, o.name, o.prefecture_code"
				+ " ORDER BY h.kana_key, h.id LIMIT " + DRILL_LIMIT, (rs, i) -> drill(rs), where.args());
	}

	/** HCPs at one adoption stage of an area now, in kana order. */
	public List<DrillHcp> stageHcps(DashboardFilter filter, long therapeuticAreaId, String stage) {
		Where where = new Where().eq("s.therapeutic_area_id", therapeuticAreaId).eq("s.stage", stage)
			.prefectureRegion("o.prefecture_code", filter.regionCode());
		return this.jdbc.query(DRILL_COLUMNS + ", s.stage FROM hcp_stage s JOIN hcp h ON h.id = s.hcp_id"
				+ " LEFT JOIN hco o ON o.id = h.primary_hco_id" + where.sql() + " ORDER BY h.kana_key, h.id LIMIT "
				+ DRILL_LIMIT, (rs, i) -> drill(rs), where.args());
	}

	/**
	 * Active HCPs of the region (or one prefecture) without an outbound contact (by the department, when the
	 * filter names one) in the last {@code days} days, in kana order: whom to contact next.
	 */
	public List<DrillHcp> uncoveredHcps(DashboardFilter filter, int days, Integer prefecture) {
		Instant since = today().minusDays(days - 1L).atStartOfDay(JAPAN).toInstant();
		Where where = new Where().prefectureRegion("o.prefecture_code", filter.regionCode())
			.eq("o.prefecture_code", prefecture);
		List<Object> args = new ArrayList<>(List.of(where.args()));
		args.add(Timestamp.from(since));
		String department = "";
		if (filter.departmentCode() != null) {
			department = " AND i.department_code = ?";
			args.add(filter.departmentCode());
		}
		return this.jdbc.query(DRILL_COLUMNS + ", (SELECT to_char(max(i.occurred_at) AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD')"
				+ " FROM interaction i WHERE i.hcp_id = h.id AND i.channel IN " + PUSH + ") FROM hcp h"
				+ " LEFT JOIN hco o ON o.id = h.primary_hco_id" + where.sql()
				+ (where.sql().isEmpty() ? " WHERE" : " AND") + " h.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM"
				+ " interaction i WHERE i.hcp_id = h.id AND i.channel IN " + PUSH + " AND i.occurred_at >= ?" + department
				+ ") ORDER BY h.kana_key, h.id LIMIT " + DRILL_LIMIT, (rs, i) -> drill(rs), args.toArray());
	}

	private static DrillHcp drill(ResultSet rs) throws SQLException {
		return new DrillHcp(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
				rs.getString(6));
	}

	/** A WHERE clause of optional conditions and its arguments. */
	static final class Where {

		private final StringBuilder sql = new StringBuilder();

		private final List<Object> args = new ArrayList<>();

		Where eq(String column, Object value) {
			if (value != null) {
				add(column + " = ?", value);
			}
			return this;
		}

		Where period(String column, DashboardFilter filter) {
			add(column + " >= ?", Date.valueOf(filter.from().atDay(1)));
			add(column + " <= ?", Date.valueOf(filter.to().atDay(1)));
			return this;
		}

		Where prefectureRegion(String column, String region) {
			if (region != null) {
				add(column + " IN (SELECT code FROM prefecture WHERE region_code = ?)", region);
			}
			return this;
		}

		private void add(String condition, Object value) {
			this.sql.append(this.sql.isEmpty() ? " WHERE " : " AND ").append(condition);
			this.args.add(value);
		}

		String sql() {
			return this.sql.toString();
		}

		Object[] args() {
			return this.args.toArray();
		}

	}

}
