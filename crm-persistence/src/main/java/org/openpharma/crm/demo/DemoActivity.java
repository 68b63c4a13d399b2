package org.openpharma.crm.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.openpharma.crm.shared.Japan;

/**
 * Three years of customer activity for the demo HCPs: interactions on every channel by every
 * department, information needs with their triage state, adoption-stage histories per therapeutic
 * area, HCP-reported patient counts and treatment-policy notes. Pure, like {@link DemoDataset}: the same
 * scale, seed, clock instant, reference data and HCPs give the same rows, handed to a {@link Sink}.
 *
 * <p>Activity is skewed as in the field: about one HCP in seven is never contacted, most get a few
 * contacts a year, and a heavy tail of key opinion leaders gets thousands (Pareto-distributed weights,
 * capped per scale).
 */
final class DemoActivity {

	/** How far back the activity goes. */
	static final Duration HISTORY = Duration.ofDays(3 * 365);

	/** Receives the rows: interactions first (with their therapeutic area and product), then the rest. */
	interface Sink {

		void interaction(InteractionRow row);

		void need(NeedRow row);

		void stage(StageRow row);

		void stageChange(StageChangeRow row);

		void patientCount(PatientCountRow row);

		void policyNote(PolicyNoteRow row);

	}

	/** An HCP to generate activity for: id, specialty code (may be null) and prefecture of the primary HCO. */
	record Target(long hcpId, String specialty, int prefecture) {
	}

	/** A therapeutic area with its products (ids and Japanese names). */
	record Area(long id, String code, String nameJa, List<Long> productIds, List<String> productNames) {
	}

	record InteractionRow(long id, long hcpId, String channel, Instant occurredAt, Integer durationMinutes,
			String author, String department, String outcome, String keyMessages, String notes, Instant recordedAt,
			long therapeuticAreaId, Long productId) {
	}

	record NeedRow(long hcpId, long interactionId, String topic, String category, long therapeuticAreaId,
			Long productId, String urgency, String status, String routedTo, String routeReason, String closeReason,
			String fulfilment, Boolean feedbackHelpful, Integer feedbackScore, String createdBy, Instant createdAt,
			String updatedBy, Instant updatedAt) {
	}

	record StageRow(long hcpId, long therapeuticAreaId, String stage, Instant changedAt, String changedBy) {
	}

	record StageChangeRow(long hcpId, long therapeuticAreaId, String fromStage, String toStage, String reason,
			String changedBy, Instant changedAt) {
	}

	record PatientCountRow(long hcpId, long therapeuticAreaId, Long productId, LocalDate period, int eligible,
			int treated, String reportedBy, Instant reportedAt) {
	}

	record PolicyNoteRow(long hcpId, long therapeuticAreaId, String note, String author, Instant createdAt) {
	}

	/** Row counts, for the report. */
	record Counts(long interactions, long needs, long stages, long stageChanges, long patientCounts, long policyNotes) {

		static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

	}

	private static final List<String> CHANNELS = List.of("VISIT", "REMOTE_DETAIL", "PHONE_OUT", "EMAIL_OUT",
			"WEB_CONTENT", "WEBINAR", "EMAIL_OPENED", "PHONE_IN");

	private static final Weighted<String> CHANNEL = new Weighted<>(CHANNELS, new int[] { 30, 10, 4, 14, 18, 5, 15, 4 });

	private static final List<String> STAGES = List.of("UNAWARE", "AWARE", "INTERESTED", "TRIAL", "ADOPTER",
			"ADVOCATE");

	private static final Weighted<String> CATEGORY = new Weighted<>(
			List.of("EFFICACY", "SAFETY", "DOSING", "GUIDELINE", "PATIENT_SUPPORT", "ACCESS", "OTHER"),
			new int[] { 25, 20, 15, 12, 13, 10, 5 });

	private static final Weighted<String> URGENCY = new Weighted<>(List.of("LOW", "NORMAL", "HIGH"),
			new int[] { 25, 60, 15 });

	private static final List<String> STATUSES = List.of("OPEN", "TRIAGED", "IN_PROGRESS", "FULFILLED",
			"CONFIRMED_BY_HCP", "CLOSED_UNMET");

	/** Need status by age: under two weeks, under three months, older. */
	private static final Weighted<String> STATUS_NEW = new Weighted<>(STATUSES, new int[] { 50, 25, 20, 5, 0, 0 });

	private static final Weighted<String> STATUS_RECENT = new Weighted<>(STATUSES, new int[] { 10, 10, 20, 30, 20, 10 });

	private static final Weighted<String> STATUS_OLD = new Weighted<>(STATUSES, new int[] { 2, 2, 3, 28, 50, 15 });

	/** Topic templates per category; {p} is a product, {ta} a therapeutic area. */
	private static final Map<String, List<String>> TOPICS = Map.of("EFFICACY",
			List.of("{p}の長期有効性データ", "{p}の高齢者での有効性", "{p}と既存治療の比較データ"), "SAFETY",
			List.of("{p}の副作用の頻度", "{p}の腎機能低下例での安全性", "{p}の妊婦・授乳婦への投与"), "DOSING",
			List.of("{p}の用量調整の目安", "{p}と併用薬の相互作用", "{p}の投与間隔"), "GUIDELINE",
			List.of("最新ガイドラインでの{ta}治療の位置づけ", "{ta}領域の学会ガイドライン改訂点"), "PATIENT_SUPPORT",
			List.of("患者向け説明資材（{p}）", "服薬指導用の資料", "患者会・支援制度の案内"), "ACCESS",
			List.of("{p}の院内採用の手続き", "{p}の保険適用と薬価"), "OTHER", List.of("{ta}領域の講演会の案内", "症例検討会の開催"));

	private static final List<String> PUSH_OUTCOMES = List.of("資料を提供", "次回訪問を約束", "質問を持ち帰り", "説明会への参加を検討",
			"処方意向あり", "競合品を継続使用", "症例での使用を検討");

	private static final List<String> INBOUND_OUTCOMES = List.of("問い合わせに回答", "資料送付を依頼", "メディカルに転送");

	private static final List<String> KEY_MESSAGES = List.of("{p}の有効性データ", "{p}の安全性プロファイル", "{p}の用法・用量",
			"{ta}領域のガイドライン改訂のポイント");

	private static final List<String> NOTES = List.of("院内採用済み", "薬剤部と相談中", "若手医師への説明を希望", "次回は症例データを持参",
			"多忙のため短時間で面談");

	private static final Map<String, String> ROUTE_REASONS = Map.of("MEDICAL", "医学的な質問のためメディカルへ", "MARKETING",
			"資材・情報提供のためマーケティングへ", "SALES", "採用・訪問対応のため営業へ", "CALL_CENTER", "患者支援の案内のためコールセンターへ");

	private static final List<String> FULFILMENTS = List.of("臨床試験データを説明", "資材を送付", "メディカルから文書で回答",
			"講演会動画を案内", "訪問時に説明");

	private static final List<String> UNMET_REASONS = List.of("適応外のため回答不可", "該当するデータなし", "先生の都合により終了");

	private static final List<String> STAGE_UP_REASONS = List.of("面談で関心を示した", "試用を開始", "院内採用が決定",
			"講演を依頼", "症例で効果を確認");

	private static final List<String> STAGE_DOWN_REASONS = List.of("競合品に切り替え", "副作用の懸念", "担当変更で関係が希薄に");

	private static final List<String> POLICY_NOTES = List.of("{ta}では第一選択として{p}を使用する方針",
			"高齢患者には慎重投与、腎機能を確認してから開始", "ガイドライン準拠、新薬は症例を見て判断", "{p}は効果不十分例への追加として使用",
			"院内フォーミュラリーに従って処方");

	/** Therapeutic area code by specialty: whom each area's medicines concern. */
	private static final Map<String, String> AREA_BY_SPECIALTY = Map.ofEntries(Map.entry("CARDIOLOGY", "CARDIOVASCULAR"),
			Map.entry("CARDIOVASCULAR_SURGERY", "CARDIOVASCULAR"), Map.entry("NEPHROLOGY", "CARDIOVASCULAR"),
			Map.entry("DIABETES_ENDOCRINOLOGY", "DIABETES"), Map.entry("PULMONOLOGY", "RESPIRATORY"),
			Map.entry("OTOLARYNGOLOGY", "RESPIRATORY"), Map.entry("PEDIATRICS", "RESPIRATORY"),
			Map.entry("NEUROLOGY", "CNS"), Map.entry("PSYCHIATRY", "CNS"), Map.entry("NEUROSURGERY", "CNS"),
			Map.entry("MEDICAL_ONCOLOGY", "ONCOLOGY"), Map.entry("HEMATOLOGY", "ONCOLOGY"),
			Map.entry("GASTROENTEROLOGY", "ONCOLOGY"), Map.entry("GENERAL_SURGERY", "ONCOLOGY"),
			Map.entry("UROLOGY", "ONCOLOGY"), Map.entry("RADIOLOGY", "ONCOLOGY"),
			Map.entry("OBSTETRICS_GYNECOLOGY", "ONCOLOGY"), Map.entry("RHEUMATOLOGY", "IMMUNOLOGY"),
			Map.entry("DERMATOLOGY", "IMMUNOLOGY"), Map.entry("INFECTIOUS_DISEASES", "IMMUNOLOGY"),
			Map.entry("ORTHOPEDICS", "IMMUNOLOGY"));

	/** The system user pull events from the web site and e-mail tool are recorded under. */
	static final String EVENTS_AUTHOR = "web-events";

	private final Scale scale;

	private final long seed;

	private final Instant now;

	private final List<Area> areas;

	private final Map<String, Area> areasByCode;

	private final Map<Integer, String> mrByPrefecture;

	/**
	 * @param mrByPrefecture the MR username covering each prefecture (the territory's MR)
	 */
	DemoActivity(Scale scale, long seed, Instant now, List<Area> areas, Map<Integer, String> mrByPrefecture) {
		if (areas.isEmpty()) {
			throw new IllegalArgumentException("activity needs therapeutic areas");
		}
		this.scale = scale;
		this.seed = seed;
		this.now = now;
		this.areas = List.copyOf(areas);
		this.areasByCode = new java.util.HashMap<>();
		areas.forEach(a -> this.areasByCode.put(a.code(), a));
		this.mrByPrefecture = Map.copyOf(mrByPrefecture);
	}

	/**
	 * Interactions per HCP, in the order of {@code targets}: Pareto weights scaled to the scale's total,
	 * capped at the scale's maximum per HCP, zero for about one HCP in seven.
	 */
	int[] interactionCounts(List<Target> targets) {
		SplittableRandom random = new SplittableRandom(this.seed * 31 + 7);
		double[] weights = new double[targets.size()];
		double sum = 0;
		for (int i = 0; i < weights.length; i++) {
			if (random.nextInt(7) == 0) {
				continue;
			}
			// Pareto with shape 1.3: most HCPs a little, a heavy tail of key opinion leaders.
			weights[i] = Math.pow(1.0 - random.nextDouble(), -1.0 / 1.3);
			sum += weights[i];
		}
		int[] counts = new int[targets.size()];
		if (sum == 0) {
			return counts;
		}
		long wanted = this.scale.interactions();
		int cap = this.scale.maxInteractionsPerHcp();
		// Capping the tail loses some of the total; scale the rest up again, twice is close enough.
		double factor = wanted / sum;
		for (int round = 0; round < 3; round++) {
			long capped = 0;
			double uncappedWeight = 0;
			for (double w : weights) {
				if (w * factor >= cap) {
					capped += cap;
				}
				else {
					uncappedWeight += w;
				}
			}
			if (uncappedWeight == 0) {
				break;
			}
			factor = Math.max(0, wanted - capped) / uncappedWeight;
		}
		for (int i = 0; i < counts.length; i++) {
			counts[i] = (int) Math.min(cap, Math.round(weights[i] * factor));
		}
		return counts;
	}

	/** Generates everything; {@code counts} from {@link #interactionCounts}, ids from {@code firstInteractionId}. */
	Counts generate(List<Target> targets, int[] counts, long firstInteractionId, Sink sink) {
		long interactionId = firstInteractionId;
		long needs = 0;
		long stages = 0;
		long stageChanges = 0;
		long patientCounts = 0;
		long notes = 0;
		double needShare = (double) this.scale.needs() / Math.max(1, this.scale.interactions());
		long historyMillis = HISTORY.toMillis();
		for (int i = 0; i < targets.size(); i++) {
			int count = counts[i];
			if (count == 0) {
				continue;
			}
			Target target = targets.get(i);
			SplittableRandom random = new SplittableRandom(this.seed * 1_000_003L + target.hcpId());
			String mr = this.mrByPrefecture.getOrDefault(target.prefecture(), "mr01");
			Area main = mainArea(target, random);
			for (int k = 0; k < count; k++) {
				Area area = (random.nextInt(5) == 0) ? pick(this.areas, random) : main;
				String channel = CHANNEL.pick(random);
				Instant occurredAt = occurredAt(channel, random.nextLong(historyMillis), random);
				InteractionRow interaction = interaction(interactionId++, target.hcpId(), channel, occurredAt, area, mr,
						random);
				sink.interaction(interaction);
				if (random.nextDouble() < needShare) {
					sink.need(need(interaction, area, random));
					needs++;
				}
			}
			if (count >= 3) {
				List<Area> staged = new ArrayList<>(List.of(main));
				if (random.nextInt(10) < 3) {
					Area second = pick(this.areas, random);
					if (second != main) {
						staged.add(second);
					}
				}
				for (Area area : staged) {
					stageChanges += stageHistory(target.hcpId(), area, count, mr, random, sink);
					stages++;
				}
			}
			if (count >= 5) {
				patientCounts += patientCounts(target.hcpId(), main, count, mr, random, sink);
			}
			if (count >= 10) {
				int n = 1 + random.nextInt(2);
				for (int k = 0; k < n; k++) {
					sink.policyNote(new PolicyNoteRow(target.hcpId(), main.id(), fill(pick(POLICY_NOTES, random), main, random),
							mr, this.now.minusMillis(random.nextLong(historyMillis))));
				}
				notes += n;
			}
		}
		return new Counts(interactionId - firstInteractionId, needs, stages, stageChanges, patientCounts, notes);
	}

	private Area mainArea(Target target, SplittableRandom random) {
		String code = (target.specialty() != null) ? AREA_BY_SPECIALTY.get(target.specialty()) : null;
		Area area = (code != null) ? this.areasByCode.get(code) : null;
		if (area == null) {
			// Internists and others: the big primary-care areas, else any.
			Area primaryCare = this.areasByCode.get(random.nextBoolean() ? "DIABETES" : "CARDIOVASCULAR");
			area = (primaryCare != null) ? primaryCare : pick(this.areas, random);
		}
		return area;
	}

	/** Push contacts happen on working days in working hours (Japan time); pull events at any hour. */
	private Instant occurredAt(String channel, long millisAgo, SplittableRandom random) {
		Instant at = this.now.minusMillis(millisAgo + 60_000);
		if (!isPush(channel) && !"PHONE_IN".equals(channel)) {
			return at;
		}
		ZonedDateTime local = at.atZone(Japan.ZONE)
			.withHour(9 + random.nextInt(9))
			.withMinute(random.nextInt(4) * 15)
			.withSecond(0)
			.withNano(0);
		// Back to the last working day on which that hour has passed.
		while (local.getDayOfWeek() == java.time.DayOfWeek.SATURDAY || local.getDayOfWeek() == java.time.DayOfWeek.SUNDAY
				|| !local.toInstant().isBefore(this.now)) {
			local = local.minusDays(1);
		}
		return local.toInstant();
	}

	private static boolean isPush(String channel) {
		return switch (channel) {
			case "VISIT", "REMOTE_DETAIL", "PHONE_OUT", "EMAIL_OUT" -> true;
			default -> false;
		};
	}

	private InteractionRow interaction(long id, long hcpId, String channel, Instant occurredAt, Area area, String mr,
			SplittableRandom random) {
		String author;
		String department;
		Integer duration = null;
		String outcome = null;
		String keyMessages = null;
		String notes = null;
		Long product = null;
		switch (channel) {
			case "VISIT", "REMOTE_DETAIL", "PHONE_OUT" -> {
				boolean msl = random.nextInt(100) < 12;
				author = msl ? "medical" : mr;
				department = msl ? "MEDICAL" : "SALES";
				duration = switch (channel) {
					case "VISIT" -> 5 + random.nextInt(26);
					case "REMOTE_DETAIL" -> 10 + random.nextInt(21);
					default -> 3 + random.nextInt(13);
				};
				outcome = pick(PUSH_OUTCOMES, random);
				product = product(area, random, 7);
				keyMessages = fill(pick(KEY_MESSAGES, random), area, product, random);
				if (random.nextInt(100) < 15) {
					notes = pick(NOTES, random);
				}
			}
			case "EMAIL_OUT" -> {
				author = "marketing";
				department = "MARKETING";
				product = product(area, random, 7);
				keyMessages = fill("{p}の最新情報のご案内", area, product, random);
			}
			case "PHONE_IN" -> {
				author = "callcenter";
				department = "CALL_CENTER";
				duration = 3 + random.nextInt(13);
				outcome = pick(INBOUND_OUTCOMES, random);
			}
			default -> {
				author = EVENTS_AUTHOR;
				department = "MARKETING";
				duration = "WEBINAR".equals(channel) ? 30 + random.nextInt(61) : null;
				product = product(area, random, 5);
				keyMessages = "WEBINAR".equals(channel) ? fill("{ta}領域Webセミナー", area, product, random)
						: fill("{p} 製品情報ページ", area, product, random);
			}
		}
		Instant recordedAt = isPush(channel) || "PHONE_IN".equals(channel)
				? min(occurredAt.plus(Duration.ofMinutes(5 + random.nextInt(120))), this.now) : occurredAt;
		return new InteractionRow(id, hcpId, channel, occurredAt, duration, author, department, outcome, keyMessages,
				notes, recordedAt, area.id(), product);
	}

	private NeedRow need(InteractionRow interaction, Area area, SplittableRandom random) {
		String category = CATEGORY.pick(random);
		Long product = ("GUIDELINE".equals(category) || "OTHER".equals(category)) ? null : product(area, random, 8);
		String topic = fill(pick(TOPICS.get(category), random), area, product, random);
		Instant created = interaction.occurredAt();
		long ageDays = Duration.between(created, this.now).toDays();
		String status = ((ageDays < 14) ? STATUS_NEW : (ageDays < 90) ? STATUS_RECENT : STATUS_OLD).pick(random);
		String routedTo = null;
		String routeReason = null;
		String closeReason = null;
		String fulfilment = null;
		Boolean helpful = null;
		Integer score = null;
		String updatedBy = interaction.author();
		Instant updated = created;
		if (!"OPEN".equals(status)) {
			routedTo = routedTo(category, random);
			routeReason = ROUTE_REASONS.get(routedTo);
			updatedBy = switch (routedTo) {
				case "MEDICAL" -> "medical";
				case "MARKETING" -> "marketing";
				case "CALL_CENTER" -> "callcenter";
				default -> interaction.author();
			};
			updated = min(created.plus(Duration.ofHours(2 + random.nextInt(24 * Math.max(1, (int) Math.min(ageDays, 30))))),
					this.now);
		}
		if ("FULFILLED".equals(status) || "CONFIRMED_BY_HCP".equals(status)) {
			fulfilment = pick(FULFILMENTS, random);
		}
		if ("CONFIRMED_BY_HCP".equals(status)) {
			helpful = random.nextInt(100) < 85;
			score = helpful ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
		}
		if ("CLOSED_UNMET".equals(status)) {
			closeReason = pick(UNMET_REASONS, random);
		}
		return new NeedRow(interaction.hcpId(), interaction.id(), topic, category, area.id(), product,
				URGENCY.pick(random), status, routedTo, routeReason, closeReason, fulfilment, helpful, score,
				interaction.author(), created, updatedBy, updated);
	}

	private static String routedTo(String category, SplittableRandom random) {
		return switch (category) {
			case "EFFICACY", "SAFETY", "DOSING" -> "MEDICAL";
			case "GUIDELINE" -> (random.nextInt(10) < 6) ? "MEDICAL" : "MARKETING";
			case "PATIENT_SUPPORT" -> random.nextBoolean() ? "MARKETING" : "CALL_CENTER";
			case "ACCESS" -> "SALES";
			default -> "MARKETING";
		};
	}

	/** A walk up the ladder (mostly up, sometimes back), more steps for HCPs seen more often. */
	private long stageHistory(long hcpId, Area area, int interactions, String mr, SplittableRandom random, Sink sink) {
		int steps = 1 + random.nextInt(1 + Math.min(5, interactions / 15));
		long[] offsets = new long[steps];
		for (int s = 0; s < steps; s++) {
			offsets[s] = random.nextLong(HISTORY.toMillis());
		}
		Arrays.sort(offsets);
		int stage = switch (random.nextInt(10)) {
			case 0, 1, 2 -> 0;
			case 3, 4, 5, 6, 7 -> 1;
			default -> 2;
		};
		String from = null;
		Instant at = null;
		for (int s = 0; s < steps; s++) {
			if (s > 0) {
				boolean up = random.nextInt(100) < 75;
				int next = up ? Math.min(STAGES.size() - 1, stage + 1) : Math.max(0, stage - 1);
				if (next == stage) {
					next = up ? stage - 1 : stage + 1;
				}
				stage = next;
			}
			String to = STAGES.get(stage);
			// Oldest first: the largest offset is the earliest moment.
			at = this.now.minusMillis(offsets[steps - 1 - s] + 60_000);
			String reason = (from == null) ? null
					: pick(STAGES.indexOf(to) > STAGES.indexOf(from) ? STAGE_UP_REASONS : STAGE_DOWN_REASONS, random);
			sink.stageChange(new StageChangeRow(hcpId, area.id(), from, to, reason, mr, at));
			from = to;
		}
		sink.stage(new StageRow(hcpId, area.id(), from, at, mr));
		return steps;
	}

	/** Reports of eligible and treated patients for some months of the three years. */
	private long patientCounts(long hcpId, Area area, int interactions, String mr, SplittableRandom random, Sink sink) {
		int reports = Math.min(12, 1 + interactions / 20);
		LocalDate thisMonth = LocalDate.ofInstant(this.now, Japan.ZONE).withDayOfMonth(1);
		int eligibleBase = (int) Math.min(2_000, 5 + 40 * Math.pow(1.0 - random.nextDouble(), -0.5));
		double share = 0.05 + random.nextDouble() * 0.5;
		java.util.Set<Integer> months = new java.util.TreeSet<>();
		while (months.size() < reports) {
			months.add(random.nextInt(36));
		}
		Long product = product(area, random, 5);
		for (int monthsAgo : months) {
			LocalDate period = thisMonth.minusMonths(monthsAgo);
			int eligible = Math.max(0, eligibleBase + random.nextInt(1 + eligibleBase / 5) - eligibleBase / 10);
			// Later months, larger share: adoption grows.
			double grown = Math.min(1.0, share * (1.0 + (36 - monthsAgo) / 36.0));
			int treated = (int) Math.min(eligible, Math.round(eligible * grown));
			Instant reported = min(period.plusDays(5 + random.nextInt(20)).atStartOfDay(Japan.ZONE).toInstant(), this.now);
			sink.patientCount(new PatientCountRow(hcpId, area.id(), product, period, eligible, treated, mr, reported));
		}
		return reports;
	}

	/** A product of the area in {@code tenths}/10 of cases, else none. */
	private static Long product(Area area, SplittableRandom random, int tenths) {
		if (area.productIds().isEmpty() || random.nextInt(10) >= tenths) {
			return null;
		}
		return area.productIds().get(random.nextInt(area.productIds().size()));
	}

	private static String fill(String template, Area area, SplittableRandom random) {
		return fill(template, area, null, random);
	}

	private static String fill(String template, Area area, Long product, SplittableRandom random) {
		String productName;
		if (product != null) {
			productName = area.productNames().get(area.productIds().indexOf(product));
		}
		else if (!area.productNames().isEmpty()) {
			productName = area.productNames().get(random.nextInt(area.productNames().size()));
		}
		else {
			productName = area.nameJa();
		}
		return template.replace("{p}", productName).replace("{ta}", area.nameJa());
	}

	private static <T> T pick(List<T> items, SplittableRandom random) {
		return items.get(random.nextInt(items.size()));
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
