package org.openpharma.crm.demo;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.shared.Japan;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo stage policies (issue 16): marketing saved a first version for every area four months ago, with the year-end
 * holidays (年末年始) as a quiet period; in oncology it later lowered the e-mail cap, and in diabetes it added Golden
 * Week and put patient-support information first for adopters. Plain SQL like the rest of the demo (no feature types);
 * deterministic for a given clock.
 */
final class DemoPolicies {

	private record Rule(String stage, String approach, String actions, String rationale) {
	}

	private static final List<Rule> RULES = List.of(
			new Rule("UNAWARE", "PULL", "{WEB_CONTENT,WEBINAR_INVITATION}",
					"疾患・治療選択肢の認知がまだ低い段階のため、Webコンテンツや講演会で情報に触れていただく機会をつくります。"),
			new Rule("AWARE", "PULL", "{WEBINAR_INVITATION,WEB_CONTENT}",
					"製品を認知いただいた段階のため、Web講演会へのご招待とWebコンテンツで関心を深めていただきます。"),
			new Rule("INTERESTED", "PUSH", "{VISIT,MEDICAL_HANDOFF,REMOTE_DETAIL}",
					"関心をお持ちの段階のため、MRが訪問してディテーリング資材でご説明し、学術的なご質問はメディカルにおつなぎします。"),
			new Rule("TRIAL", "PUSH", "{VISIT,MEDICAL_HANDOFF,APPROVED_EMAIL}",
					"試用中の段階のため、MRの訪問で使用経験を伺い、用法や安全性のご質問はメディカルにおつなぎします。"),
			new Rule("ADOPTER", "PULL", "{WEB_CONTENT,MEDICAL_HANDOFF,WEBINAR_INVITATION}",
					"処方いただいている段階のため、訪問頻度を抑え、医学情報や患者サポート情報をWebでご覧いただけるようにします。"),
			new Rule("ADVOCATE", "PULL", "{WEB_CONTENT,WEBINAR_INVITATION,MEDICAL_HANDOFF}",
					"推奨いただいている段階のため、最新の医学情報と患者サポート情報を提供し、講演会での情報交換を大切にします。"));

	private static final Map<String, int[]> CAPS = Map.of("VISIT", new int[] { 4, 30 }, "REMOTE", new int[] { 2, 30 },
			"PHONE", new int[] { 2, 30 }, "EMAIL", new int[] { 4, 30 }, "WEB", new int[] { 6, 30 });

	private DemoPolicies() {
	}

	/** Writes the policies when no area has one yet; returns how many versions. */
	static int policies(JdbcTemplate jdbc, Instant now) {
		if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM stage_policy)", Boolean.class))) {
			return 0;
		}
		LocalDate today = LocalDate.ofInstant(now, Japan.ZONE);
		LocalDate yearEnd = (today.getMonthValue() == 1 && today.getDayOfMonth() <= 4)
				? LocalDate.of(today.getYear() - 1, 12, 28) : LocalDate.of(today.getYear(), 12, 28);
		List<Map<String, Object>> areas = jdbc.queryForList("SELECT id, code FROM therapeutic_area WHERE active ORDER BY code");
		int n = 0;
		for (Map<String, Object> area : areas) {
			long id = (Long) area.get("id");
			String code = (String) area.get("code");
			long first = version(jdbc, id, 1, now.minus(120, ChronoUnit.DAYS), "初版：ステージ別の基本方針を設定");
			rules(jdbc, first, null);
			caps(jdbc, first, null);
			quiet(jdbc, first, yearEnd, false);
			n++;
			if (code.equals("ONCOLOGY")) {
				long second = version(jdbc, id, 2, now.minus(20, ChronoUnit.DAYS),
						"メール配信が多いとのご意見を受け、メールの接触上限を30日2回に変更");
				rules(jdbc, second, null);
				caps(jdbc, second, "EMAIL");
				quiet(jdbc, second, yearEnd, false);
				n++;
			}
			else if (code.equals("DIABETES")) {
				long second = version(jdbc, id, 2, now.minus(20, ChronoUnit.DAYS),
						"処方医には患者サポート情報を優先。ゴールデンウィークを休止期間に追加");
				rules(jdbc, second, new Rule("ADOPTER", "PULL", "{WEB_CONTENT,WEBINAR_INVITATION,MEDICAL_HANDOFF}",
						"処方いただいている段階のため、患者さん向けの服薬サポート情報をまずWebでご案内し、医学的なご質問はメディカルにおつなぎします。"));
				caps(jdbc, second, null);
				quiet(jdbc, second, yearEnd, true);
				n++;
			}
		}
		return n;
	}

	private static long version(JdbcTemplate jdbc, long area, int version, Instant at, String note) {
		return jdbc.queryForObject("INSERT INTO stage_policy (therapeutic_area_id, version, min_days_between_push, saved_by,"
				+ " saved_at, note) VALUES (?, ?, 7, 'marketing', ?, ?) RETURNING id", Long.class, area, version,
				Timestamp.from(at), note);
	}

	private static void rules(JdbcTemplate jdbc, long policy, Rule replacing) {
		for (Rule rule : RULES) {
			Rule r = (replacing != null && replacing.stage().equals(rule.stage())) ? replacing : rule;
			jdbc.update("INSERT INTO stage_policy_rule (policy_id, stage, approach, actions, rationale)"
					+ " VALUES (?, ?, ?, ?::varchar[], ?)", policy, r.stage(), r.approach(), r.actions(), r.rationale());
		}
	}

	/** The caps, with e-mail lowered to two in 30 days when {@code lowered} names it. */
	private static void caps(JdbcTemplate jdbc, long policy, String lowered) {
		for (String channel : List.of("VISIT", "REMOTE", "PHONE", "EMAIL", "WEB")) {
			int[] cap = CAPS.get(channel);
			jdbc.update("INSERT INTO stage_policy_cap (policy_id, channel, max_contacts, days) VALUES (?, ?, ?, ?)", policy,
					channel, channel.equals(lowered) ? 2 : cap[0], cap[1]);
		}
	}

	/** The coming year end and, when asked, the Golden Week after it: in the order of their first day. */
	private static void quiet(JdbcTemplate jdbc, long policy, LocalDate yearEnd, boolean goldenWeek) {
		record Period(LocalDate from, LocalDate to, String label) {
		}
		List<Period> periods = new java.util.ArrayList<>(List.of(new Period(yearEnd, yearEnd.plusDays(7), "年末年始")));
		if (goldenWeek) {
			LocalDate from = LocalDate.of(yearEnd.getYear() + 1, 4, 29);
			periods.add(new Period(from, from.plusDays(6), "ゴールデンウィーク"));
		}
		for (int i = 0; i < periods.size(); i++) {
			Period p = periods.get(i);
			jdbc.update("INSERT INTO stage_policy_quiet_period (policy_id, position, from_day, to_day, label)"
					+ " VALUES (?, ?, ?, ?, ?)", policy, i, Date.valueOf(p.from()), Date.valueOf(p.to()), p.label());
		}
	}

}
