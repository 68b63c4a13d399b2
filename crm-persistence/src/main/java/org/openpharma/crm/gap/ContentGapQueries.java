package org.openpharma.crm.gap;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.openpharma.crm.content.ContentAudience;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.PagedSql;
import org.openpharma.crm.shared.SearchPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The content-gap report (docs/adr/0030): open and closed-unmet needs per group (area, product, category, topic
 * key) from the rollups rollup_content_gap and rollup_content_gap_stage, each group matched against the approved,
 * unexpired content ({@link ContentMatch}); the HCPs behind a group from the needs themselves.
 */
@Service
@Transactional(readOnly = true)
public class ContentGapQueries {

	/** Where the figures come from: the rollups, or (to check them, and in the benchmark) their source views. */
	public enum Source {

		ROLLUP("rollup_content_gap", "rollup_content_gap_stage"),
		RAW("rollup_content_gap_source", "rollup_content_gap_stage_source");

		final String groups;

		final String stages;

		Source(String groups, String stages) {
			this.groups = groups;
			this.stages = stages;
		}

	}

	/** The months of the trend: this one and the eleven before. */
	public static final int TREND_MONTHS = 12;

	/** The statuses a group counts; must equal the predicate of the index information_need_content_gap. */
	static final String COUNTED = "n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS', 'CLOSED_UNMET')";

	/** Report filters; nulls mean "any". {@code hasContent}: only groups some usable content answers, or none does. */
	public record Filter(Long therapeuticAreaId, Long productId, NeedCategory category, Boolean hasContent) {

		public static Filter none() {
			return new Filter(null, null, null, null);
		}

	}

	/**
	 * One group. {@code waiting}: its open needs (each one HCP's request; an HCP who asked twice counts twice);
	 * {@code unmet}: closed unmet; {@code stages}: the adoption stages in the group's area of the HCPs of its open
	 * needs ("NONE" without one), by stage; {@code answer}: the content that answers it, as the reader may see it.
	 */
	public record Group(GapKey key, long waiting, long unmet, Map<String, Long> stages, GapAnswer answer) {

		public boolean answered() {
			return this.answer.answered();
		}

	}

	/**
	 * The months of a group: {@code oldest}, the month its oldest open need was raised (null when none is open);
	 * {@code trend}, its needs (open or closed unmet now) raised in each month of {@link Report#months()}.
	 */
	public record Months(YearMonth oldest, List<Long> trend) {
	}

	/**
	 * The report: every group matching the filter, those without content first, then by needs waiting; the months
	 * of the trend (this one and the eleven before, Japan time).
	 */
	public record Report(List<YearMonth> months, List<Group> groups, YearMonth currentMonth) {

		public long waiting() {
			return this.groups.stream().mapToLong(Group::waiting).sum();
		}

		public long withoutContent() {
			return this.groups.stream().filter(g -> !g.answered()).count();
		}

		public SearchPage<Group> page(int page, int size) {
			int shown = SearchPage.clamp(page, this.groups.size(), size);
			int from = Math.min(this.groups.size(), shown * size);
			return new SearchPage<>(this.groups.subList(from, Math.min(this.groups.size(), from + size)), shown, size,
					this.groups.size(), false);
		}

	}

	/** One HCP behind a group: their needs in it, the oldest raised, and their stage in the group's area. */
	public record WaitingHcp(long id, String nameKanji, String nameKana, String institution, int prefectureCode,
			String stage, long needs, Instant oldest) {
	}

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ContentGapQueries(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
	}

	public Report report(Filter filter, boolean seesMedical) {
		return report(filter, seesMedical, Source.ROLLUP);
	}

	/**
	 * Every group of the filter with its totals, stages and answer, sorted: read from the stage rollup (a few
	 * thousand rows at Japan scale), so that the months are read only for the groups shown ({@link #months}).
	 */
	public Report report(Filter filter, boolean seesMedical, Source source) {
		YearMonth current = YearMonth.from(today());
		List<YearMonth> months = new ArrayList<>();
		for (int i = TREND_MONTHS - 1; i >= 0; i--) {
			months.add(current.minusMonths(i));
		}
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> args = new ArrayList<>();
		if (filter.therapeuticAreaId() != null) {
			where.append(" AND ta_id = ?");
			args.add(filter.therapeuticAreaId());
		}
		if (filter.productId() != null) {
			where.append(" AND product_id = ?");
			args.add(filter.productId());
		}
		if (filter.category() != null) {
			where.append(" AND category = ?");
			args.add(filter.category().name());
		}
		Map<GapKey, long[]> totals = new LinkedHashMap<>();
		Map<GapKey, Map<String, Long>> stages = new HashMap<>();
		this.jdbc.query("SELECT ta_id, product_id, category, topic_key, state, stage, sum(n) FROM " + source.stages
				+ where + " GROUP BY ta_id, product_id, category, topic_key, state, stage HAVING sum(n) <> 0", rs -> {
					GapKey key = key(rs);
					long n = rs.getLong(7);
					boolean open = "OPEN".equals(rs.getString(5));
					totals.computeIfAbsent(key, k -> new long[2])[open ? 0 : 1] += n;
					if (open) {
						stages.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(rs.getString(6), n, Long::sum);
					}
				}, args.toArray());
		Map<Long, List<UsableContent>> usable = usableContent(filter.therapeuticAreaId()).stream()
			.collect(Collectors.groupingBy(UsableContent::therapeuticAreaId));
		List<Group> groups = new ArrayList<>();
		totals.forEach((key, counts) -> {
			if (counts[0] == 0 && counts[1] == 0) {
				return;
			}
			GapAnswer answer = GapAnswer.of(
					ContentMatch.answering(usable.getOrDefault(key.therapeuticAreaId(), List.of()), key), seesMedical);
			groups.add(new Group(key, counts[0], counts[1], stages.getOrDefault(key, Map.of()), answer));
		});
		List<Group> shown = groups.stream()
			.filter(g -> filter.hasContent() == null || g.answered() == filter.hasContent())
			.sorted(Comparator.comparing(Group::answered)
				.thenComparing(Comparator.comparingLong(Group::waiting).reversed())
				.thenComparing(Comparator.comparingLong(Group::unmet).reversed())
				.thenComparing(g -> g.key().therapeuticAreaId())
				.thenComparing(g -> g.key().productId())
				.thenComparing(g -> g.key().category())
				.thenComparing(g -> g.key().topicKey()))
			.toList();
		return new Report(months, shown, current);
	}

	public Map<GapKey, Months> months(Collection<GapKey> keys, List<YearMonth> trendMonths) {
		return months(keys, trendMonths, Source.ROLLUP);
	}

	/**
	 * The oldest open month and the trend of these groups: the month rollup read by the groups' keys (its read
	 * index), each group's months summed first (a month's deltas may add up to nothing).
	 */
	public Map<GapKey, Months> months(Collection<GapKey> keys, List<YearMonth> trendMonths, Source source) {
		Map<GapKey, Months> result = new HashMap<>();
		if (keys.isEmpty()) {
			return result;
		}
		List<GapKey> list = List.copyOf(keys);
		Object[] arrays = { list.stream().map(GapKey::therapeuticAreaId).toArray(Long[]::new),
				list.stream().map(GapKey::productId).toArray(Long[]::new),
				list.stream().map(k -> k.category().name()).toArray(String[]::new),
				list.stream().map(GapKey::topicKey).toArray(String[]::new) };
		LocalDate from = trendMonths.get(0).atDay(1);
		Map<GapKey, java.sql.Date> oldest = new HashMap<>();
		Map<GapKey, Map<YearMonth, Long>> trend = new HashMap<>();
		String groups = " FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS k (ta_id, product_id, category,"
				+ " topic_key)";
		String sameGroup = " r.ta_id = k.ta_id AND r.product_id = k.product_id AND r.category = k.category"
				+ " AND r.topic_key = k.topic_key";
		this.jdbc.query("SELECT k.ta_id, k.product_id, k.category, k.topic_key, (SELECT r.month FROM " + source.groups
				+ " r WHERE" + sameGroup + " AND r.state = 'OPEN' GROUP BY r.month HAVING sum(r.n) <> 0"
				+ " ORDER BY r.month LIMIT 1)" + groups, rs -> {
					oldest.put(key(rs), rs.getDate(5));
				}, arrays);
		List<Object> args = new ArrayList<>(List.of(arrays));
		args.add(from);
		this.jdbc.query("SELECT k.ta_id, k.product_id, k.category, k.topic_key, r.month, sum(r.n)" + groups + " JOIN "
				+ source.groups + " r ON" + sameGroup + " WHERE r.month >= ?"
				+ " GROUP BY k.ta_id, k.product_id, k.category, k.topic_key, r.month HAVING sum(r.n) <> 0", rs -> {
					trend.computeIfAbsent(key(rs), k -> new HashMap<>())
						.put(YearMonth.from(rs.getDate(5).toLocalDate()), rs.getLong(6));
				}, args.toArray());
		for (GapKey key : list) {
			java.sql.Date month = oldest.get(key);
			Map<YearMonth, Long> byMonth = trend.getOrDefault(key, Map.of());
			result.put(key, new Months((month != null) ? YearMonth.from(month.toLocalDate()) : null,
					trendMonths.stream().map(m -> byMonth.getOrDefault(m, 0L)).toList()));
		}
		return result;
	}

	/**
	 * The approved, unexpired content versions (today in Japan), of one area or all: what {@link ContentMatch}
	 * compares groups with. Read from the content library's tables.
	 */
	public List<UsableContent> usableContent(Long therapeuticAreaId) {
		List<Object> args = new ArrayList<>();
		args.add(today());
		String area = "";
		if (therapeuticAreaId != null) {
			area = " AND v.therapeutic_area_id = ?";
			args.add(therapeuticAreaId);
		}
		return this.jdbc.query("SELECT v.id, v.item_id, i.audience, v.title, v.therapeutic_area_id, v.need_categories,"
				+ " v.topic_keys, ARRAY(SELECT p.product_id FROM content_version_product p WHERE p.version_id = v.id)"
				+ " FROM content_version v JOIN content_item i ON i.id = v.item_id"
				+ " WHERE v.status = 'APPROVED' AND v.expires_on >= ?" + area + " ORDER BY v.id",
				(rs, i) -> new UsableContent(rs.getLong(1), rs.getLong(2), ContentAudience.valueOf(rs.getString(3)),
						rs.getString(4), rs.getLong(5),
						Arrays.stream(array(rs.getArray(6))).map(c -> NeedCategory.valueOf((String) c))
							.collect(Collectors.toSet()),
						Arrays.stream(array(rs.getArray(7))).map(String.class::cast).collect(Collectors.toSet()),
						Arrays.stream(array(rs.getArray(8))).map(p -> ((Number) p).longValue())
							.collect(Collectors.toSet())),
				args.toArray());
	}

	/** A group's topic as an HCP's need worded it (the first need of the group), by key; the key when none. */
	public Map<GapKey, String> topics(Collection<GapKey> keys) {
		Map<GapKey, String> topics = new HashMap<>();
		if (keys.isEmpty()) {
			return topics;
		}
		List<GapKey> list = List.copyOf(keys);
		String[] topicKeys = list.stream().map(GapKey::topicKey).toArray(String[]::new);
		String[] categories = list.stream().map(k -> k.category().name()).toArray(String[]::new);
		Map<String, String> byKey = new HashMap<>();
		this.jdbc.query("SELECT k.topic_key, k.category, (SELECT n.topic FROM information_need n"
				+ " WHERE content_gap_topic_key(n.topic) = k.topic_key AND n.category = k.category AND " + COUNTED
				+ " ORDER BY n.id LIMIT 1) FROM unnest(?::text[], ?::text[]) AS k (topic_key, category)",
				rs -> {
					if (rs.getString(3) != null) {
						byKey.put(rs.getString(2) + "\u0000" + rs.getString(1), rs.getString(3));
					}
				}, topicKeys, categories);
		for (GapKey key : list) {
			topics.put(key, byKey.getOrDefault(key.category().name() + "\u0000" + key.topicKey(), key.topicKey()));
		}
		return topics;
	}

	/**
	 * The HCPs of a group's open needs ({@code unmet}: its closed-unmet needs), oldest need first, of the given
	 * prefectures only (a territorial manager's WorkScope) or of all when null.
	 */
	public SearchPage<WaitingHcp> hcps(GapKey key, boolean unmet, Set<Integer> prefectures, int page, int size) {
		List<Object> args = new ArrayList<>();
		String select = hcpSelect(key, unmet, prefectures, args);
		return PagedSql.page(this.jdbc, select, "ORDER BY w.oldest, h.id", args, (rs, i) -> waitingHcp(rs), page, size);
	}

	/** The same list, every row (the CSV). */
	public void forEachHcp(GapKey key, boolean unmet, Set<Integer> prefectures, Consumer<WaitingHcp> each) {
		List<Object> args = new ArrayList<>();
		String select = hcpSelect(key, unmet, prefectures, args);
		this.jdbc.query(select + " ORDER BY w.oldest, h.id", rs -> {
			each.accept(waitingHcp(rs));
		}, args.toArray());
	}

	/** The ids of a group's open needs now, oldest first (a content request's snapshot). */
	public List<long[]> openNeeds(GapKey key) {
		List<Object> args = new ArrayList<>();
		String where = needsOf(key, false, args);
		return this.jdbc.query("SELECT n.id, n.hcp_id FROM information_need n LEFT JOIN product p ON p.id = n.product_id"
				+ where + " ORDER BY n.created_at, n.id", (rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) },
				args.toArray());
	}

	private static String needsOf(GapKey key, boolean unmet, List<Object> args) {
		args.add(key.topicKey());
		args.add(key.category().name());
		args.add(key.therapeuticAreaId());
		args.add(key.productId());
		return " WHERE content_gap_topic_key(n.topic) = ? AND n.category = ? AND " + COUNTED
				+ (unmet ? " AND n.status = 'CLOSED_UNMET'" : " AND n.status <> 'CLOSED_UNMET'")
				+ " AND coalesce(n.therapeutic_area_id, p.therapeutic_area_id, 0) = ? AND coalesce(n.product_id, 0) = ?";
	}

	private static String hcpSelect(GapKey key, boolean unmet, Set<Integer> prefectures, List<Object> args) {
		args.add(key.therapeuticAreaId());
		String where = needsOf(key, unmet, args);
		String scope = "";
		if (prefectures != null) {
			scope = " WHERE o.prefecture_code = ANY (?)";
			args.add(prefectures.toArray(Integer[]::new));
		}
		return "SELECT h.id, h.name_kanji, h.name_kana, o.name, coalesce(o.prefecture_code, 0),"
				+ " coalesce((SELECT s.stage FROM hcp_stage s WHERE s.hcp_id = h.id AND s.therapeutic_area_id = ?),"
				+ " 'NONE'), w.needs, w.oldest"
				+ " FROM (SELECT n.hcp_id, count(*) AS needs, min(n.created_at) AS oldest FROM information_need n"
				+ " LEFT JOIN product p ON p.id = n.product_id" + where + " GROUP BY n.hcp_id) w"
				+ " JOIN hcp h ON h.id = w.hcp_id LEFT JOIN hco o ON o.id = h.primary_hco_id" + scope;
	}

	private static WaitingHcp waitingHcp(ResultSet rs) throws SQLException {
		Timestamp oldest = rs.getTimestamp(8);
		return new WaitingHcp(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
				rs.getString(6), rs.getLong(7), oldest.toInstant());
	}

	static GapKey key(ResultSet rs) throws SQLException {
		return new GapKey(rs.getLong(1), rs.getLong(2), NeedCategory.valueOf(rs.getString(3)), rs.getString(4));
	}

	static Object[] array(Array array) throws SQLException {
		return (array != null) ? (Object[]) array.getArray() : new Object[0];
	}

}
