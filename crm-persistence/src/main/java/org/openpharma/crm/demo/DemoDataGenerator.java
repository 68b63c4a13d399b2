package org.openpharma.crm.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.openpharma.crm.demo.DemoDataset.Counts;
import org.openpharma.crm.shared.Japan;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty installation with realistic, deterministic Japanese demo data: therapeutic areas and
 * products, territories covering the 47 prefectures, one user per role, and (when the customer master is
 * empty) hospitals, clinics, pharmacies, physicians and affiliations loaded with COPY. Everything runs in
 * one transaction and is recorded in the audit log; a repeated start finds the data and creates nothing.
 */
@Service
public class DemoDataGenerator {

	private static final Logger log = LoggerFactory.getLogger(DemoDataGenerator.class);

	/** Serialises two instances starting at once against one database (pg_advisory_xact_lock key). */
	private static final long LOCK_KEY = 0x44454D4F44415441L;

	private record Area(String code, String nameJa, String nameEn, List<Product> products) {
	}

	private record Product(String code, String nameJa, String nameEn) {
	}

	private record Territory(String code, String nameJa, String nameEn, List<Integer> prefectures) {
	}

	/** Fictional brands; any resemblance to a marketed product is unintended. */
	private static final List<Area> AREAS = List.of(
			new Area("ONCOLOGY", "腫瘍", "Oncology",
					List.of(new Product("ONVIRA", "オンビラ点滴静注", "Onvira"),
							new Product("LUMITREX", "ルミトレックス錠", "Lumitrex"),
							new Product("TUMAREXA", "ツマレクサ錠", "Tumarexa"))),
			new Area("CARDIOVASCULAR", "循環器", "Cardiovascular",
					List.of(new Product("CARDILUXE", "カルディルクス錠", "Cardiluxe"),
							new Product("VASOTRELLE", "バソトレール錠", "Vasotrelle"))),
			new Area("DIABETES", "糖尿病・代謝", "Diabetes and metabolism",
					List.of(new Product("GLUCARIA", "グルカリア錠", "Glucaria"),
							new Product("INSULVIA", "インスルビア注", "Insulvia"),
							new Product("LIPOCLEAR", "リポクリア錠", "Lipoclear"))),
			new Area("RESPIRATORY", "呼吸器", "Respiratory",
					List.of(new Product("AEROVENTA", "エアロベンタ吸入用", "Aeroventa"),
							new Product("BRONCHIVA", "ブロンキバ吸入用", "Bronchiva"))),
			new Area("CNS", "中枢神経", "Central nervous system",
					List.of(new Product("NEURISOL", "ニューリゾール錠", "Neurisol"),
							new Product("SERENOVA", "セレノバ錠", "Serenova"),
							new Product("COGNIREL", "コグニレル錠", "Cognirel"))),
			new Area("IMMUNOLOGY", "免疫", "Immunology",
					List.of(new Product("IMMUNARA", "イムナーラ皮下注", "Immunara"),
							new Product("RHEUMAVIX", "リウマビクス皮下注", "Rheumavix"))));

	/** Sales territories; together they cover every prefecture exactly once. */
	private static final List<Territory> TERRITORIES = List.of(new Territory("HOKKAIDO", "北海道", "Hokkaido", List.of(1)),
			new Territory("TOHOKU", "東北", "Tohoku", List.of(2, 3, 4, 5, 6, 7)),
			new Territory("KANTO_NORTH", "北関東", "North Kanto", List.of(8, 9, 10)),
			new Territory("KANTO_EAST", "埼玉・千葉", "Saitama and Chiba", List.of(11, 12)),
			new Territory("TOKYO_CENTRAL", "東京", "Tokyo", List.of(13)),
			new Territory("KANTO_WEST", "神奈川・山梨", "Kanagawa and Yamanashi", List.of(14, 19)),
			new Territory("HOKURIKU_SHINETSU", "北陸・信越", "Hokuriku and Shinetsu", List.of(15, 16, 17, 18, 20)),
			new Territory("TOKAI", "東海", "Tokai", List.of(21, 22, 23, 24)),
			new Territory("KINKI", "近畿", "Kinki", List.of(25, 26, 27, 28, 29, 30)),
			new Territory("CHUGOKU", "中国", "Chugoku", List.of(31, 32, 33, 34, 35)),
			new Territory("SHIKOKU", "四国", "Shikoku", List.of(36, 37, 38, 39)),
			new Territory("KYUSHU_OKINAWA", "九州・沖縄", "Kyushu and Okinawa", List.of(40, 41, 42, 43, 44, 45, 46, 47)));

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final PasswordEncoder passwords;

	private final Clock clock;

	public DemoDataGenerator(DataSource dataSource, PlatformTransactionManager transactionManager,
			PasswordEncoder passwords, Clock clock) {
		this.dataSource = dataSource;
		this.transactions = new TransactionTemplate(transactionManager);
		this.passwords = passwords;
		this.clock = clock;
	}

	/** The password of every demo user. */
	public static String demoPassword() {
		return DemoUsers.PASSWORD;
	}

	/**
	 * Generates what is missing. The customer master (HCOs, HCPs, affiliations) is generated only when
	 * both hcp and hco are empty; otherwise the report says {@code skipped}.
	 */
	public GenerationReport generate(Scale scale, long seed) {
		long started = System.nanoTime();
		return this.transactions.execute(status -> {
			JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
			jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, LOCK_KEY);
			// Bulk rows skip the per-row rollup triggers; the rollups are recomputed once at the end.
			jdbc.query("SELECT set_config('crm.rollup', 'off', true)", rs -> null);
			int[] reference = referenceData(jdbc);
			standardResponses(jdbc);
			List<String> users = DemoUsers.ensure(jdbc, this.passwords);
			Boolean hasData = jdbc.queryForObject(
					"SELECT EXISTS (SELECT 1 FROM hcp) OR EXISTS (SELECT 1 FROM hco)", Boolean.class);
			boolean skipped = Boolean.TRUE.equals(hasData);
			Counts counts = skipped ? new Counts(0, 0, 0, 0, 0) : customerMaster(jdbc, scale, seed);
			GenerationReport.Activity activity = activity(jdbc, scale, seed).withConsents(consent(jdbc));
			GenerationReport report = new GenerationReport(scale, seed, skipped, counts.hospitals(), counts.clinics(),
					counts.pharmacies(), counts.hcps(), counts.affiliations(), reference[0], reference[1],
					reference[2], users.size(), activity, (System.nanoTime() - started) / 1_000_000);
			if (!report.nothingCreated()) {
				audit(jdbc, report, users);
			}
			jdbc.query("SELECT set_config('crm.rollup', 'on', true)", rs -> null);
			if (!report.nothingCreated()) {
				long rebuild = System.nanoTime();
				jdbc.query("SELECT rollup_rebuild()", rs -> null);
				log.info("Dashboard rollups rebuilt in {} ms", (System.nanoTime() - rebuild) / 1_000_000);
			}
			long inquiries = inquiries(jdbc);
			long targets = targets(jdbc);
			int library = DemoContent.library(jdbc, this.clock.instant());
			if (library > 0) {
				log.info("Demo content library: {} items", library);
			}
			int policies = DemoPolicies.policies(jdbc, this.clock.instant());
			if (policies > 0) {
				log.info("Demo stage policies: {} versions", policies);
			}
			int plans = DemoPlans.plans(jdbc, this.clock.instant());
			if (plans > 0) {
				log.info("Demo call plans: {}", plans);
			}
			if (inquiries + targets > 0) {
				log.info("Demo medical inquiries: {}; patient targets: {}", inquiries, targets);
			}
			int dismissals = DemoDecisions.dismissals(jdbc, this.clock.instant());
			if (dismissals > 0) {
				log.info("Demo dismissed suggestions: {}", dismissals);
			}
			int decided = DemoDecisions.history(jdbc, this.clock.instant());
			if (decided > 0) {
				log.info("Demo decisions of the last nine months: {}", decided);
			}
			int campaigns = DemoCampaigns.campaigns(jdbc, this.clock.instant());
			if (campaigns > 0) {
				log.info("Demo past campaigns: {}", campaigns);
			}
			// Every HCP's next best actions are computed by the refresher in the background (NextActionRefresher);
			// the HCP page computes its own live meanwhile.
			int stale = jdbc.update("INSERT INTO next_action_stale (hcp_id, since) SELECT id, ? FROM hcp"
					+ " WHERE status <> 'MERGED' ON CONFLICT (hcp_id) DO NOTHING", java.sql.Timestamp.from(this.clock.instant()));
			if (stale > 0) {
				log.info("Next best actions to compute in the background: {} HCPs", stale);
			}
			return report;
		});
	}

	/**
	 * Two approved standard responses per product (dosing, safety), valid from a month ago for two years, and
	 * one expired, so the medical queue shows which can be used; only when there are none yet.
	 */
	private void standardResponses(JdbcTemplate jdbc) {
		if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM standard_response)", Boolean.class))) {
			return;
		}
		java.time.LocalDate today = java.time.LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
		jdbc.update("INSERT INTO standard_response (product_id, code, title, body, approval_ref, valid_from, valid_to)"
				+ " SELECT p.id, p.code || '-' || k.code, p.name_ja || k.title, p.name_ja || k.body,"
				+ " 'MA-' || p.id || '-' || k.code, CAST(? AS date) + k.from_days, CAST(? AS date) + k.to_days"
				+ " FROM product p CROSS JOIN (VALUES"
				+ " ('DOSE', 'の用法・用量（腎機能・肝機能低下時を含む）', 'の用法・用量: 添付文書の用法・用量の項、腎機能・肝機能別の調整を"
				+ "まとめた標準回答書です。', -30, 730),"
				+ " ('SAFETY', 'の主な副作用と発現頻度', 'の主な副作用: 臨床試験で報告された副作用とその頻度、対処法をまとめた標準回答書です。',"
				+ " -30, 730),"
				+ " ('OLD', 'の用法・用量（旧版）', 'の用法・用量（旧版）: 改訂前の標準回答書です。', -800, -31))"
				+ " AS k (code, title, body, from_days, to_days) WHERE p.active",
				java.sql.Date.valueOf(today), java.sql.Date.valueOf(today));
	}

	/** Therapeutic areas, products and territories whose codes are absent; returns the three counts. */
	private int[] referenceData(JdbcTemplate jdbc) {
		int areas = 0;
		int products = 0;
		for (Area area : AREAS) {
			areas += jdbc.update("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
					+ " ON CONFLICT (code) DO NOTHING", area.code(), area.nameJa(), area.nameEn());
			for (Product product : area.products()) {
				products += jdbc.update(
						"INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
								+ " SELECT ?, ?, ?, id FROM therapeutic_area WHERE code = ? ON CONFLICT (code) DO NOTHING",
						product.code(), product.nameJa(), product.nameEn(), area.code());
			}
		}
		int territories = 0;
		for (Territory territory : TERRITORIES) {
			List<Long> created = jdbc.queryForList(
					"INSERT INTO territory (code, name_ja, name_en) VALUES (?, ?, ?)"
							+ " ON CONFLICT (code) DO NOTHING RETURNING id",
					Long.class, territory.code(), territory.nameJa(), territory.nameEn());
			// Prefectures only for territories created here: an admin's own territory keeps its shape.
			for (long id : created) {
				for (int prefecture : territory.prefectures()) {
					jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, ?)", id,
							prefecture);
				}
				territories++;
			}
		}
		return new int[] { areas, products, territories };
	}

	private Counts customerMaster(JdbcTemplate jdbc, Scale scale, long seed) {
		List<String> specialties = jdbc.queryForList("SELECT code FROM specialty ORDER BY sort_order, code",
				String.class);
		DemoDataset dataset = new DemoDataset(scale, seed, specialties);
		long firstHco = reserveIds(jdbc, "hco", scale.hospitals() + scale.clinics() + scale.pharmacies());
		long firstHcp = reserveIds(jdbc, "hcp", scale.hcps());
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		CopyLoader loader;
		try {
			loader = new CopyLoader(connection.unwrap(PGConnection.class).getCopyAPI());
		}
		catch (SQLException ex) {
			throw new DemoDataException("The data source is not a PostgreSQL connection", ex);
		}
		Counts counts;
		try {
			counts = dataset.generate(firstHco, firstHcp, loader);
			loader.finish();
		}
		catch (RuntimeException ex) {
			loader.abort();
			throw ex;
		}
		// Fresh statistics, so that the first searches after a demo start get good plans.
		long analyzeStarted = System.nanoTime();
		analyze(jdbc, "hco", "hcp", "affiliation");
		log.info("Demo data COPY times in ms (generation included): {}; ANALYZE {} ms", loader.millis(),
				(System.nanoTime() - analyzeStarted) / 1_000_000);
		return counts;
	}

	/**
	 * Three years of activity (docs/benchmarks.md) when there are HCPs but no interaction yet: also for a
	 * customer master loaded by an earlier version or imported by an admin.
	 */
	private GenerationReport.Activity activity(JdbcTemplate jdbc, Scale scale, long seed) {
		Boolean pending = jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM hcp) AND NOT EXISTS (SELECT 1 FROM interaction)", Boolean.class);
		if (!Boolean.TRUE.equals(pending)) {
			return GenerationReport.Activity.NONE;
		}
		List<DemoActivity.Target> targets = jdbc.query("SELECT h.id, h.specialty_code, coalesce(o.prefecture_code, 13)"
				+ " FROM hcp h LEFT JOIN hco o ON o.id = h.primary_hco_id WHERE h.status <> 'MERGED' ORDER BY h.id",
				(rs, i) -> new DemoActivity.Target(rs.getLong(1), rs.getString(2), rs.getInt(3)));
		Map<Long, List<Object[]>> productsByArea = new java.util.HashMap<>();
		jdbc.query("SELECT therapeutic_area_id, id, name_ja FROM product WHERE active ORDER BY code", rs -> {
			productsByArea.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
				.add(new Object[] { rs.getLong(2), rs.getString(3) });
		});
		List<DemoActivity.Area> areas = jdbc.query(
				"SELECT id, code, name_ja FROM therapeutic_area WHERE active ORDER BY code", (rs, i) -> {
					List<Object[]> products = productsByArea.getOrDefault(rs.getLong(1), List.of());
					return new DemoActivity.Area(rs.getLong(1), rs.getString(2), rs.getString(3),
							products.stream().map(p -> (Long) p[0]).toList(),
							products.stream().map(p -> (String) p[1]).toList());
				});
		Map<Integer, String> mrByPrefecture = new java.util.HashMap<>();
		jdbc.query("SELECT tp.prefecture_code, min(u.username) FROM app_user u"
				+ " JOIN app_user_role r ON r.user_id = u.id AND r.role = 'MR'"
				+ " JOIN app_user_territory ut ON ut.user_id = u.id"
				+ " JOIN territory_prefecture tp ON tp.territory_id = ut.territory_id"
				+ " WHERE u.enabled GROUP BY tp.prefecture_code", rs -> {
					mrByPrefecture.put(rs.getInt(1), rs.getString(2));
				});
		if (areas.isEmpty() || targets.isEmpty()) {
			return GenerationReport.Activity.NONE;
		}
		DemoActivity generator = new DemoActivity(scale, seed, this.clock.instant(), areas, mrByPrefecture);
		int[] perHcp = generator.interactionCounts(targets);
		long total = java.util.Arrays.stream(perHcp).asLongStream().sum();
		long firstInteraction = reserveIds(jdbc, "interaction", Math.toIntExact(Math.max(1, total)));
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		DemoActivity.Counts counts;
		ActivityCopyLoader loader;
		try {
			loader = new ActivityCopyLoader(connection.unwrap(PGConnection.class).getCopyAPI());
		}
		catch (SQLException ex) {
			throw new DemoDataException("The data source is not a PostgreSQL connection", ex);
		}
		try (loader) {
			counts = generator.generate(targets, perHcp, firstInteraction, loader);
			loader.finish();
		}
		long analyzeStarted = System.nanoTime();
		analyze(jdbc, "interaction", "interaction_therapeutic_area", "interaction_product", "information_need",
				"hcp_stage", "stage_change", "patient_count", "treatment_policy_note");
		log.info("Demo activity COPY times in ms (generation included): {}; ANALYZE {} ms", loader.millis(),
				(System.nanoTime() - analyzeStarted) / 1_000_000);
		return new GenerationReport.Activity(counts.interactions(), counts.needs(), counts.stages(),
				counts.stageChanges(), counts.patientCounts(), counts.policyNotes());
	}

	/**
	 * Consent records when there are HCPs but no consent yet, set-based and deterministic by HCP id: nine
	 * in ten live HCPs signed a paper form three years ago for visits, remote detailing, phone and e-mail
	 * (promotional) and for visits, phone and e-mail (medical information); one in twelve of them has since
	 * withdrawn promotional e-mail. The rest have none, so the demo shows refusals too.
	 */
	private long consent(JdbcTemplate jdbc) {
		Boolean pending = jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM hcp) AND NOT EXISTS (SELECT 1 FROM consent_record)", Boolean.class);
		if (!Boolean.TRUE.equals(pending)) {
			return 0;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		long granted = jdbc.update("INSERT INTO consent_record (hcp_id, channel, purpose, state, source, evidence_ref,"
				+ " captured_by, captured_at, recorded_at)"
				+ " SELECT h.id, c.channel, c.purpose, 'GRANTED', 'PAPER', 'demo form ' || h.id, 'demo',"
				+ " ?::timestamptz - interval '3 years' + (h.id % 300) * interval '1 day', ?"
				+ " FROM hcp h CROSS JOIN (VALUES ('VISIT', 'PROMOTIONAL'), ('REMOTE', 'PROMOTIONAL'),"
				+ " ('PHONE', 'PROMOTIONAL'), ('EMAIL', 'PROMOTIONAL'), ('VISIT', 'MEDICAL_INFORMATION'),"
				+ " ('PHONE', 'MEDICAL_INFORMATION'), ('EMAIL', 'MEDICAL_INFORMATION')) AS c (channel, purpose)"
				+ " WHERE h.status <> 'MERGED' AND h.id % 10 <> 0 ORDER BY h.id", now, now);
		long withdrawn = jdbc.update("INSERT INTO consent_record (hcp_id, channel, purpose, state, source, evidence_ref,"
				+ " captured_by, captured_at, recorded_at)"
				+ " SELECT h.id, 'EMAIL', 'PROMOTIONAL', 'WITHDRAWN', 'EMAIL_LINK', 'unsubscribe', 'demo',"
				+ " ?::timestamptz - (h.id % 200) * interval '1 day' - interval '1 hour', ?"
				+ " FROM hcp h WHERE h.status <> 'MERGED' AND h.id % 10 <> 0 AND h.id % 12 = 1 ORDER BY h.id", now, now);
		analyze(jdbc, "consent_record");
		return granted + withdrawn;
	}

	/**
	 * Medical inquiries for the SLA dashboard when there are none, set-based and deterministic by HCP id: one
	 * HCP in 150 asked one in the last year. Nine in ten were answered with a standard response and closed,
	 * one in ten of those late; the rest are still assigned (some past due); one in ten mentioned an adverse
	 * event, handed to pharmacovigilance and acknowledged within the day (a few late). Due in a week
	 * (about five business days), adverse events in a day.
	 */
	private long inquiries(JdbcTemplate jdbc) {
		Boolean pending = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM hcp) AND EXISTS (SELECT 1 FROM standard_response)"
				+ " AND NOT EXISTS (SELECT 1 FROM medical_inquiry)", Boolean.class);
		if (!Boolean.TRUE.equals(pending)) {
			return 0;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		long created = jdbc.update("INSERT INTO medical_inquiry (hcp_id, subject, question, product_id, answer_channel,"
				+ " urgency, priority, category, status, received_at, received_by, received_via, due_at, assignee,"
				+ " answer_text, standard_response_id, answer_author, answer_approved_by, answer_approved_at,"
				+ " delivered_channel, delivered_at, closed_at, updated_at)"
				+ " SELECT q.hcp_id, '用法・用量について', '腎機能が低下した患者での用量を教えてください。', q.product_id, 'EMAIL',"
				+ " 'NORMAL', 'NORMAL', 'DOSING', CASE WHEN q.open THEN 'ASSIGNED' ELSE 'CLOSED' END, q.received, 'demo', 'SALES',"
				+ " q.received + interval '7 days', 'medical', CASE WHEN NOT q.open THEN q.body END,"
				+ " CASE WHEN NOT q.open THEN q.response_id END, CASE WHEN NOT q.open THEN 'medical' END,"
				+ " CASE WHEN NOT q.open THEN 'medical' END, CASE WHEN NOT q.open THEN q.delivered END,"
				+ " CASE WHEN NOT q.open THEN 'EMAIL' END, CASE WHEN NOT q.open THEN q.delivered END,"
				+ " CASE WHEN NOT q.open THEN q.delivered + interval '1 day' END, ?"
				+ " FROM (SELECT h.id AS hcp_id, r.product_id, r.id AS response_id, r.body, (h.id / 150) % 10 = 0 AS open,"
				+ " CASE WHEN (h.id / 150) % 10 = 0 THEN ?::timestamptz - ((h.id / 150) % 12) * interval '1 day'"
				+ " ELSE ?::timestamptz - (20 + (h.id / 150) % 340) * interval '1 day' END AS received,"
				+ " ?::timestamptz - (CASE WHEN (h.id / 150) % 10 = 0 THEN 0 ELSE 20 + (h.id / 150) % 340 END) * interval '1 day'"
				+ " + (CASE WHEN (h.id / 150) % 10 = 1 THEN 9 ELSE 1 + (h.id / 150) % 5 END) * interval '1 day' AS delivered"
				+ " FROM hcp h CROSS JOIN LATERAL (SELECT s.id, s.product_id, s.body FROM standard_response s"
				+ " WHERE s.code LIKE '%-DOSE' ORDER BY s.id OFFSET (h.id / 150) % (SELECT count(*) FROM standard_response"
				+ " WHERE code LIKE '%-DOSE') LIMIT 1) r WHERE h.status = 'ACTIVE' AND h.id % 150 = 7) q ORDER BY q.hcp_id",
				now, now, now, now);
		jdbc.update("INSERT INTO adverse_event_handoff (inquiry_id, suspect_product_id, description, seriousness, reporter,"
				+ " age_band, sex, created_at, due_at, acknowledged_at, acknowledged_by, pv_reference)"
				+ " SELECT q.id, q.product_id, '投与開始後の発疹', 'NON_SERIOUS', '主治医', 'SIXTIES', 'FEMALE', q.received_at,"
				+ " q.received_at + interval '1 day', q.received_at + (CASE WHEN q.id % 5 = 0 THEN 30 ELSE 5 END)"
				+ " * interval '1 hour', 'medical', 'PV-DEMO-' || q.id FROM medical_inquiry q"
				+ " WHERE q.status = 'CLOSED' AND q.hcp_id % 7 = 0");
		analyze(jdbc, "medical_inquiry");
		return created;
	}

	/**
	 * Monthly treated-patient targets per therapeutic area for Japan as a whole, when there are none: the
	 * reported figure of each month of the last year, raised by 5 to 25 % depending on the area, so that the
	 * patient dashboard shows attainment above and below 100 %.
	 */
	private long targets(JdbcTemplate jdbc) {
		Boolean pending = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM rollup_patient)"
				+ " AND NOT EXISTS (SELECT 1 FROM patient_target)", Boolean.class);
		if (!Boolean.TRUE.equals(pending)) {
			return 0;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		return jdbc.update("INSERT INTO patient_target (therapeutic_area_id, period, treated_target, set_by, set_at)"
				+ " SELECT r.ta_id, r.period, least(100000000, round(sum(r.treated) * (1.05 + (r.ta_id % 5) * 0.05)))::int,"
				+ " 'demo', ? FROM rollup_patient r"
				+ " WHERE r.period >= date_trunc('month', ?::timestamptz AT TIME ZONE 'Asia/Tokyo')::date - interval '12 months'"
				+ " GROUP BY r.ta_id, r.period HAVING sum(r.treated) > 0", now, now);
	}

	/**
	 * Fresh planner statistics for tables the generator has just filled, so that its later statements (and the first
	 * requests after a demo start) get good plans. Through crm_analyze (R__demo_statistics.sql): the application's
	 * role owns no table, and a plain ANALYZE of a table one does not own is skipped with a mere warning. It runs in
	 * the generator's transaction, so the rows copied but not yet committed are sampled.
	 */
	static void analyze(JdbcTemplate jdbc, String... tables) {
		for (String table : tables) {
			jdbc.query("SELECT crm_analyze(CAST(? AS regclass))", rs -> null, table);
		}
	}

	/**
	 * Takes {@code count} ids from the table's identity sequence in one step, so that COPY can write the
	 * ids (and references between rows) itself.
	 */
	private static long reserveIds(JdbcTemplate jdbc, String table, int count) {
		String sequence = jdbc.queryForObject("SELECT pg_get_serial_sequence(?, 'id')", String.class, table);
		Long first = jdbc.queryForObject("SELECT nextval(?::regclass)", Long.class, sequence);
		if (count > 1) {
			jdbc.queryForObject("SELECT setval(?::regclass, ?)", Long.class, sequence, first + count - 1);
		}
		return first;
	}

	private void audit(JdbcTemplate jdbc, GenerationReport report, List<String> users) {
		Map<String, Object> state = report.toMap();
		state.put("usernames", users);
		jdbc.update(
				"INSERT INTO audit_event (occurred_at, actor, action, entity_type, entity_id, after_state)"
						+ " VALUES (?, 'system', 'DEMO_DATA', 'SYSTEM', NULL, ?::jsonb)",
				Timestamp.from(this.clock.instant()), toJson(state));
	}

	/** Flat JSON of numbers, booleans, plain strings and string lists: all the audit summary holds. */
	static String toJson(Map<String, Object> map) {
		return map.entrySet()
			.stream()
			.map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String value(Object value) {
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(v -> quote(String.valueOf(v))).collect(Collectors.joining(",", "[", "]"));
		}
		return quote(String.valueOf(value));
	}

	private static String quote(String text) {
		StringBuilder sb = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				sb.append('\\').append(c);
			}
			else if (c < 0x20) {
				sb.append(String.format("\\u%04x", (int) c));
			}
			else {
				sb.append(c);
			}
		}
		return sb.append('"').toString();
	}

}
