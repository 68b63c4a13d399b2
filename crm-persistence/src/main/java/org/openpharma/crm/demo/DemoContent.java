package org.openpharma.crm.demo;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.shared.JapaneseText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo content library (issue 15): about sixty items written by marketing and medical affairs over three years,
 * each reviewed by a medical and a regulatory reviewer (medical items by two medical reviewers). They answer some of
 * the topics the demo needs ask about (DemoActivity) and leave others open, so the content-gap report has groups
 * with and without content. Most are approved; some expire within 30 days, some have expired, some were withdrawn,
 * a few are drafts or in review, and three are off-label medical letters. Deterministic: the same clock gives the
 * same library.
 */
final class DemoContent {

	/** One item to write: {p} is the product's name, {ta} the area's. */
	private record Template(String title, String kind, String category, String topic, List<String> stages,
			List<String> channels, boolean medical, boolean offLabel, String body) {
	}

	private static final List<String> ALL_CHANNELS = List.of("VISIT", "REMOTE", "EMAIL", "WEB");

	private static final List<Template> PER_PRODUCT = List.of(
			new Template("{p} 長期投与試験の成績", "DETAILING_SLIDES", "EFFICACY", "{p}の長期有効性データ",
					List.of("AWARE", "INTERESTED", "TRIAL"), List.of("VISIT", "REMOTE"), false, false,
					"{p}の長期投与試験（52週）の有効性と安全性の成績をまとめたディテーリング資料です。主要評価項目と"
							+ "副次評価項目、脱落例の内訳を掲載しています。"),
			new Template("{p} 用量調整早見表", "LEAFLET", "DOSING", "{p}の用量調整の目安",
					List.of("TRIAL", "ADOPTER"), ALL_CHANNELS, false, false,
					"腎機能・肝機能に応じた{p}の用量調整の目安を1枚にまとめた早見表です。詳細は最新の電子添文をご確認ください。"),
			new Template("患者さん向け説明資材（{p}）", "LEAFLET", "PATIENT_SUPPORT", "患者向け説明資材（{p}）",
					List.of("TRIAL", "ADOPTER", "ADVOCATE"), ALL_CHANNELS, false, false,
					"{p}を服用される患者さんとご家族向けに、飲み方と注意していただきたい症状をやさしく説明した冊子です。"));

	private static final List<Template> PER_AREA = List.of(
			new Template("{ta}診療ガイドライン改訂のポイント", "WEB_ARTICLE", "GUIDELINE", "最新ガイドラインでの{ta}治療の位置づけ",
					List.of("UNAWARE", "AWARE", "INTERESTED"), List.of("EMAIL", "WEB"), false, false,
					"最新の{ta}診療ガイドラインの改訂点を、薬物療法の位置づけを中心に解説した記事です。"),
			new Template("{ta}領域 Web 講演会のご案内", "WEBINAR", "OTHER", "{ta}領域の講演会の案内",
					List.of("AWARE", "INTERESTED"), List.of("EMAIL", "WEB"), false, false,
					"{ta}領域の専門医を講師に迎えた Web 講演会のご案内です。視聴は医療従事者の方に限ります。"));

	private static final List<Template> MEDICAL = List.of(
			new Template("{p} 妊娠中・授乳中の投与に関する文献情報", "MEDICAL_LETTER", "SAFETY", "{p}の妊婦・授乳婦への投与",
					List.of(), List.of("EMAIL", "VISIT"), true, true,
					"ご依頼のあった{p}の妊娠中・授乳中の投与について、公表文献の情報をまとめました。本剤の承認外の使用に関する"
							+ "情報を含みます。"),
			new Template("{p} 腎機能低下例での安全性（医学情報）", "MEDICAL_LETTER", "SAFETY", "{p}の腎機能低下例での安全性",
					List.of(), List.of("EMAIL", "VISIT", "PHONE"), true, false,
					"腎機能低下例における{p}の安全性について、臨床試験と製造販売後調査の成績をまとめた医学情報です。"));

	private static final Map<String, String> TEMPLATE_BODIES = Map.of("PROMOTIONAL",
			"{{hcp.name}} 先生\n\nいつもお世話になっております。{{sender.name}}です。\n先生のご関心に沿った資料をお送りします。\n\n"
					+ "{{content.links}}\n\nご不明な点がございましたら、お気軽にお知らせください。",
			"MEDICAL", "{{hcp.name}} 先生\n\nお問い合わせいただいた件について、メディカルインフォメーションよりご回答いたします。\n\n"
					+ "{{content.links}}\n\n{{sender.name}}");

	private DemoContent() {
	}

	/** Writes the library when no item other than the standard responses exists; returns how many items. */
	static int library(JdbcTemplate jdbc, Instant now) {
		Boolean present = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM content_item WHERE created_by <> 'standard-response')",
				Boolean.class);
		if (Boolean.TRUE.equals(present)) {
			return 0;
		}
		LocalDate today = LocalDate.ofInstant(now, org.openpharma.crm.shared.Japan.ZONE);
		List<Map<String, Object>> products = jdbc.queryForList("SELECT p.id, p.name_ja, p.therapeutic_area_id, a.name_ja AS area"
				+ " FROM product p JOIN therapeutic_area a ON a.id = p.therapeutic_area_id WHERE p.active ORDER BY p.code");
		List<Map<String, Object>> areas = jdbc.queryForList("SELECT id, name_ja FROM therapeutic_area WHERE active ORDER BY code");
		int n = 0;
		for (Map<String, Object> product : products) {
			for (Template template : PER_PRODUCT) {
				write(jdbc, template, (Long) product.get("therapeutic_area_id"), (Long) product.get("id"),
						(String) product.get("name_ja"), (String) product.get("area"), n++, now, today);
			}
		}
		for (Map<String, Object> area : areas) {
			for (Template template : PER_AREA) {
				write(jdbc, template, (Long) area.get("id"), null, null, (String) area.get("name_ja"), n++, now, today);
			}
		}
		for (int i = 0; i < 3 && i < products.size(); i++) {
			Map<String, Object> product = products.get(i * 4 % products.size());
			for (Template template : MEDICAL) {
				write(jdbc, template, (Long) product.get("therapeutic_area_id"), (Long) product.get("id"),
						(String) product.get("name_ja"), (String) product.get("area"), n++, now, today);
			}
		}
		if (!areas.isEmpty()) {
			Long area = (Long) areas.get(0).get("id");
			write(jdbc, new Template("{{hcp.name}} 先生：ご関心をお寄せいただいた資料のご案内", "EMAIL_TEMPLATE", "OTHER", "資料のご案内",
					List.of(), List.of("EMAIL"), false, false, TEMPLATE_BODIES.get("PROMOTIONAL")), area, null, null, "", n++,
					now, today);
			write(jdbc, new Template("{{hcp.name}} 先生：お問い合わせへのご回答", "EMAIL_TEMPLATE", "OTHER", "問い合わせへの回答",
					List.of(), List.of("EMAIL"), true, false, TEMPLATE_BODIES.get("MEDICAL")), area, null, null, "", n++, now,
					today);
		}
		usage(jdbc, Timestamp.from(now));
		return n;
	}

	/**
	 * Three years of use: approved promotional items shown in up to 40 visits each of their area after approval (and
	 * before they ended), a third of those opened later through the tracked link (a pull event on the timeline), and
	 * every fifth rated by the HCP, so each item page has figures to show.
	 * <p>
	 * The visits are chosen in one pass over the visits of the item's area (those whose id matches the version's id
	 * modulo 5, in the approval window), numbered per version in interaction id order and cut at 40 — the first 40
	 * by id, so the same data and clock give the same deliveries, inserted in version then interaction order. (One
	 * index walk per version, as before, took over 20 minutes at japan scale when the planner chose the author index.)
	 */
	private static void usage(JdbcTemplate jdbc, Timestamp now) {
		DemoDataGenerator.analyze(jdbc, "content_item", "content_version");
		jdbc.update("INSERT INTO content_delivery (hcp_id, item_id, version_id, channel, interaction_id, off_label, title,"
				+ " token_hash, delivered_by, delivered_at)"
				+ " SELECT x.hcp_id, x.item_id, x.version_id, 'VISIT', x.interaction_id, false, x.title,"
				+ " encode(sha256(convert_to('demo-delivery-' || x.version_id || '-' || x.interaction_id, 'UTF8')), 'hex'),"
				+ " x.author, x.occurred_at"
				+ " FROM (SELECT v.id AS version_id, v.item_id, v.title, i.id AS interaction_id, i.hcp_id, i.author, i.occurred_at,"
				+ "  row_number() OVER (PARTITION BY v.id ORDER BY i.id) AS n"
				+ "  FROM (SELECT v.id, v.item_id, v.title, v.therapeutic_area_id, v.approved_at,"
				+ "   coalesce(v.ended_at, ?) AS until FROM content_version v JOIN content_item ci ON ci.id = v.item_id"
				+ "   WHERE ci.audience = 'PROMOTIONAL' AND v.kind <> 'EMAIL_TEMPLATE' AND v.approved_at IS NOT NULL) v"
				+ "  JOIN interaction_therapeutic_area ta ON ta.therapeutic_area_id = v.therapeutic_area_id"
				+ "   AND ta.interaction_id % 5 = v.id % 5"
				+ "  JOIN interaction i ON i.id = ta.interaction_id"
				+ "  WHERE i.channel = 'VISIT' AND i.occurred_at > v.approved_at AND i.occurred_at < v.until) x"
				+ " WHERE x.n <= 40 ORDER BY x.version_id, x.interaction_id", now);
		DemoDataGenerator.analyze(jdbc, "content_delivery");
		jdbc.update("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code, key_messages,"
				+ " external_event_id, recorded_at, updated_at)"
				+ " SELECT d.hcp_id, 'WEB_CONTENT', d.delivered_at + interval '2 days', 'hcp-tracked-link', 'MARKETING', d.title,"
				+ " 'demo-view-' || d.id, d.delivered_at + interval '2 days', d.delivered_at + interval '2 days'"
				+ " FROM content_delivery d WHERE d.id % 3 = 0 AND d.delivered_at + interval '2 days' < ?", now);
		jdbc.update("INSERT INTO content_view (delivery_id, interaction_id, viewed_at)"
				+ " SELECT d.id, i.id, i.occurred_at FROM content_delivery d"
				+ " JOIN interaction i ON i.external_event_id = 'demo-view-' || d.id");
		jdbc.update("INSERT INTO content_feedback (delivery_id, hcp_id, version_id, helpful, comment, source, recorded_by,"
				+ " recorded_at) SELECT d.id, d.hcp_id, d.version_id, 3 + d.id % 3,"
				+ " (ARRAY['外来ですぐに使えて助かった', '患者説明に使えた', 'もう少し詳しいデータが欲しい'])[1 + d.id % 3],"
				+ " CASE WHEN d.id % 2 = 0 THEN 'HCP' ELSE 'REP' END, CASE WHEN d.id % 2 = 0 THEN 'hcp-tracked-link' ELSE d.delivered_by END,"
				+ " d.delivered_at + interval '3 days' FROM content_delivery d WHERE d.id % 5 = 0");
	}

	/**
	 * One item with one version whose state follows from its position {@code n}: every 13th withdrawn, every 11th
	 * expired, every 9th expiring within 30 days, every 17th a draft and every 19th in review; the rest approved.
	 */
	private static void write(JdbcTemplate jdbc, Template template, long areaId, Long productId, String productName,
			String areaName, int n, Instant now, LocalDate today) {
		String title = fill(template.title(), productName, areaName);
		String topic = fill(template.topic(), productName, areaName);
		String body = fill(template.body(), productName, areaName);
		boolean medical = template.medical();
		Instant created = now.minus(30 + (n * 37L) % 1000, ChronoUnit.DAYS);
		Instant approved = created.plus(12, ChronoUnit.DAYS);
		String status;
		LocalDate expiresOn;
		if (n % 13 == 5) {
			status = "WITHDRAWN";
			expiresOn = today.plusDays(200);
		}
		else if (n % 11 == 7) {
			status = "EXPIRED";
			expiresOn = today.minusDays(5 + n % 60);
		}
		else if (n % 17 == 3) {
			status = "DRAFT";
			created = now.minus(2 + n % 5, ChronoUnit.DAYS);
			expiresOn = today.plusYears(1);
		}
		else if (n % 19 == 4) {
			status = "IN_REVIEW";
			created = now.minus(4 + n % 5, ChronoUnit.DAYS);
			expiresOn = today.plusYears(1);
		}
		else {
			status = "APPROVED";
			expiresOn = (n % 9 == 2) ? today.plusDays(6 + n % 20) : today.plusDays(120 + (n * 53L) % 600);
		}
		String author = medical ? "medical" : "marketing";
		Long itemId = jdbc.queryForObject("INSERT INTO content_item (audience, off_label, owner_department, created_by,"
				+ " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id", Long.class, medical ? "MEDICAL" : "PROMOTIONAL",
				template.offLabel(), medical ? "MEDICAL" : "MARKETING", author, Timestamp.from(created));
		List<String> keys = List.of(JapaneseText.topicKey(topic));
		Long versionId = jdbc.queryForObject("INSERT INTO content_version (item_id, number, title, kind,"
				+ " therapeutic_area_id, language, summary, body, need_categories, topics, topic_keys, stages, channels,"
				+ " approval_ref, expires_on, status, author, created_at, updated_at) VALUES (?, 1, ?, ?, ?, 'ja', ?, ?,"
				+ " ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?, ?, 'DRAFT', ?, ?, ?) RETURNING id",
				Long.class, itemId, title, template.kind(), areaId, summary(body), body,
				array(List.of(template.category())), array(List.of(topic)), array(keys), array(template.stages()),
				array(template.channels()), status.equals("DRAFT") ? null : String.format("PR-%s-%04d", today.getYear(), n + 1),
				Date.valueOf(expiresOn), author, Timestamp.from(created), Timestamp.from(created));
		if (productId != null) {
			jdbc.update("INSERT INTO content_version_product (version_id, product_id) VALUES (?, ?)", versionId, productId);
		}
		if (status.equals("DRAFT")) {
			return;
		}
		Instant submitted = created.plus(2, ChronoUnit.DAYS);
		if (status.equals("IN_REVIEW")) {
			jdbc.update("UPDATE content_version SET status = 'IN_REVIEW', review_round = 1, submitted_at = ?, updated_at = ?"
					+ " WHERE id = ?", Timestamp.from(submitted), Timestamp.from(submitted), versionId);
			return;
		}
		List<Object[]> reviews = new ArrayList<>();
		reviews.add(new Object[] { versionId, "MEDICAL", "medical2", Timestamp.from(approved.minus(3, ChronoUnit.DAYS)) });
		reviews.add(new Object[] { versionId, "REGULATORY", medical ? "medical3" : "reviewer", Timestamp.from(approved) });
		jdbc.batchUpdate("INSERT INTO content_review (version_id, round, slot, decision, reviewer, decided_at)"
				+ " VALUES (?, 1, ?, 'APPROVED', ?, ?)", reviews);
		jdbc.update("UPDATE content_version SET status = 'APPROVED', review_round = 1, submitted_at = ?, approved_at = ?,"
				+ " updated_at = ? WHERE id = ?", Timestamp.from(submitted), Timestamp.from(approved),
				Timestamp.from(approved), versionId);
		if (status.equals("WITHDRAWN")) {
			Instant ended = approved.plus(90, ChronoUnit.DAYS);
			jdbc.update("UPDATE content_version SET status = 'WITHDRAWN', ended_at = ?, ended_by = ?, end_reason = ?,"
					+ " updated_at = ? WHERE id = ?", Timestamp.from(ended), author, "電子添文の改訂に伴い内容を見直すため",
					Timestamp.from(ended), versionId);
		}
		else if (status.equals("EXPIRED")) {
			jdbc.update("UPDATE content_version SET status = 'EXPIRED', ended_at = ?, ended_by = 'system', updated_at = ?"
					+ " WHERE id = ?", Timestamp.from(now), Timestamp.from(now), versionId);
		}
	}

	private static String fill(String text, String product, String area) {
		return text.replace("{p}", (product != null) ? product : area).replace("{ta}", area);
	}

	private static String summary(String body) {
		int end = body.indexOf('。');
		return (end > 0) ? body.substring(0, end + 1) : body;
	}

	private static String array(List<String> values) {
		return "{" + String.join(",", values.stream().map(v -> "\"" + v.replace("\"", "\\\"") + "\"").toList()) + "}";
	}

}
