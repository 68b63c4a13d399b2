package org.openpharma.crm.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Prefectures, specialties, departments and territories, with names in both languages. The fixed sets
 * are read once; territories are read on demand because admins change them. No transactions: each
 * lookup is one statement or a cached map, and templates call the name lookups once per row.
 */
@Service
public class ReferenceData {

	private final JdbcTemplate jdbc;

	private volatile Map<Integer, Item> prefectures;

	private volatile Map<String, Item> specialties;

	private volatile Map<String, Item> departments;

	private volatile List<Item> regions;

	public ReferenceData(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A coded item with its Japanese and English names and (for prefectures) its region. */
	public record Item(String code, String nameJa, String nameEn, String group) {

		public String name(Locale locale) {
			return (locale != null && "en".equals(locale.getLanguage())) ? this.nameEn : this.nameJa;
		}

	}

	public List<Item> prefectures() {
		return List.copyOf(prefectureMap().values());
	}

	/** The eight regions in their usual order. */
	public List<Item> regions() {
		List<Item> regions = this.regions;
		if (regions == null) {
			regions = List.copyOf(this.jdbc.query("SELECT code, name_ja, name_en FROM region ORDER BY sort_order",
					(rs, i) -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), null)));
			this.regions = regions;
		}
		return regions;
	}

	public boolean isRegion(String code) {
		return code != null && regions().stream().anyMatch(r -> r.code().equals(code));
	}

	public List<Item> specialties() {
		return List.copyOf(specialtyMap().values());
	}

	public List<Item> departments() {
		return List.copyOf(departmentMap().values());
	}

	public List<Item> territories() {
		return this.jdbc.query("SELECT id, name_ja, name_en, code FROM territory ORDER BY code",
				(rs, i) -> new Item(String.valueOf(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4)));
	}

	/** Active therapeutic areas; the item code is the id. */
	public List<Item> therapeuticAreas() {
		return this.jdbc.query("SELECT id, name_ja, name_en FROM therapeutic_area WHERE active ORDER BY code",
				(rs, i) -> new Item(String.valueOf(rs.getLong(1)), rs.getString(2), rs.getString(3), null));
	}

	/** Active products; the item code is the id, the group the therapeutic area id. */
	public List<Item> products() {
		return this.jdbc.query("SELECT id, name_ja, name_en, therapeutic_area_id FROM product WHERE active ORDER BY code",
				(rs, i) -> new Item(String.valueOf(rs.getLong(1)), rs.getString(2), rs.getString(3),
						String.valueOf(rs.getLong(4))));
	}

	public boolean therapeuticAreasExist(java.util.Collection<Long> ids) {
		return countExisting("therapeutic_area", ids);
	}

	public boolean productsExist(java.util.Collection<Long> ids) {
		return countExisting("product", ids);
	}

	private boolean countExisting(String table, java.util.Collection<Long> ids) {
		java.util.Set<Long> distinct = new java.util.HashSet<>(ids);
		distinct.remove(null);
		if (distinct.isEmpty()) {
			return true;
		}
		Integer found = this.jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE id = ANY (?)", Integer.class,
				(Object) distinct.toArray(Long[]::new));
		return found != null && found == distinct.size();
	}

	public boolean isSpecialty(String code) {
		return specialtyMap().containsKey(code);
	}

	public boolean isDepartment(String code) {
		return departmentMap().containsKey(code);
	}

	public boolean isPrefecture(Integer code) {
		return code != null && prefectureMap().containsKey(code);
	}

	public boolean hcoExists(long id) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM hco WHERE id = ?)",
				Boolean.class, id));
	}

	public boolean territoriesExist(java.util.Collection<Long> ids) {
		if (ids.isEmpty()) {
			return true;
		}
		Integer found = this.jdbc.queryForObject("SELECT count(*) FROM territory WHERE id = ANY (?)", Integer.class,
				(Object) ids.toArray(Long[]::new));
		return found != null && found == ids.size();
	}

	public String prefectureName(Integer code, Locale locale) {
		Item item = (code != null) ? prefectureMap().get(code) : null;
		return (item != null) ? item.name(locale) : "";
	}

	public String specialtyName(String code, Locale locale) {
		Item item = (code != null) ? specialtyMap().get(code) : null;
		return (item != null) ? item.name(locale) : "";
	}

	public String departmentName(String code, Locale locale) {
		Item item = (code != null) ? departmentMap().get(code) : null;
		return (item != null) ? item.name(locale) : "";
	}

	/** Prefecture code for a Japanese or English prefecture name, or a code given as digits. */
	public Integer prefectureCode(String nameOrCode) {
		if (nameOrCode == null || nameOrCode.isBlank()) {
			return null;
		}
		String value = nameOrCode.strip();
		if (value.matches("\\d{1,2}")) {
			int code = Integer.parseInt(value);
			return prefectureMap().containsKey(code) ? code : null;
		}
		for (Item item : prefectureMap().values()) {
			if (item.nameJa().equals(value) || item.nameEn().equalsIgnoreCase(value)) {
				return Integer.valueOf(item.code());
			}
		}
		return null;
	}

	private Map<Integer, Item> prefectureMap() {
		Map<Integer, Item> map = this.prefectures;
		if (map == null) {
			map = load(() -> this.jdbc.query("SELECT code, name_ja, name_en, region_code FROM prefecture ORDER BY code",
					(rs, i) -> new Item(String.valueOf(rs.getInt(1)), rs.getString(2), rs.getString(3), rs.getString(4))))
				.entrySet()
				.stream()
				.collect(LinkedHashMap::new, (m, e) -> m.put(Integer.valueOf(e.getKey()), e.getValue()), Map::putAll);
			this.prefectures = map;
		}
		return map;
	}

	private Map<String, Item> specialtyMap() {
		Map<String, Item> map = this.specialties;
		if (map == null) {
			map = load(() -> this.jdbc.query("SELECT code, name_ja, name_en FROM specialty ORDER BY sort_order",
					(rs, i) -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), null)));
			this.specialties = map;
		}
		return map;
	}

	private Map<String, Item> departmentMap() {
		Map<String, Item> map = this.departments;
		if (map == null) {
			map = load(() -> this.jdbc.query("SELECT code, name_ja, name_en FROM department ORDER BY code",
					(rs, i) -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), null)));
			this.departments = map;
		}
		return map;
	}

	private static Map<String, Item> load(Supplier<List<Item>> query) {
		Map<String, Item> map = new LinkedHashMap<>();
		query.get().forEach(item -> map.put(item.code(), item));
		return java.util.Collections.unmodifiableMap(map);
	}

}
