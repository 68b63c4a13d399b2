package org.openpharma.crm.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One demo user per role, all with the same published demo password. Existing usernames are left
 * alone, so a demo that an admin has already changed keeps its changes.
 */
final class DemoUsers {

	/** The demo password (12+ characters, as the password policy asks). Never use the demo profile in production. */
	static final String PASSWORD = "demo-password-2026";

	/** A demo user: username, display name, department, role and territory codes (first match wins for MR). */
	record DemoUser(String username, String displayName, String department, String role, List<String> territories) {
	}

	// The schema wants usernames of 3+ characters, so the MR is "mr01" (the first of many MRs), not "mr".
	static final List<DemoUser> USERS = List.of(
			new DemoUser("mr01", "山田 花子 (MR)", "SALES", "MR", List.of("TOKYO_CENTRAL")),
			new DemoUser("marketing", "鈴木 一郎 (マーケティング)", "MARKETING", "MARKETING", List.of()),
			new DemoUser("medical", "高橋 美咲 (メディカル)", "MEDICAL", "MEDICAL", List.of()),
			// A second medical reviewer: a custom answer is approved or returned by someone other than its author.
			new DemoUser("medical2", "中村 恵介 (メディカル)", "MEDICAL", "MEDICAL", List.of()),
			// A third medical user: a medical item needs two medical reviewers other than its author (issue 15).
			new DemoUser("medical3", "小林 真理 (メディカル)", "MEDICAL", "MEDICAL", List.of()),
			// The regulatory review of promotional material (審査), independent of sales and marketing.
			new DemoUser("reviewer", "加藤 修 (審査担当)", "COMPLIANCE", "REVIEWER", List.of()),
			new DemoUser("callcenter", "田中 陽子 (コールセンター)", "CALL_CENTER", "CALL_CENTER", List.of()),
			new DemoUser("manager", "佐藤 健一 (マネージャー)", "MANAGEMENT", "MANAGER",
					List.of("TOKYO_CENTRAL", "KANTO_EAST", "KANTO_WEST")),
			new DemoUser("admin", "伊藤 誠 (管理者)", "IT", "ADMIN", List.of()),
			new DemoUser("privacy", "渡辺 直子 (個人情報保護責任者)", "COMPLIANCE", "PRIVACY_OFFICER", List.of()),
			// One MR for every other territory, so the activity data has an owner everywhere.
			mr("mr02", "北海道", "HOKKAIDO"), mr("mr03", "東北", "TOHOKU"), mr("mr04", "北関東", "KANTO_NORTH"),
			mr("mr05", "埼玉・千葉", "KANTO_EAST"), mr("mr06", "神奈川・山梨", "KANTO_WEST"),
			mr("mr07", "北陸・信越", "HOKURIKU_SHINETSU"), mr("mr08", "東海", "TOKAI"), mr("mr09", "近畿", "KINKI"),
			mr("mr10", "中国", "CHUGOKU"), mr("mr11", "四国", "SHIKOKU"), mr("mr12", "九州・沖縄", "KYUSHU_OKINAWA"));

	private static DemoUser mr(String username, String area, String territory) {
		return new DemoUser(username, "MR " + area, "SALES", "MR", List.of(territory));
	}

	/** Tokyo's prefecture code: the MR covers Tokyo even where an admin renamed the territories. */
	private static final int TOKYO = 13;

	private DemoUsers() {
	}

	/** Creates the missing demo users; returns the usernames created. */
	static List<String> ensure(JdbcTemplate jdbc, PasswordEncoder passwords) {
		Set<String> existing = new HashSet<>(jdbc.queryForList("SELECT username FROM app_user WHERE username = ANY (?)",
				String.class, (Object) USERS.stream().map(DemoUser::username).toArray(String[]::new)));
		List<String> created = new ArrayList<>();
		for (DemoUser user : USERS) {
			if (existing.contains(user.username())) {
				continue;
			}
			// Hash per user: same password, different salts, as for any real account.
			List<Long> ids = jdbc.queryForList(
					"INSERT INTO app_user (username, display_name, password_hash, department_code)"
							+ " VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id",
					Long.class, user.username(), user.displayName(), passwords.encode(PASSWORD), user.department());
			if (ids.isEmpty()) {
				continue;
			}
			long id = ids.get(0);
			jdbc.update("INSERT INTO app_user_role (user_id, role) VALUES (?, ?)", id, user.role());
			for (long territory : territories(jdbc, user)) {
				jdbc.update("INSERT INTO app_user_territory (user_id, territory_id) VALUES (?, ?)"
						+ " ON CONFLICT DO NOTHING", id, territory);
			}
			created.add(user.username());
		}
		return created;
	}

	private static List<Long> territories(JdbcTemplate jdbc, DemoUser user) {
		if (user.territories().isEmpty()) {
			return List.of();
		}
		List<Long> ids = new ArrayList<>();
		for (String code : user.territories()) {
			ids.addAll(jdbc.queryForList("SELECT id FROM territory WHERE code = ?", Long.class, code));
		}
		if (ids.isEmpty() && "MR".equals(user.role())) {
			ids.addAll(jdbc.queryForList("SELECT t.id FROM territory t JOIN territory_prefecture tp"
					+ " ON tp.territory_id = t.id WHERE tp.prefecture_code = ? ORDER BY t.id LIMIT 1", Long.class,
					TOKYO));
		}
		return ids;
	}

}
