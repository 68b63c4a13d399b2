package org.openpharma.crm.hcp;

import org.openpharma.crm.shared.SearchPage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.openpharma.crm.shared.JapaneseText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * HCP search as SQL over indexed search keys: prefix matches first (kanji, kana, romaji, registry
 * number); when nothing matches, similar names by trigram word similarity, so a typo still finds the
 * doctor. A hit on a merged record leads to the record it was merged into.
 */
@Service
@Transactional(readOnly = true)
public class HcpSearch {

	/**
	 * Word similarities tried in turn for the typo fallback. 0.6 (pg_trgm's default) keeps the candidate
	 * set small (サトオ タロウ: 194 rows at japan scale instead of thousands at 0.4); 0.4 still finds
	 * one-letter typos in short names when 0.6 finds nothing.
	 */
	static final double[] FUZZY_THRESHOLDS = { 0.6, 0.4 };

	private static final String COLUMNS = "h.id, h.name_kanji, h.name_kana, h.name_romaji, h.registry_number,"
			+ " h.specialty_code, o.id, o.name, o.prefecture_code, h.status";

	private static final RowMapper<HcpSummary> ROW = (rs, i) -> new HcpSummary(rs.getLong(1), rs.getString(2),
			rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), (Long) rs.getObject(7),
			rs.getString(8), (rs.getObject(9) != null) ? rs.getInt(9) : null, rs.getString(10));

	private final JdbcTemplate jdbc;

	private final HcpNameDictionary dictionary;

	HcpSearch(JdbcTemplate jdbc, HcpNameDictionary dictionary) {
		this.jdbc = jdbc;
		this.dictionary = dictionary;
	}

	public SearchPage<HcpSummary> search(HcpSearchCriteria criteria, int page, int size) {
		planForTheseValues();
		Query exact = build(criteria, false, extraIds(criteria), List.of());
		long total = count(exact);
		if (total == 0 && criteria.hasQuery() && criteria.phoneDigits() == null) {
			// A typo: first the closest spellings of names that exist, then names with similar trigrams.
			List<String> corrections = corrections(criteria.query());
			if (!corrections.isEmpty()) {
				Query corrected = build(criteria, false, List.of(), corrections);
				long correctedTotal = count(corrected);
				if (correctedTotal > 0) {
					int shown = SearchPage.clamp(page, correctedTotal, size);
					return new SearchPage<>(fetch(corrected, shown, size), shown, size, correctedTotal, true);
				}
			}
			Query fuzzy = build(criteria, true, List.of(), List.of());
			for (double threshold : FUZZY_THRESHOLDS) {
				this.jdbc.queryForObject("SELECT set_config('pg_trgm.word_similarity_threshold', ?, true)",
						String.class, String.valueOf(threshold));
				long fuzzyTotal = count(fuzzy);
				if (fuzzyTotal > 0) {
					int shown = SearchPage.clamp(page, fuzzyTotal, size);
					return new SearchPage<>(fetch(fuzzy, shown, size), shown, size, fuzzyTotal, true);
				}
			}
			return new SearchPage<>(List.of(), page, size, 0, true);
		}
		int shown = SearchPage.clamp(page, total, size);
		return new SearchPage<>(fetch(exact, shown, size), shown, size, total, false);
	}

	/**
	 * The one search box of a picker (the call center's caller, the HCP of a call report): a telephone number, else a
	 * name or registry number, then HCPs of institutions whose name holds the query, name matches first; names
	 * spelt nearly so only when neither finds anyone. At most {@code size} rows.
	 */
	public List<HcpSummary> find(String query, int size) {
		HcpSearchCriteria byName = HcpSearchCriteria.of(query);
		if (!byName.hasQuery()) {
			return List.of();
		}
		planForTheseValues();
		List<HcpSummary> found = new ArrayList<>(fetch(build(byName, false, extraIds(byName), List.of()), 0, size));
		if (byName.phoneDigits() != null) {
			return found;
		}
		if (found.size() < size) {
			java.util.Set<Long> seen = new java.util.HashSet<>();
			found.forEach(h -> seen.add(h.id()));
			HcpSearchCriteria byInstitution = new HcpSearchCriteria(null, query, null, null, "institution", false);
			for (HcpSummary hcp : fetch(build(byInstitution, false, List.of(), List.of()), 0, size)) {
				if (found.size() < size && seen.add(hcp.id())) {
					found.add(hcp);
				}
			}
		}
		return found.isEmpty() ? search(byName, 0, size).items() : found;
	}

	/** One HCP as a list row (for pickers and headers), if it exists. */
	public java.util.Optional<HcpSummary> summary(long id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM hcp h LEFT JOIN hco o ON o.id = h.primary_hco_id WHERE h.id = ?",
				ROW, id).stream().findFirst();
	}

	/** Streams every exact match in order (for CSV export), without holding them all in memory. */
	public void forEach(HcpSearchCriteria criteria, Consumer<HcpSummary> consumer) {
		planForTheseValues();
		Query query = build(criteria, false, extraIds(criteria), List.of());
		this.jdbc.setFetchSize(500);
		this.jdbc.query(query.select() + query.orderBy(), rs -> {
			consumer.accept(ROW.mapRow(rs, 0));
		}, query.allArgs().toArray());
	}

	private List<HcpSummary> fetch(Query query, int page, int size) {
		List<Object> args = query.allArgs();
		args.add(size);
		args.add((long) page * size);
		return this.jdbc.query(query.select() + query.orderBy() + " LIMIT ? OFFSET ?", ROW, args.toArray());
	}

	private long count(Query query) {
		List<Object> args = new ArrayList<>(query.args());
		args.add(SearchPage.COUNT_CAP + 1);
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM (" + query.select() + " LIMIT ?) counted", Long.class, args.toArray());
		return (count != null) ? count : 0;
	}

	/** The SELECT with its arguments, and the ORDER BY with its own (the fuzzy order has one). */
	private record Query(String select, String orderBy, List<Object> args, List<Object> orderArgs) {

		List<Object> allArgs() {
			List<Object> all = new ArrayList<>(this.args);
			all.addAll(this.orderArgs);
			return all;
		}

	}

	/**
	 * A prepared statement reused often gets a generic plan, which cannot turn {@code LIKE ?} into an
	 * index range: a prefix far into the index (サトウ…) then walks half of it. Plans made for the actual
	 * prefix cost well under a millisecond to build, so this transaction always makes them.
	 */
	private void planForTheseValues() {
		this.jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
	}

	/**
	 * Records a name search must show besides the live prefix matches: survivors of merged records whose
	 * names match, and the record with exactly this registry number. Usually none.
	 */
	private List<Long> extraIds(HcpSearchCriteria criteria) {
		if (!criteria.hasQuery()) {
			return List.of();
		}
		List<Long> ids = new ArrayList<>();
		if (criteria.phoneDigits() == null) {
			NameKey key = NameKey.of(criteria.query());
			ids.addAll(this.jdbc.queryForList("SELECT DISTINCT merged_into_id FROM hcp"
					+ " WHERE status = 'MERGED' AND " + key.column() + " LIKE ?", Long.class, key.pattern()));
		}
		String registry = JapaneseText.normalize(criteria.query()).toUpperCase(java.util.Locale.ROOT);
		if (registry.matches("[0-9A-Z-]{1,20}")) {
			ids.addAll(this.jdbc.queryForList("SELECT coalesce(merged_into_id, id) FROM hcp WHERE registry_number = ?",
					Long.class, registry));
		}
		return ids;
	}

	/**
	 * LIKE patterns for the closest existing spellings of the query's name words (see
	 * {@link NameSpelling}), best first; empty when there are none.
	 */
	private List<String> corrections(String query) {
		NameKey key = NameKey.of(query);
		List<String> words = List.of(key.words(query).split(" "));
		return NameSpelling.propose(words, this.dictionary.words(key.script()))
			.stream()
			.map(p -> JapaneseText.escapeLike(p.prefix()) + "%")
			.toList();
	}

	/** The name key a query is matched on, chosen by its script: kana reading, romaji, or kanji name. */
	private record NameKey(String column, String pattern) {

		static NameKey of(String q) {
			if (JapaneseText.looksLikeKana(q)) {
				return new NameKey("kana_key", JapaneseText.escapeLike(JapaneseText.kanaKey(q)) + "%");
			}
			if (JapaneseText.isRomaji(q)) {
				return new NameKey("romaji_key", JapaneseText.escapeLike(JapaneseText.romajiKey(q)) + "%");
			}
			return new NameKey("kanji_key", JapaneseText.escapeLike(JapaneseText.kanjiKey(q)) + "%");
		}

		/** The script's name in {@link HcpNameDictionary}. */
		String script() {
			return this.column.substring(0, this.column.indexOf('_'));
		}

		/** The query's words in the dictionary's form, separated by single spaces. */
		String words(String q) {
			return switch (script()) {
				case "kana" -> JapaneseText.toKatakana(q);
				case "romaji" -> JapaneseText.normalize(q).toLowerCase(java.util.Locale.ROOT);
				default -> JapaneseText.normalize(q);
			};
		}

		/** The key in byte order, as the live-record indexes hold it (prefix range and page order in one). */
		String sortable(String alias) {
			return "(" + alias + "." + this.column + " COLLATE \"C\")";
		}

	}

	private static Query build(HcpSearchCriteria criteria, boolean fuzzy, List<Long> extraIds,
			List<String> corrections) {
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
			.append(" FROM hcp h LEFT JOIN hco o ON o.id = h.primary_hco_id WHERE h.status <> 'MERGED'");
		String phone = criteria.phoneDigits();
		NameKey key = (criteria.hasQuery() && phone == null) ? NameKey.of(criteria.query()) : null;
		if (phone != null) {
			// The HCP's own number or their primary institution's main line; each side is an index range.
			sql.append(" AND (h.id IN (SELECT p.id FROM hcp p WHERE p.phone_key LIKE ?"
					+ " UNION SELECT p.id FROM hco c JOIN hcp p ON p.primary_hco_id = c.id WHERE c.phone_key LIKE ?)");
			args.add(phone + "%");
			args.add(phone + "%");
			if (!extraIds.isEmpty()) {
				sql.append(" OR h.id = ANY (?)");
				args.add(extraIds.toArray(Long[]::new));
			}
			sql.append(")");
		}
		if (key != null) {
			if (fuzzy) {
				sql.append(" AND ? <% h.search_text");
				args.add(fuzzyTerm(criteria.query()));
			}
			else if (!corrections.isEmpty()) {
				sql.append(" AND (").append(String.join(" OR ",
						java.util.Collections.nCopies(corrections.size(), key.sortable("h") + " LIKE ?"))).append(")");
				args.addAll(corrections);
			}
			else if (extraIds.isEmpty()) {
				sql.append(" AND ").append(key.sortable("h")).append(" LIKE ?");
				args.add(key.pattern());
			}
			else {
				sql.append(" AND (").append(key.sortable("h")).append(" LIKE ? OR h.id = ANY (?))");
				args.add(key.pattern());
				args.add(extraIds.toArray(Long[]::new));
			}
		}
		if (!criteria.institution().isEmpty()) {
			sql.append(" AND (o.name LIKE ? OR o.name_kana LIKE ?)");
			args.add("%" + JapaneseText.escapeLike(JapaneseText.normalize(criteria.institution())) + "%");
			args.add("%" + JapaneseText.escapeLike(JapaneseText.toKatakana(criteria.institution())) + "%");
		}
		if (criteria.specialtyCode() != null) {
			sql.append(" AND h.specialty_code = ?");
			args.add(criteria.specialtyCode());
		}
		if (criteria.prefectureCode() != null) {
			sql.append(" AND o.prefecture_code = ?");
			args.add(criteria.prefectureCode());
		}
		String direction = criteria.descending() ? " DESC" : " ASC";
		String order = switch (criteria.sort()) {
			case "kanji" -> "h.kanji_key" + direction;
			case "specialty" -> "h.specialty_code" + direction + " NULLS LAST, h.kana_key";
			case "prefecture" -> "o.prefecture_code" + direction + " NULLS LAST, h.kana_key";
			case "institution" -> "o.name_kana" + direction + " NULLS LAST, h.kana_key";
			case "updated" -> "h.updated_at" + direction;
			// By name: in the script the user typed, which is the order the index already holds.
			default -> ((key != null) ? key.sortable("h") : "(h.kana_key COLLATE \"C\")") + direction;
		};
		if (fuzzy) {
			return new Query(sql.toString(), " ORDER BY word_similarity(?, h.search_text) DESC, " + order + ", h.id",
					args, List.of(fuzzyTerm(criteria.query())));
		}
		if (!corrections.isEmpty() && key != null) {
			// The best spelling first: rank = the first proposal the name matches.
			StringBuilder rank = new StringBuilder(" ORDER BY CASE");
			for (int i = 0; i < corrections.size(); i++) {
				rank.append(" WHEN ").append(key.sortable("h")).append(" LIKE ? THEN ").append(i);
			}
			rank.append(" END, ").append(order).append(", h.id");
			return new Query(sql.toString(), rank.toString(), args, new ArrayList<>(corrections));
		}
		return new Query(sql.toString(), " ORDER BY " + order + ", h.id" + direction, args, List.of());
	}

	private static String fuzzyTerm(String q) {
		String normalized = JapaneseText.normalize(q);
		return JapaneseText.looksLikeKana(normalized) ? JapaneseText.toKatakana(normalized)
				: normalized.toLowerCase(java.util.Locale.ROOT);
	}

}
