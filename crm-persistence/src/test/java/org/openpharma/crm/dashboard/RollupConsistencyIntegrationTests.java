package org.openpharma.crm.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openpharma.crm.ConsentFixtures;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hco.HcoDetails;
import org.openpharma.crm.hco.HcoManagement;
import org.openpharma.crm.hco.HcoType;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.interaction.InteractionRules;
import org.openpharma.crm.interaction.PullEventIngest;
import org.openpharma.crm.interaction.PullEventIngest.PullEvent;
import org.openpharma.crm.need.InformationNeed;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.NeedManagement;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.privacy.DataRights;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.stage.PatientCountFacts;
import org.openpharma.crm.testsupport.MutableClock;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards' rollups (V12) are kept by triggers, one delta at a time. Whatever is written, each rollup
 * summed per key must equal its source view, which recomputes the same figures from the raw rows. A seeded
 * random history of writes through the real services (contacts with needs, stages and patient counts,
 * corrections, edits, need triage, pull events, HCP moves and merges, institution moves, erasure,
 * compaction), plus plain SQL where no service writes (backdated stage changes and reports, deleted reports,
 * contacts re-pointed or deleted by hand), is checked at checkpoints and at the end, together with a few
 * figures computed here in Java from the raw tables. A failure names the seed and the last operations.
 */
@PostgresTest
class RollupConsistencyIntegrationTests extends PostgresTestBase {

	/** Starts well in the past and only moves forward, so that contacts may be dated up to a day ahead of it. */
	static final MutableClock CLOCK = new MutableClock(
			Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(60)));

	static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

	static final List<Channel> PUSH = Arrays.stream(Channel.values()).filter(Channel::isPush).toList();

	static final List<Channel> PULL = Arrays.stream(Channel.values()).filter(Channel::isPull).toList();

	/** The users who log contacts, one per department (coverage is counted per department). */
	static final List<String[]> USERS = List.of(new String[] { "rollup-sales", "SALES", "MR" },
			new String[] { "rollup-medical", "MEDICAL", "MEDICAL" },
			new String[] { "rollup-marketing", "MARKETING", "MARKETING" },
			new String[] { "rollup-callcenter", "CALL_CENTER", "CALL_CENTER" });

	static final String ADMIN = "rollup-admin";

	/** Needs are moved by marketing, who works nationwide (WorkScope): the history is random, not the scope. */
	static final String NEED_WORKER = "rollup-marketing";

	/** Each rollup with its source view, key columns and summed columns. */
	record Rollup(String name, String table, String source, String keys, String values) {

		String sumQuery(String relation) {
			String sums = Arrays.stream(this.values.split(", ")).map(v -> "sum(" + v + ")::bigint")
				.collect(Collectors.joining(", "));
			return "SELECT " + this.keys + ", " + sums + " FROM " + relation + " GROUP BY " + this.keys;
		}

		int keyCount() {
			return this.keys.split(", ").length;
		}

		int valueCount() {
			return this.values.split(", ").length;
		}

	}

	static final List<Rollup> ROLLUPS = List.of(
			new Rollup("interaction", "rollup_interaction", "rollup_interaction_source",
					"month, channel, department_code, region_code, ta_id, product_id, stage", "n"),
			new Rollup("coverage", "rollup_coverage", "rollup_coverage_source",
					"prefecture_code, department_code, last_contact", "n"),
			new Rollup("stage", "rollup_stage", "rollup_stage_source", "ta_id, stage, region_code", "n"),
			new Rollup("stage_move", "rollup_stage_move", "rollup_stage_move_source",
					"month, ta_id, from_stage, to_stage, region_code", "n"),
			new Rollup("need", "rollup_need", "rollup_need_source",
					"month, status, routed_to, ta_id, product_id, region_code", "n"),
			new Rollup("patient", "rollup_patient", "rollup_patient_source", "period, ta_id, product_id, prefecture_code",
					"eligible, treated, reports"),
			// The content gap's (R__content_gaps.sql, docs/adr/0030): generated compaction and HCP moves, own triggers.
			new Rollup("content_gap", "rollup_content_gap", "rollup_content_gap_source",
					"ta_id, product_id, category, topic_key, state, month", "n"),
			new Rollup("content_gap_stage", "rollup_content_gap_stage", "rollup_content_gap_stage_source",
					"ta_id, product_id, category, topic_key, state, stage", "n"));

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@Autowired
	InteractionManagement interactions;

	@Autowired
	PullEventIngest pullEvents;

	@Autowired
	HcpManagement hcps;

	@Autowired
	HcoManagement hcos;

	@Autowired
	NeedManagement needs;

	@Autowired
	DataRights rights;

	@Autowired
	RollupCompaction compaction;

	@Autowired
	UserManagement users;

	@Autowired
	ConsentLedger consents;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1L, 20_240_917L, 7_777_777_777L })
	void everyRollupAddsUpToItsSourceViewAfterARandomHistory(long seed) {
		Run run = new Run(seed);
		// The database is shared: what earlier tests (or seeds) left must add up already.
		assertConsistent(run, "before the run");
		run.buildWorld();
		int operations = 150 + run.random.nextInt(101);
		for (int i = 1; i <= operations; i++) {
			run.step(i);
			if (i == operations / 3 || i == 2 * operations / 3) {
				assertConsistent(run, "after operation " + i + " of " + operations);
			}
		}
		assertConsistent(run, "after all " + operations + " operations");
		// The equalities above hold for every class's rows; that this run's history is among them is checked here.
		assertThat(sum("SELECT count(*) FROM interaction WHERE id = ANY (?)", (Object) run.loggedIds()))
			.as("the contacts seed %d remembers are in the table", run.seed).isEqualTo(run.logged.size());
		assertHandComputedFigures(run);
		run.compact();
		assertConsistent(run, "after a final compaction");
	}

	// Checks --------------------------------------------------------------------------------------------------

	/** Every rollup, summed per key (keys that add up to nothing left out), equals its source view. */
	private void assertConsistent(Run run, String when) {
		List<String> differences = new ArrayList<>();
		for (Rollup rollup : ROLLUPS) {
			Map<String, List<Long>> rolled = sums(rollup, rollup.table());
			Map<String, List<Long>> source = sums(rollup, rollup.source());
			Set<String> keys = new TreeSet<>(rolled.keySet());
			keys.addAll(source.keySet());
			for (String key : keys) {
				if (!Objects.equals(rolled.get(key), source.get(key))) {
					differences.add(rollup.name() + " [" + key + "] rollup " + rolled.get(key) + " <> source "
							+ source.get(key));
				}
			}
		}
		assertThat(differences)
			.withFailMessage(() -> ("Seed %d, %s: %d rollup keys differ from the source views:%n  %s%n"
					+ "Last operations:%n  %s").formatted(run.seed, when, differences.size(),
						String.join("\n  ", differences.subList(0, Math.min(40, differences.size()))),
						run.recentOperations()))
			.isEmpty();
	}

	/** Per key: the sums of the rollup's or view's figures (in the rollup, keys that add up to nothing are left out). */
	private Map<String, List<Long>> sums(Rollup rollup, String relation) {
		Map<String, List<Long>> sums = new TreeMap<>();
		this.jdbc.query(rollup.sumQuery(relation), rs -> {
			List<String> key = new ArrayList<>();
			for (int i = 1; i <= rollup.keyCount(); i++) {
				key.add(rs.getString(i));
			}
			List<Long> values = new ArrayList<>();
			for (int i = 1; i <= rollup.valueCount(); i++) {
				values.add(rs.getLong(rollup.keyCount() + i));
			}
			if (relation.equals(rollup.source()) || values.stream().anyMatch(v -> v != 0)) {
				sums.put(String.join("|", key), values);
			}
		});
		return sums;
	}

	private Map<String, Map<String, List<Long>>> allRollupSums() {
		Map<String, Map<String, List<Long>>> all = new TreeMap<>();
		for (Rollup rollup : ROLLUPS) {
			all.put(rollup.name(), sums(rollup, rollup.table()));
		}
		return all;
	}

	/** Figures computed here from the raw rows, independently of the source views. */
	private void assertHandComputedFigures(Run run) {
		// Contacts: each interaction no other interaction corrects counts once in the "all" rows, and once per
		// area and per product it names.
		Set<Long> corrected = new HashSet<>();
		List<Long> ids = new ArrayList<>();
		this.jdbc.query("SELECT id, corrects_id FROM interaction", rs -> {
			ids.add(rs.getLong(1));
			long correctsId = rs.getLong(2);
			if (!rs.wasNull()) {
				corrected.add(correctsId);
			}
		});
		long contacts = ids.stream().filter(id -> !corrected.contains(id)).count();
		// How many is up to the seeded dice: this only makes sure the run exercised corrections of its own contacts.
		assertThat(corrected).as("seed %d corrected some of its contacts", run.seed)
			.containsAnyElementsOf(List.of(run.loggedIds()));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction i"
				+ " WHERE NOT EXISTS (SELECT 1 FROM interaction c WHERE c.corrects_id = i.id)", Long.class))
			.isEqualTo(contacts);
		assertThat(this.jdbc.queryForObject("SELECT coalesce(sum(n), 0) FROM rollup_interaction"
				+ " WHERE ta_id = 0 AND product_id = 0", Long.class))
			.as("contacts in the rollup (seed %d)", run.seed)
			.isEqualTo(contacts);
		Map<Long, Long> perArea = new TreeMap<>();
		this.jdbc.query("SELECT interaction_id, therapeutic_area_id FROM interaction_therapeutic_area", rs -> {
			if (!corrected.contains(rs.getLong(1))) {
				perArea.merge(rs.getLong(2), 1L, Long::sum);
			}
		});
		assertThat(longMap("SELECT ta_id, sum(n) FROM rollup_interaction WHERE ta_id <> 0 GROUP BY ta_id"
				+ " HAVING sum(n) <> 0"))
			.as("contacts per area (seed %d)", run.seed)
			.isEqualTo(perArea);
		Map<Long, Long> perProduct = new TreeMap<>();
		this.jdbc.query("SELECT interaction_id, product_id FROM interaction_product", rs -> {
			if (!corrected.contains(rs.getLong(1))) {
				perProduct.merge(rs.getLong(2), 1L, Long::sum);
			}
		});
		assertThat(longMap("SELECT product_id, sum(n) FROM rollup_interaction WHERE product_id <> 0"
				+ " GROUP BY product_id HAVING sum(n) <> 0"))
			.as("contacts per product (seed %d)", run.seed)
			.isEqualTo(perProduct);

		// Patients: the latest report per HCP, area, product and month (a product's area when the report names
		// none), by report time and then id.
		Map<Long, Long> areaOfProduct = longMap("SELECT id, therapeutic_area_id FROM product");
		Map<String, Object[]> latest = new HashMap<>();
		this.jdbc.query("SELECT id, hcp_id, therapeutic_area_id, product_id, period, eligible_patients,"
				+ " treated_patients, reported_at FROM patient_count", rs -> {
					long id = rs.getLong("id");
					long productId = rs.getLong("product_id");
					Long area = (Long) rs.getObject("therapeutic_area_id");
					if (area == null) {
						area = areaOfProduct.get(productId);
					}
					LocalDate period = rs.getDate("period").toLocalDate();
					Instant reportedAt = rs.getTimestamp("reported_at").toInstant();
					long eligible = rs.getLong("eligible_patients");
					long treated = rs.getLong("treated_patients");
					String key = period + "|" + area + "|" + productId + "|" + rs.getLong("hcp_id");
					Object[] report = { reportedAt, id, period + "|" + area + "|" + productId, eligible, treated };
					latest.merge(key, report, (a, b) -> {
						int byTime = ((Instant) a[0]).compareTo((Instant) b[0]);
						return (byTime > 0 || (byTime == 0 && (Long) a[1] > (Long) b[1])) ? a : b;
					});
				});
		Map<String, List<Long>> expectedPatients = new TreeMap<>();
		long treatedTotal = 0;
		for (Object[] report : latest.values()) {
			expectedPatients.merge((String) report[2], List.of((Long) report[3], (Long) report[4], 1L),
					(a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2)));
			treatedTotal += (Long) report[4];
		}
		// How many is up to the seeded dice: this only makes sure the run's own HCPs reported patients.
		assertThat(sum("SELECT count(*) FROM patient_count WHERE hcp_id = ANY (?)", (Object) run.hcpIds.toArray(Long[]::new)))
			.as("seed %d reported patients", run.seed).isPositive();
		Map<String, List<Long>> rolledPatients = new TreeMap<>();
		this.jdbc.query("SELECT period, ta_id, product_id, sum(eligible), sum(treated), sum(reports) FROM rollup_patient"
				+ " GROUP BY period, ta_id, product_id"
				+ " HAVING sum(eligible) <> 0 OR sum(treated) <> 0 OR sum(reports) <> 0", rs -> {
					rolledPatients.put(rs.getDate(1).toLocalDate() + "|" + rs.getLong(2) + "|" + rs.getLong(3),
							List.of(rs.getLong(4), rs.getLong(5), rs.getLong(6)));
				});
		assertThat(rolledPatients).as("eligible, treated and reporting HCPs per month, area and product (seed %d)",
				run.seed)
			.isEqualTo(expectedPatients);
		assertThat(this.jdbc.queryForObject("SELECT coalesce(sum(treated), 0) FROM rollup_patient", Long.class))
			.as("treated patients (seed %d)", run.seed)
			.isEqualTo(treatedTotal);

		// Every active HCP once in the coverage by anyone; every current stage, stage change and need once.
		assertThat(this.jdbc.queryForObject("SELECT coalesce(sum(n), 0) FROM rollup_coverage WHERE department_code = '*'",
				Long.class))
			.isEqualTo(this.jdbc.queryForObject("SELECT count(*) FROM hcp WHERE status = 'ACTIVE'", Long.class));
		assertThat(this.jdbc.queryForObject("SELECT coalesce(sum(n), 0) FROM rollup_stage", Long.class))
			.isEqualTo(this.jdbc.queryForObject("SELECT count(*) FROM hcp_stage", Long.class));
		assertThat(this.jdbc.queryForObject("SELECT coalesce(sum(n), 0) FROM rollup_stage_move", Long.class))
			.isEqualTo(this.jdbc.queryForObject("SELECT count(*) FROM stage_change", Long.class));
		assertThat(stringMap("SELECT status, sum(n) FROM rollup_need GROUP BY status HAVING sum(n) <> 0"))
			.as("needs per status (seed %d)", run.seed)
			.isEqualTo(stringMap("SELECT status, count(*) FROM information_need GROUP BY status"));
	}

	private long sum(String sql, Object... args) {
		Long sum = this.jdbc.queryForObject(sql, Long.class, args);
		return (sum != null) ? sum : 0;
	}

	private Map<Long, Long> longMap(String sql) {
		Map<Long, Long> map = new TreeMap<>();
		this.jdbc.query(sql, rs -> {
			map.put(rs.getLong(1), rs.getLong(2));
		});
		return map;
	}

	private Map<String, Long> stringMap(String sql) {
		Map<String, Long> map = new TreeMap<>();
		this.jdbc.query(sql, rs -> {
			map.put(rs.getString(1), rs.getLong(2));
		});
		return map;
	}

	// The random history -------------------------------------------------------------------------------------

	/** One interaction as the test remembers it: who may still edit it, and until when. */
	record Logged(long id, String author, Instant recordedAt) {
	}

	/** One seeded run: its own areas, products, institutions and HCPs, and what it has written so far. */
	private final class Run {

		final long seed;

		final SplittableRandom random;

		final String prefix = "RC" + UniqueNames.registryNumber().replace("-", "");

		final List<String> journal = new ArrayList<>();

		final List<Long> areas = new ArrayList<>();

		final List<Long> products = new ArrayList<>();

		final Map<Long, Long> areaOfProduct = new HashMap<>();

		final List<HcoDetails> institutions = new ArrayList<>();

		final Map<String, Long> institutionIds = new HashMap<>();

		final List<Long> hcpIds = new ArrayList<>();

		final Set<Long> merged = new LinkedHashSet<>();

		final Set<Long> erased = new LinkedHashSet<>();

		final List<Logged> logged = new ArrayList<>();

		final List<Long> needIds = new ArrayList<>();

		int events;

		int operation;

		Run(long seed) {
			this.seed = seed;
			this.random = new SplittableRandom(seed);
		}

		void buildWorld() {
			for (String[] user : USERS) {
				if (users.findByUsername(user[0]).isEmpty()) {
					users.create(user[0], user[0], "rollup-password-1", user[1], EnumSet.of(Role.valueOf(user[2])), Set.of(),
							"test");
				}
			}
			for (int a = 0; a < 3; a++) {
				long area = jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en)"
						+ " VALUES (?, '領域', 'Area') RETURNING id", Long.class, this.prefix + "A" + a);
				this.areas.add(area);
				for (int p = 0; p < 2; p++) {
					long product = jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
							+ " VALUES (?, '製品', 'Product', ?) RETURNING id", Long.class, this.prefix + "P" + a + p, area);
					this.products.add(product);
					this.areaOfProduct.put(product, area);
				}
			}
			Set<Integer> prefectures = new LinkedHashSet<>();
			while (prefectures.size() < 5) {
				prefectures.add(1 + this.random.nextInt(47));
			}
			int n = 0;
			for (int prefecture : prefectures) {
				HcoDetails details = new HcoDetails(this.prefix + "H" + n++, "ロールアップ病院", "ロールアップビョウイン",
						HcoType.HOSPITAL, prefecture, null, null, null, null);
				this.institutionIds.put(details.institutionCode(), hcos.upsert(details, ADMIN).hco().getId());
				this.institutions.add(details);
			}
			for (int h = 0; h < 8; h++) {
				newHcp();
			}
			note("world: areas " + this.areas + ", products " + this.products + ", HCPs " + this.hcpIds);
		}

		void step(int index) {
			this.operation = index;
			if (this.random.nextInt(4) != 0) {
				CLOCK.advance(Duration.ofSeconds(this.random.nextInt(3 * 3600)));
			}
			int dice = this.random.nextInt(100);
			if (dice < 6) {
				// A few operations that share one transaction (a later one sees the earlier ones' rows).
				int count = 2 + this.random.nextInt(3);
				note("transaction of " + count);
				new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
					for (int i = 0; i < count; i++) {
						apply(this.random.nextInt(80));
					}
				});
			}
			else {
				apply(this.random.nextInt(100));
			}
		}

		/** Dice below 80 are operations that may share a transaction. */
		void apply(int dice) {
			if (dice < 26) {
				logContact(PUSH);
			}
			else if (dice < 31) {
				logContact(PULL);
			}
			else if (dice < 37) {
				ingestPullEvents();
			}
			else if (dice < 46) {
				correct();
			}
			else if (dice < 53) {
				edit();
			}
			else if (dice < 64) {
				moveNeed();
			}
			else if (dice < 71) {
				backdatedStageChanges();
			}
			else if (dice < 74) {
				backdatedPatientReport();
			}
			else if (dice < 78) {
				deletePatientReports();
			}
			else if (dice < 80) {
				compact();
			}
			else if (dice < 86) {
				moveHcp();
			}
			else if (dice < 89) {
				moveInstitution();
			}
			else if (dice < 93) {
				merge();
			}
			else if (dice < 94) {
				erase();
			}
			else if (dice < 95) {
				newHcp();
			}
			else if (dice < 97) {
				reassignContact();
			}
			else if (dice < 98) {
				deleteContact();
			}
			else if (dice < 99) {
				relinkContact();
			}
			else {
				moveProduct();
			}
		}

		// Operations -------------------------------------------------------------------------------------------

		void newHcp() {
			UniqueNames.Name name = UniqueNames.next();
			Long hco = (this.random.nextInt(8) == 0) ? null : institutionId(pick(this.institutions));
			Hcp hcp = hcps.create(new HcpDetails(name.kanji() + " 花子", name.kana() + " ハナコ", null, null, null, null, null,
					hco), ADMIN);
			ConsentFixtures.grantEverything(consents, hcp.getId(), CLOCK.instant());
			this.hcpIds.add(hcp.getId());
			note("new HCP " + hcp.getId() + " at HCO " + hco);
		}

		void logContact(List<Channel> channels) {
			long hcp = pick(current());
			String actor = pick(USERS)[0];
			Interaction interaction = interactions.log(capture(hcp, pick(channels)), actor);
			remember(interaction, "log");
		}

		void ingestPullEvents() {
			List<PullEvent> batch = new ArrayList<>();
			int size = 1 + this.random.nextInt(4);
			for (int i = 0; i < size; i++) {
				// Now and then an event seen before (a duplicate), or one for a merged record (it goes to the survivor).
				int number = (this.events > 0 && this.random.nextInt(8) == 0) ? this.random.nextInt(this.events)
						: this.events++;
				batch.add(new PullEvent(this.prefix + "-E" + number, pick(this.hcpIds), null, pick(PULL).name(),
						occurredAt(), 1 + this.random.nextInt(60), "content"));
			}
			PullEventIngest.Result result = pullEvents.ingest(batch, "rollup-feed",
					pick(List.of("MARKETING", "CALL_CENTER", "MEDICAL")));
			assertThat(result.rejected()).isEmpty();
			String[] externalIds = batch.stream().map(PullEvent::externalId).toArray(String[]::new);
			jdbc.query("SELECT id, recorded_at FROM interaction WHERE external_event_id = ANY (?) ORDER BY id", rs -> {
				Logged event = new Logged(rs.getLong(1), "rollup-feed", rs.getTimestamp(2).toInstant());
				if (!this.logged.contains(event)) {
					this.logged.add(event);
				}
			}, (Object) externalIds);
			note("ingest " + batch.stream().map(e -> e.channel() + "@" + e.hcpId()).toList() + " accepted "
					+ result.accepted());
		}

		void correct() {
			if (this.logged.isEmpty()) {
				logContact(PUSH);
				return;
			}
			Logged original = pick(this.logged);
			long hcp = interactions.get(original.id()).getHcpId();
			// Corrections by the author or, with a reason, a colleague of the author's department.
			Interaction before = interactions.get(original.id());
			String by = USERS.stream().filter(u -> u[1].equals(before.getDepartmentCode())).map(u -> u[0]).findFirst()
				.orElse(before.getAuthor());
			Interaction correction = interactions.correct(original.id(),
					capture(hcp, pick(this.random.nextBoolean() ? PUSH : PULL)), "consistency test", by);
			remember(correction, "correct " + original.id() + " by");
		}

		/** The author changes a contact within the edit window: its time, channel, areas or products. */
		void edit() {
			Instant now = CLOCK.instant();
			List<Logged> editable = this.logged.stream()
				.filter(l -> InteractionRules.withinEditWindow(l.recordedAt(), now))
				.toList();
			if (editable.isEmpty()) {
				logContact(PUSH);
				return;
			}
			Logged target = pick(editable);
			Interaction current = interactions.get(target.id());
			int what = this.random.nextInt(4);
			Channel channel = (what == 1 || what == 3) ? pick(this.random.nextBoolean() ? PUSH : PULL)
					: current.getChannel();
			Instant occurredAt = (what == 0 || what == 3) ? occurredAt() : current.getOccurredAt();
			// The form always submits the areas and products: when they are not what changes, they may stay or not.
			InteractionFacts facts = new InteractionFacts(channel, occurredAt, 20, "edited", null, null,
					subset(this.products, 4), subset(this.areas, 3));
			interactions.edit(target.id(), current.getVersion(), facts, target.author());
			note("edit " + target.id() + ": " + channel + " at " + occurredAt + " areas " + facts.therapeuticAreaIds()
					+ " products " + facts.productIds());
		}

		/** A contact logged against the wrong HCP or department is put right by hand (no service does this). */
		void reassignContact() {
			if (this.logged.isEmpty()) {
				logContact(PUSH);
				return;
			}
			long id = pick(this.logged).id();
			Map<String, Object> before = jdbc.queryForMap("SELECT hcp_id, department_code FROM interaction WHERE id = ?",
					id);
			int what = this.random.nextInt(3);
			long hcp = (what == 1) ? (Long) before.get("hcp_id") : pick(current());
			String department = (what == 0) ? (String) before.get("department_code") : pick(USERS)[1];
			jdbc.update("UPDATE interaction SET hcp_id = ?, department_code = ? WHERE id = ?", hcp, department, id);
			note("reassign " + id + " from " + before.get("hcp_id") + "/" + before.get("department_code") + " to " + hcp
					+ "/" + department);
		}

		/** A contact's area or product row is changed in place by hand (the triggers see an UPDATE). */
		void relinkContact() {
			if (this.logged.isEmpty()) {
				logContact(PUSH);
				return;
			}
			long id = pick(this.logged).id();
			if (this.random.nextBoolean()) {
				long area = pick(this.areas);
				int changed = jdbc.update("UPDATE interaction_therapeutic_area SET therapeutic_area_id = ?"
						+ " WHERE interaction_id = ? AND therapeutic_area_id = (SELECT min(therapeutic_area_id)"
						+ " FROM interaction_therapeutic_area WHERE interaction_id = ?) AND NOT EXISTS (SELECT 1"
						+ " FROM interaction_therapeutic_area WHERE interaction_id = ? AND therapeutic_area_id = ?)",
						area, id, id, id, area);
				note("relink area of " + id + " to " + area + " (" + changed + ")");
			}
			else {
				long product = pick(this.products);
				int changed = jdbc.update("UPDATE interaction_product SET product_id = ? WHERE interaction_id = ?"
						+ " AND product_id = (SELECT min(product_id) FROM interaction_product WHERE interaction_id = ?)"
						+ " AND NOT EXISTS (SELECT 1 FROM interaction_product WHERE interaction_id = ? AND product_id = ?)",
						product, id, id, id, product);
				note("relink product of " + id + " to " + product + " (" + changed + ")");
			}
		}

		/** A product is moved to another of this run's areas: its needs and reports follow it. */
		void moveProduct() {
			long product = pick(this.products);
			long area = pick(this.areas);
			jdbc.update("UPDATE product SET therapeutic_area_id = ? WHERE id = ?", area, product);
			this.areaOfProduct.put(product, area);
			note("move product " + product + " to area " + area);
		}

		/** A contact nothing refers to is deleted by hand (a deleted correction gives the original its count back). */
		void deleteContact() {
			List<Long> deletable = jdbc.queryForList("SELECT i.id FROM interaction i WHERE i.hcp_id = ANY (?)"
					+ " AND NOT EXISTS (SELECT 1 FROM interaction c WHERE c.corrects_id = i.id)"
					+ " AND NOT EXISTS (SELECT 1 FROM information_need n"
					+ " WHERE i.id IN (n.interaction_id, n.fulfilled_by_interaction_id))"
					+ " AND NOT EXISTS (SELECT 1 FROM stage_change s WHERE s.interaction_id = i.id)"
					+ " AND NOT EXISTS (SELECT 1 FROM treatment_policy_note t WHERE t.interaction_id = i.id)"
					+ " AND NOT EXISTS (SELECT 1 FROM patient_count p WHERE p.interaction_id = i.id) ORDER BY i.id",
					Long.class, (Object) this.hcpIds.toArray(Long[]::new));
			if (deletable.isEmpty()) {
				ingestPullEvents();
				return;
			}
			long id = pick(deletable);
			Long corrects = jdbc.queryForObject("SELECT corrects_id FROM interaction WHERE id = ?", Long.class, id);
			jdbc.update("DELETE FROM interaction WHERE id = ?", id);
			this.logged.removeIf(l -> l.id() == id);
			note("delete contact " + id + ((corrects != null) ? ", a correction of " + corrects : ""));
		}

		/** Triage, re-routing, start, fulfilment, confirmation or closing of a random need. */
		void moveNeed() {
			for (int attempt = 0; attempt < 4 && !this.needIds.isEmpty(); attempt++) {
				long id = pick(this.needIds);
				InformationNeed need = needs.get(id);
				long version = need.getVersion();
				String moved = switch (need.getStatus()) {
					case OPEN -> {
						if (this.random.nextInt(5) == 0) {
							needs.closeUnmet(id, version, "not our product", NEED_WORKER);
							yield "closed unmet";
						}
						RoutedTo to = pick(Arrays.asList(RoutedTo.values()));
						needs.triage(id, version, to, "triage", NEED_WORKER);
						yield "triaged to " + to;
					}
					case TRIAGED -> {
						int choice = this.random.nextInt(5);
						if (choice < 2) {
							RoutedTo to = pick(Arrays.asList(RoutedTo.values()));
							needs.triage(id, version, to, "re-routed", NEED_WORKER);
							yield "re-routed to " + to;
						}
						if (choice == 2) {
							needs.closeUnmet(id, version, "no answer", NEED_WORKER);
							yield "closed unmet";
						}
						needs.start(id, version, NEED_WORKER);
						yield "started";
					}
					case IN_PROGRESS -> {
						if (this.random.nextInt(5) == 0) {
							needs.closeUnmet(id, version, "no answer", NEED_WORKER);
							yield "closed unmet";
						}
						needs.fulfil(id, version, "answered", null, null, NEED_WORKER);
						yield "fulfilled";
					}
					case FULFILLED -> {
						needs.confirm(id, version, this.random.nextBoolean(), 1 + this.random.nextInt(5), null, NEED_WORKER);
						yield "confirmed";
					}
					default -> null;
				};
				if (moved != null) {
					note("need " + id + " " + moved);
					return;
				}
			}
			logContact(PUSH);
		}

		/** Stage changes entered after the fact (a migration of paper records): one or two rows in one statement. */
		void backdatedStageChanges() {
			long hcp = pick(current());
			long area = pick(this.areas);
			int rows = (this.random.nextInt(4) == 0) ? 2 : 1;
			List<Object> args = new ArrayList<>();
			List<String> values = new ArrayList<>();
			for (int i = 0; i < rows; i++) {
				AdoptionStage to = pick(Arrays.asList(AdoptionStage.values()));
				AdoptionStage from = pick(Arrays.asList(AdoptionStage.values()));
				Timestamp changedAt = stageChangeTime(hcp, area);
				args.addAll(Arrays.asList(hcp, area, (from == to || this.random.nextInt(3) == 0) ? null : from.name(),
						to.name(), "paper record", ADMIN, changedAt));
				values.add("(?, ?, ?, ?, ?, ?, ?)");
				note("stage change of " + hcp + " in " + area + " to " + to + " at " + changedAt.toInstant());
			}
			jdbc.update("INSERT INTO stage_change (hcp_id, therapeutic_area_id, from_stage, to_stage, reason, changed_by,"
					+ " changed_at) VALUES " + String.join(", ", values), args.toArray());
		}

		/** The moment of a contact of the HCP, of another change in the area, or any moment of the last 14 months. */
		Timestamp stageChangeTime(long hcp, long area) {
			int kind = this.random.nextInt(3);
			List<Timestamp> candidates = (kind == 0)
					? jdbc.queryForList("SELECT occurred_at FROM interaction WHERE hcp_id = ? ORDER BY id",
							Timestamp.class, hcp)
					: (kind == 1) ? jdbc.queryForList("SELECT changed_at FROM stage_change WHERE hcp_id = ?"
							+ " AND therapeutic_area_id = ? ORDER BY id", Timestamp.class, hcp, area) : List.of();
			return candidates.isEmpty() ? Timestamp.from(pastInstant()) : pick(candidates);
		}

		/** A report entered later than a newer one for the same month (it must not replace the newer one). */
		void backdatedPatientReport() {
			long hcp = pick(current());
			PatientCountFacts count = patientCount();
			Instant reportedAt = CLOCK.instant().minus(Duration.ofHours(1 + this.random.nextInt(24 * 60)));
			jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, product_id, period, eligible_patients,"
					+ " treated_patients, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", hcp,
					count.therapeuticAreaId(), count.productId(), java.sql.Date.valueOf(count.period().atDay(1)),
					count.eligiblePatients(), count.treatedPatients(), ADMIN, Timestamp.from(reportedAt));
			note("backdated report for " + hcp + ": " + count + " at " + reportedAt);
		}

		/** Deletes one report, or every report of an HCP and month in one statement. */
		void deletePatientReports() {
			List<Map<String, Object>> reports = jdbc.queryForList("SELECT id, hcp_id, period FROM patient_count"
					+ " WHERE hcp_id = ANY (?) ORDER BY id", (Object) this.hcpIds.toArray(Long[]::new));
			if (reports.isEmpty()) {
				backdatedPatientReport();
				return;
			}
			Map<String, Object> report = pick(reports);
			if (this.random.nextBoolean()) {
				jdbc.update("DELETE FROM patient_count WHERE id = ?", report.get("id"));
				note("delete report " + report.get("id"));
			}
			else {
				int deleted = jdbc.update("DELETE FROM patient_count WHERE hcp_id = ? AND period = ?",
						report.get("hcp_id"), report.get("period"));
				note("delete " + deleted + " reports of " + report.get("hcp_id") + " for " + report.get("period"));
			}
		}

		/** The HCP moves to an institution in another prefecture (or to none). */
		void moveHcp() {
			List<Long> movable = current().stream().filter(id -> !this.erased.contains(id)).toList();
			long id = pick(movable);
			Hcp hcp = hcps.get(id);
			Integer from = (hcp.getPrimaryHcoId() != null) ? prefectureOf(hcp.getPrimaryHcoId()) : null;
			List<HcoDetails> elsewhere = this.institutions.stream()
				.filter(i -> !Objects.equals(i.prefectureCode(), from))
				.toList();
			Long to = (this.random.nextInt(8) == 0 || elsewhere.isEmpty()) ? null : institutionId(pick(elsewhere));
			hcps.update(id, hcp.getVersion(), new HcpDetails(hcp.getNameKanji(), hcp.getNameKana(), hcp.getNameRomaji(),
					hcp.getRegistryNumber(), hcp.getSpecialtyCode(), hcp.getEmail(), hcp.getPhone(), to), ADMIN);
			note("move HCP " + id + " from HCO " + hcp.getPrimaryHcoId() + " to " + to);
		}

		/** An institution's prefecture is corrected (everyone working there moves with it). */
		void moveInstitution() {
			int index = this.random.nextInt(this.institutions.size());
			HcoDetails before = this.institutions.get(index);
			int prefecture;
			do {
				prefecture = 1 + this.random.nextInt(47);
			}
			while (prefecture == before.prefectureCode());
			HcoDetails after = new HcoDetails(before.institutionCode(), before.name(), before.nameKana(), before.type(),
					prefecture, null, null, null, null);
			hcos.upsert(after, ADMIN);
			this.institutions.set(index, after);
			note("move HCO " + institutionId(before) + " from prefecture " + before.prefectureCode() + " to "
					+ prefecture);
		}

		void merge() {
			List<Long> candidates = current();
			if (candidates.size() < 5) {
				newHcp();
				return;
			}
			long survivor = pick(candidates);
			long duplicate;
			do {
				duplicate = pick(candidates);
			}
			while (duplicate == survivor);
			hcps.merge(survivor, duplicate, ADMIN);
			this.merged.add(duplicate);
			note("merge " + duplicate + " into " + survivor);
		}

		void erase() {
			List<Long> candidates = current().stream().filter(id -> !this.erased.contains(id)).toList();
			if (candidates.size() < 5 || this.erased.size() >= 2) {
				newHcp();
				return;
			}
			long id = pick(candidates);
			rights.erase(id, ADMIN);
			this.erased.add(id);
			note("erase " + id);
		}

		/** Folding the deltas changes no sum. */
		void compact() {
			Map<String, Map<String, List<Long>>> before = allRollupSums();
			long keys = compaction.compact();
			assertThat(allRollupSums()).as("sums after compaction #%d (seed %d)", this.operation, this.seed)
				.isEqualTo(before);
			note("compact: " + keys + " keys");
		}

		// Random facts -----------------------------------------------------------------------------------------

		InteractionCapture capture(long hcp, Channel channel) {
			InteractionFacts facts = new InteractionFacts(channel, occurredAt(), 5 + this.random.nextInt(60), null, null,
					null, subset(this.products, 4), subset(this.areas, 3));
			List<NeedDraft> needDrafts = new ArrayList<>();
			for (int i = this.random.nextInt(4) - 1; i > 0; i--) {
				int kind = this.random.nextInt(4);
				needDrafts.add(new NeedDraft("質問", pick(Arrays.asList(NeedCategory.values())),
						(kind == 1 || kind == 3) ? pick(this.areas) : null, (kind >= 2) ? pick(this.products) : null,
						this.random.nextBoolean() ? null : pick(Arrays.asList(Urgency.values())), null));
			}
			List<StageDraft> stages = new ArrayList<>();
			if (this.random.nextInt(3) == 0) {
				for (Long area : subset(this.areas, 2)) {
					stages.add(new StageDraft(area, pick(Arrays.asList(AdoptionStage.values())), "talked"));
				}
			}
			List<PatientCountFacts> counts = new ArrayList<>();
			if (this.random.nextInt(3) == 0) {
				for (int i = 1 + this.random.nextInt(2); i > 0; i--) {
					counts.add(patientCount());
				}
				if (this.random.nextInt(4) == 0) {
					// The same month reported twice in one form: the later row wins.
					counts.add(counts.get(0));
				}
			}
			return new InteractionCapture(hcp, facts, needDrafts, stages, null, counts);
		}

		/** An area, a product, or both (whose area may even differ from the product's), for one of the last months. */
		PatientCountFacts patientCount() {
			YearMonth month = YearMonth.from(CLOCK.instant().atZone(JAPAN)).minusMonths(this.random.nextInt(4));
			long product = pick(this.products);
			Long area = switch (this.random.nextInt(6)) {
				case 0, 1 -> pick(this.areas);
				case 2 -> null;
				case 3, 4 -> this.areaOfProduct.get(product);
				default -> pick(this.areas);
			};
			Long productId = (area != null && this.random.nextInt(6) < 2) ? null : product;
			Integer eligible = (this.random.nextInt(6) == 0) ? null : Integer.valueOf(this.random.nextInt(200));
			Integer treated = (eligible == null) ? Integer.valueOf(this.random.nextInt(50))
					: (this.random.nextInt(6) == 0) ? null : Integer.valueOf(this.random.nextInt(eligible + 1));
			return new PatientCountFacts(area, productId, month, eligible, treated);
		}

		/** Mostly the last 14 months; now and then exactly now or a little ahead (a stage change logged now covers it). */
		Instant occurredAt() {
			Instant now = CLOCK.instant();
			int kind = this.random.nextInt(10);
			if (kind == 0) {
				return now;
			}
			if (kind <= 2) {
				return now.plusSeconds(this.random.nextInt(20 * 3600));
			}
			if (kind <= 4) {
				return now.minusSeconds(this.random.nextInt(3 * 86400));
			}
			return pastInstant();
		}

		Instant pastInstant() {
			return CLOCK.instant().minusSeconds(this.random.nextLong(425L * 86400));
		}

		<T> Set<T> subset(List<T> from, int oneIn) {
			Set<T> subset = new LinkedHashSet<>();
			for (T item : from) {
				if (this.random.nextInt(oneIn) == 0) {
					subset.add(item);
				}
			}
			return subset;
		}

		<T> T pick(List<T> list) {
			return list.get(this.random.nextInt(list.size()));
		}

		/** The run's HCPs that have not been merged away. */
		List<Long> current() {
			return this.hcpIds.stream().filter(id -> !this.merged.contains(id)).toList();
		}

		long institutionId(HcoDetails details) {
			return this.institutionIds.get(details.institutionCode());
		}

		Integer prefectureOf(long hcoId) {
			return this.institutions.stream()
				.filter(i -> institutionId(i) == hcoId)
				.map(HcoDetails::prefectureCode)
				.findFirst()
				.orElse(null);
		}

		Long[] loggedIds() {
			return this.logged.stream().map(Logged::id).toArray(Long[]::new);
		}

		void remember(Interaction interaction, String what) {
			this.logged.add(new Logged(interaction.getId(), interaction.getAuthor(), interaction.getRecordedAt()));
			List<Long> raised = jdbc.queryForList("SELECT id FROM information_need WHERE interaction_id = ? ORDER BY id",
					Long.class, interaction.getId());
			this.needIds.addAll(raised);
			note(what + " " + interaction.getChannel() + " " + interaction.getId() + " for HCP "
					+ interaction.getHcpId() + " at " + interaction.getOccurredAt() + " by " + interaction.getAuthor()
					+ ", needs " + raised.size());
		}

		void note(String line) {
			this.journal.add("#" + this.operation + " " + line);
		}

		String recentOperations() {
			return String.join("\n  ", this.journal.subList(Math.max(0, this.journal.size() - 30), this.journal.size()));
		}

	}

}
