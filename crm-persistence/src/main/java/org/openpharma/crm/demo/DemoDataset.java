package org.openpharma.crm.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.openpharma.crm.demo.DemoNames.Part;
import org.openpharma.crm.demo.DemoNames.PersonName;
import org.openpharma.crm.demo.DemoPlaces.City;
import org.openpharma.crm.demo.DemoPlaces.Prefecture;

/**
 * The customer master of a demo: hospitals, clinics, pharmacies, physicians and their affiliations,
 * as rows handed to a {@link Sink}. Pure: the same scale, seed, specialty codes and first ids give the
 * same rows, whether the sink loads them into PostgreSQL or digests them in a test.
 */
final class DemoDataset {

	/** Receives rows in load order: every HCO first, then each HCP followed by its affiliations. */
	interface Sink {

		void hco(HcoRow row);

		void hcp(HcpRow row);

		void affiliation(AffiliationRow row);

	}

	record HcoRow(long id, String institutionCode, String name, String nameKana, String type, int prefectureCode,
			String postalCode, String address, String phone, Integer bedCount, Long parentId) {
	}

	record HcpRow(long id, String registryNumber, String nameKanji, String nameKana, String nameRomaji,
			String specialtyCode, String email, String phone, long primaryHcoId, String status) {
	}

	record AffiliationRow(long hcpId, long hcoId, String role, LocalDate validFrom, LocalDate validTo) {
	}

	/** Row counts, for the report. */
	record Counts(int hospitals, int clinics, int pharmacies, int hcps, int affiliations) {
	}

	/** Relative frequency of specialties among hospital physicians (codes absent from the table are skipped). */
	private static final Map<String, Integer> SPECIALTY_WEIGHTS = Map.ofEntries(Map.entry("INTERNAL_MEDICINE", 25),
			Map.entry("CARDIOLOGY", 6), Map.entry("GASTROENTEROLOGY", 7), Map.entry("PULMONOLOGY", 3),
			Map.entry("DIABETES_ENDOCRINOLOGY", 3), Map.entry("NEPHROLOGY", 2), Map.entry("NEUROLOGY", 2),
			Map.entry("HEMATOLOGY", 1), Map.entry("MEDICAL_ONCOLOGY", 1), Map.entry("RHEUMATOLOGY", 1),
			Map.entry("INFECTIOUS_DISEASES", 1), Map.entry("PSYCHIATRY", 5), Map.entry("PEDIATRICS", 6),
			Map.entry("GENERAL_SURGERY", 5), Map.entry("ORTHOPEDICS", 7), Map.entry("NEUROSURGERY", 2),
			Map.entry("CARDIOVASCULAR_SURGERY", 1), Map.entry("OBSTETRICS_GYNECOLOGY", 4),
			Map.entry("OPHTHALMOLOGY", 4), Map.entry("OTOLARYNGOLOGY", 3), Map.entry("DERMATOLOGY", 3),
			Map.entry("UROLOGY", 2), Map.entry("RADIOLOGY", 2), Map.entry("ANESTHESIOLOGY", 3),
			Map.entry("EMERGENCY_MEDICINE", 1), Map.entry("GENERAL_PRACTICE", 1), Map.entry("PHARMACY", 0));

	/** Clinic departments: the name part, its reading, the director's specialty and a weight. */
	private record ClinicKind(String dept, String deptKana, String specialty, int weight) {
	}

	private static final List<ClinicKind> CLINIC_KINDS = List.of(new ClinicKind("内科", "ナイカ", "INTERNAL_MEDICINE", 30),
			new ClinicKind("小児科", "ショウニカ", "PEDIATRICS", 8), new ClinicKind("眼科", "ガンカ", "OPHTHALMOLOGY", 7),
			new ClinicKind("皮膚科", "ヒフカ", "DERMATOLOGY", 6),
			new ClinicKind("耳鼻咽喉科", "ジビインコウカ", "OTOLARYNGOLOGY", 6),
			new ClinicKind("整形外科", "セイケイゲカ", "ORTHOPEDICS", 9),
			new ClinicKind("消化器内科", "ショウカキナイカ", "GASTROENTEROLOGY", 5),
			new ClinicKind("循環器内科", "ジュンカンキナイカ", "CARDIOLOGY", 4),
			new ClinicKind("産婦人科", "サンフジンカ", "OBSTETRICS_GYNECOLOGY", 3),
			new ClinicKind("心療内科", "シンリョウナイカ", "PSYCHIATRY", 3), new ClinicKind("泌尿器科", "ヒニョウキカ", "UROLOGY", 2),
			new ClinicKind("糖尿病内科", "トウニョウビョウナイカ", "DIABETES_ENDOCRINOLOGY", 2),
			new ClinicKind("呼吸器内科", "コキュウキナイカ", "PULMONOLOGY", 2), new ClinicKind("外科", "ゲカ", "GENERAL_SURGERY", 2),
			new ClinicKind("脳神経外科", "ノウシンケイゲカ", "NEUROSURGERY", 1));

	private static final Weighted<ClinicKind> CLINIC_KIND = new Weighted<>(CLINIC_KINDS,
			CLINIC_KINDS.stream().mapToInt(ClinicKind::weight).toArray());

	/** Names of fictional medical corporations (医療法人○○会). */
	private static final String[][] CORPORATIONS = { { "仁愛", "ジンアイ" }, { "誠和", "セイワ" }, { "恵生", "ケイセイ" },
			{ "清風", "セイフウ" }, { "博愛", "ハクアイ" }, { "寿康", "ジュコウ" }, { "明和", "メイワ" }, { "光陽", "コウヨウ" },
			{ "松和", "ショウワ" }, { "桜花", "オウカ" }, { "青葉", "アオバ" }, { "緑風", "リョクフウ" }, { "双葉", "フタバ" },
			{ "慈光", "ジコウ" }, { "健和", "ケンワ" }, { "永生", "エイセイ" } };

	/** Words that fictional university names are made of (東京中央大学医学部附属病院). */
	private static final String[][] UNIVERSITY_WORDS = { { "中央", "チュウオウ" }, { "医療", "イリョウ" },
			{ "健康科学", "ケンコウカガク" }, { "国際", "コクサイ" }, { "総合", "ソウゴウ" } };

	private static final String[][] HOSPITAL_SUFFIXES = { { "病院", "ビョウイン" }, { "総合病院", "ソウゴウビョウイン" },
			{ "中央病院", "チュウオウビョウイン" }, { "医療センター", "イリョウセンター" } };

	private static final String[][] PHARMACY_WORDS = { { "さくら", "サクラ" }, { "ひまわり", "ヒマワリ" }, { "あおば", "アオバ" },
			{ "みどり", "ミドリ" }, { "すずらん", "スズラン" }, { "つばさ", "ツバサ" }, { "はなまる", "ハナマル" }, { "コスモス", "コスモス" },
			{ "ひかり", "ヒカリ" }, { "たんぽぽ", "タンポポ" } };

	private static final String[] UNIVERSITY_ROLES = { "教授", "准教授", "講師", "助教", "医員" };

	private static final int[] UNIVERSITY_ROLE_WEIGHTS = { 5, 7, 10, 25, 35 };

	private static final String[] HOSPITAL_ROLES = { "副院長", "部長", "医長", "勤務医", "専攻医" };

	private static final int[] HOSPITAL_ROLE_WEIGHTS = { 3, 12, 18, 60, 7 };

	private enum HospitalKind {

		UNIVERSITY(2), PREFECTURAL(6), MUNICIPAL(12), CORPORATION(55), MEMORIAL(10), CITY(15);

		final int weight;

		HospitalKind(int weight) {
			this.weight = weight;
		}

	}

	private static final Weighted<HospitalKind> HOSPITAL_KIND = new Weighted<>(List.of(HospitalKind.values()),
			Arrays.stream(HospitalKind.values()).mapToInt(k -> k.weight).toArray());

	/** Registry numbers are drawn from this range: six and seven digits, as 医籍登録番号 are today. */
	private static final int REGISTRY_FROM = 100_000;

	private static final int REGISTRY_TO = 1_500_000;

	private final Scale scale;

	private final long seed;

	private final Weighted<String> specialties;

	private final List<String> specialtyCodes;

	DemoDataset(Scale scale, long seed, List<String> specialtyCodes) {
		this.scale = scale;
		this.seed = seed;
		this.specialtyCodes = List.copyOf(specialtyCodes);
		List<String> weighted = new ArrayList<>();
		List<Integer> weights = new ArrayList<>();
		for (String code : specialtyCodes) {
			int weight = SPECIALTY_WEIGHTS.getOrDefault(code, 1);
			if (weight > 0) {
				weighted.add(code);
				weights.add(weight);
			}
		}
		this.specialties = weighted.isEmpty() ? null
				: new Weighted<>(weighted, weights.stream().mapToInt(Integer::intValue).toArray());
	}

	/**
	 * Emits every row. HCO ids run from {@code firstHcoId} (hospitals, then clinics, then pharmacies)
	 * and HCP ids from {@code firstHcpId}, so the caller can reserve both ranges up front and load with COPY.
	 */
	Counts generate(long firstHcoId, long firstHcpId, Sink sink) {
		SplittableRandom master = new SplittableRandom(this.seed);
		// Separate streams per phase: a change in how clinics are named does not reshuffle every physician.
		SplittableRandom hcoRandom = master.split();
		SplittableRandom hcpRandom = master.split();
		// Drawn after the others: adding direct lines reshuffled nothing that was generated before them.
		SplittableRandom phoneRandom = master.split();
		// Codes are random but unique: drawn again on a collision, remembered in these sets.
		Set<Long> institutionCodes = new HashSet<>();
		Set<Integer> registryNumbers = new HashSet<>();

		int hospitals = this.scale.hospitals();
		int clinics = this.scale.clinics();
		int pharmacies = this.scale.pharmacies();
		long[] hospitalWeights = new long[hospitals];
		boolean[] university = new boolean[hospitals];
		Prefecture[] hospitalPrefecture = new Prefecture[hospitals];
		List<List<Integer>> hospitalsByPrefecture = new ArrayList<>();
		for (int p = 0; p <= 47; p++) {
			hospitalsByPrefecture.add(new ArrayList<>());
		}
		long beds = 0;
		for (int h = 0; h < hospitals; h++) {
			// The first 47 hospitals go one to each prefecture, so even the small demo covers the country.
			Prefecture prefecture = (h < 47) ? DemoPlaces.prefecture(h + 1) : DemoPlaces.byPopulation(hcoRandom);
			HcoRow row = hospital(firstHcoId + h, prefecture, institutionCode(prefecture, 1, institutionCodes, hcoRandom),
					hcoRandom);
			university[h] = row.bedCount() >= 600 && row.name().contains("大学");
			beds += row.bedCount() * (university[h] ? 3L : 2L) / 2;
			hospitalWeights[h] = beds;
			hospitalsByPrefecture.get(prefecture.code()).add(h);
			hospitalPrefecture[h] = prefecture;
			sink.hco(row);
		}
		PersonName[] directors = new PersonName[clinics];
		String[] clinicSpecialty = new String[clinics];
		for (int c = 0; c < clinics; c++) {
			Prefecture prefecture = DemoPlaces.byPopulation(hcoRandom);
			ClinicKind kind = CLINIC_KIND.pick(hcoRandom);
			directors[c] = DemoNames.person(hcoRandom);
			clinicSpecialty[c] = specialtyOrFallback(kind.specialty());
			List<Integer> nearby = hospitalsByPrefecture.get(prefecture.code());
			Long parent = (!nearby.isEmpty() && hcoRandom.nextInt(100) < 5)
					? firstHcoId + nearby.get(hcoRandom.nextInt(nearby.size())) : null;
			sink.hco(clinic(firstHcoId + hospitals + c, prefecture, kind, directors[c].family(),
					institutionCode(prefecture, 1, institutionCodes, hcoRandom), parent, hcoRandom));
		}
		for (int p = 0; p < pharmacies; p++) {
			Prefecture prefecture = DemoPlaces.byPopulation(hcoRandom);
			sink.hco(pharmacy(firstHcoId + hospitals + clinics + p, prefecture,
					institutionCode(prefecture, 4, institutionCodes, hcoRandom), hcoRandom));
		}

		int hcps = this.scale.hcps();
		int affiliations = 0;
		boolean[] hasDirector = new boolean[hospitals];
		int clinicDoctors = Math.min(clinics, hcps);
		int nextClinic = 0;
		for (int i = 0; i < hcps; i++) {
			SplittableRandom r = hcpRandom;
			// Selection sampling: exactly one director per clinic, spread evenly through the id range.
			boolean atClinic = r.nextLong(hcps - i) < (clinicDoctors - nextClinic);
			PersonName name;
			long hcoId;
			String specialty;
			String role;
			LocalDate from;
			if (atClinic) {
				int c = nextClinic++;
				name = directors[c];
				hcoId = firstHcoId + hospitals + c;
				specialty = clinicSpecialty[c];
				role = "院長";
				from = startDate(r, 1985);
			}
			else {
				int h = Weighted.index(hospitalWeights, r);
				name = DemoNames.person(r);
				hcoId = firstHcoId + h;
				specialty = (this.specialties != null) ? this.specialties.pick(r) : null;
				role = hospitalRole(h, university[h], hasDirector, r);
				from = startDate(r, 1990);
			}
			long hcpId = firstHcpId + i;
			String registry = (r.nextInt(100) < 95) ? String.valueOf(registryNumber(registryNumbers, r)) : null;
			String email = (r.nextInt(100) < 35) ? name.given().romaji().toLowerCase(Locale.ROOT) + "."
					+ name.family().romaji().toLowerCase(Locale.ROOT) + (10 + r.nextInt(90)) + "@example.jp" : null;
			String status = (r.nextInt(100) == 0) ? "INACTIVE" : "ACTIVE";
			// A clinic director answers the clinic's number; three in ten hospital doctors have a direct line (医局).
			String phone = (!atClinic && phoneRandom.nextInt(100) < 30)
					? DemoPlaces.phone(hospitalPrefecture[(int) (hcoId - firstHcoId)], phoneRandom) : null;
			sink.hcp(new HcpRow(hcpId, registry, name.kanji(), name.kana(), name.romaji(), specialty, email, phone, hcoId,
					status));
			sink.affiliation(new AffiliationRow(hcpId, hcoId, role, from, null));
			affiliations++;
			if (hospitals > 1 && r.nextInt(100) < 40) {
				int other = Weighted.index(hospitalWeights, r);
				if (firstHcoId + other != hcoId) {
					sink.affiliation(secondAffiliation(hcpId, firstHcoId + other, from, r));
					affiliations++;
				}
			}
		}
		return new Counts(hospitals, clinics, pharmacies, hcps, affiliations);
	}

	private String specialtyOrFallback(String code) {
		if (this.specialtyCodes.contains(code)) {
			return code;
		}
		return this.specialtyCodes.contains("INTERNAL_MEDICINE") ? "INTERNAL_MEDICINE" : null;
	}

	/** 2-digit prefecture + 1 (medical) or 4 (pharmacy) + 7 random digits, as 医療機関コード are laid out. */
	private static String institutionCode(Prefecture prefecture, int kind, Set<Long> used, SplittableRandom r) {
		long code;
		do {
			code = (prefecture.code() * 10L + kind) * 10_000_000L + r.nextInt(10_000_000);
		}
		while (!used.add(code));
		return String.format("%010d", code);
	}

	private static int registryNumber(Set<Integer> used, SplittableRandom r) {
		int number;
		do {
			number = r.nextInt(REGISTRY_FROM, REGISTRY_TO);
		}
		while (!used.add(number));
		return number;
	}

	private static HcoRow hospital(long id, Prefecture prefecture, String code, SplittableRandom r) {
		City city = DemoPlaces.city(prefecture, r);
		HospitalKind kind = HOSPITAL_KIND.pick(r);
		String name;
		String kana;
		int beds;
		switch (kind) {
			case UNIVERSITY -> {
				if (r.nextBoolean()) {
					String[] word = pick(UNIVERSITY_WORDS, r);
					name = prefecture.stem() + word[0] + "大学医学部附属病院";
					kana = prefecture.stemKana() + word[1] + "ダイガクイガクブフゾクビョウイン";
				}
				else {
					name = city.stem() + "医科大学病院";
					kana = city.stemKana() + "イカダイガクビョウイン";
				}
				beds = 600 + r.nextInt(600);
			}
			case PREFECTURAL -> {
				String[] suffix = pick(HOSPITAL_SUFFIXES, r);
				name = prefecture.publicPrefix() + city.stem() + suffix[0];
				kana = prefecture.publicPrefixKana() + city.stemKana() + suffix[1];
				beds = 300 + r.nextInt(400);
			}
			case MUNICIPAL -> {
				if (city.isWard()) {
					String[] area = pick(DemoPlaces.NEIGHBOURHOODS, r);
					name = city.stem() + area[0] + "病院";
					kana = city.stemKana() + area[1] + "ビョウイン";
				}
				else if (r.nextBoolean()) {
					name = city.stem() + "市民病院";
					kana = city.stemKana() + "シミンビョウイン";
				}
				else {
					name = city.stem() + "市立病院";
					kana = city.stemKana() + "シリツビョウイン";
				}
				beds = 150 + r.nextInt(450);
			}
			case CORPORATION -> {
				String[] corporation = pick(CORPORATIONS, r);
				String[] place = r.nextBoolean() ? pick(DemoPlaces.NEIGHBOURHOODS, r) : family(r);
				name = "医療法人" + corporation[0] + "会 " + place[0] + "病院";
				kana = "イリョウホウジン" + corporation[1] + "カイ " + place[1] + "ビョウイン";
				// Most private hospitals are small: squaring a uniform draw skews towards 20-100 beds.
				double u = r.nextDouble();
				beds = 20 + (int) (380 * u * u);
			}
			case MEMORIAL -> {
				String[] founder = family(r);
				name = founder[0] + "記念病院";
				kana = founder[1] + "キネンビョウイン";
				beds = 20 + r.nextInt(180);
			}
			default -> {
				// Not the bare 病院: "津病院" reads oddly; 津中央病院 or 津医療センター do not.
				String[] suffix = HOSPITAL_SUFFIXES[1 + r.nextInt(HOSPITAL_SUFFIXES.length - 1)];
				name = city.stem() + suffix[0];
				kana = city.stemKana() + suffix[1];
				beds = 100 + r.nextInt(400);
			}
		}
		return new HcoRow(id, code, name, kana, "HOSPITAL", prefecture.code(), DemoPlaces.postalCode(prefecture, r),
				DemoPlaces.address(prefecture, city, r), DemoPlaces.phone(prefecture, r), beds, null);
	}

	private static HcoRow clinic(long id, Prefecture prefecture, ClinicKind kind, Part director, String code,
			Long parent, SplittableRandom r) {
		City city = DemoPlaces.city(prefecture, r);
		int style = r.nextInt(100);
		String name;
		String kana;
		if (style < 35) {
			name = director.hiragana() + kind.dept() + "クリニック";
			kana = director.kana() + kind.deptKana() + "クリニック";
		}
		else if (style < 60) {
			boolean plain = kind.dept().equals("内科") && r.nextBoolean();
			name = director.kanji() + (plain ? "" : kind.dept()) + "医院";
			kana = director.kana() + (plain ? "" : kind.deptKana()) + "イイン";
		}
		else if (style < 80) {
			String[] area = pick(DemoPlaces.NEIGHBOURHOODS, r);
			name = area[0] + kind.dept() + "クリニック";
			kana = area[1] + kind.deptKana() + "クリニック";
		}
		else if (style < 90) {
			name = city.stem() + "駅前" + kind.dept() + "クリニック";
			kana = city.stemKana() + "エキマエ" + kind.deptKana() + "クリニック";
		}
		else {
			name = director.kanji() + kind.dept() + "クリニック";
			kana = director.kana() + kind.deptKana() + "クリニック";
		}
		// About one clinic in twelve still has inpatient beds (有床診療所, at most 19).
		Integer beds = (r.nextInt(12) == 0) ? 1 + r.nextInt(19) : null;
		return new HcoRow(id, code, name, kana, "CLINIC", prefecture.code(), DemoPlaces.postalCode(prefecture, r),
				DemoPlaces.address(prefecture, city, r), DemoPlaces.phone(prefecture, r), beds, parent);
	}

	private static HcoRow pharmacy(long id, Prefecture prefecture, String code, SplittableRandom r) {
		City city = DemoPlaces.city(prefecture, r);
		int style = r.nextInt(100);
		String name;
		String kana;
		if (style < 50) {
			String[] word = pick(PHARMACY_WORDS, r);
			String[] area = pick(DemoPlaces.NEIGHBOURHOODS, r);
			name = word[0] + "薬局 " + area[0] + "店";
			kana = word[1] + "ヤッキョク " + area[1] + "テン";
		}
		else if (style < 80) {
			String[] owner = family(r);
			name = owner[0] + "薬局";
			kana = owner[1] + "ヤッキョク";
		}
		else {
			name = city.stem() + "駅前薬局";
			kana = city.stemKana() + "エキマエヤッキョク";
		}
		return new HcoRow(id, code, name, kana, "PHARMACY", prefecture.code(), DemoPlaces.postalCode(prefecture, r),
				DemoPlaces.address(prefecture, city, r), DemoPlaces.phone(prefecture, r), null, null);
	}

	private static String hospitalRole(int h, boolean university, boolean[] hasDirector, SplittableRandom r) {
		if (!hasDirector[h]) {
			hasDirector[h] = true;
			return (university && r.nextBoolean()) ? "教授" : "院長";
		}
		return university ? pickWeighted(UNIVERSITY_ROLES, UNIVERSITY_ROLE_WEIGHTS, r)
				: pickWeighted(HOSPITAL_ROLES, HOSPITAL_ROLE_WEIGHTS, r);
	}

	/** Another hospital: a current part-time post, or the previous employer (ended the day before). */
	private static AffiliationRow secondAffiliation(long hcpId, long hcoId, LocalDate primaryFrom, SplittableRandom r) {
		if (r.nextInt(100) < 60) {
			return new AffiliationRow(hcpId, hcoId, "非常勤医", startDate(r, Math.max(2010, primaryFrom.getYear())), null);
		}
		LocalDate from = primaryFrom.minusYears(2 + r.nextInt(10)).withDayOfMonth(1);
		return new AffiliationRow(hcpId, hcoId, r.nextBoolean() ? "勤務医" : "医員", from, primaryFrom.minusDays(1));
	}

	/** Japanese posts mostly start on 1 April, the start of the fiscal year. */
	private static LocalDate startDate(SplittableRandom r, int fromYear) {
		int year = fromYear + r.nextInt(Math.max(1, 2026 - fromYear));
		int month = (r.nextInt(100) < 75) ? 4 : 1 + r.nextInt(12);
		LocalDate date = LocalDate.of(year, month, 1);
		// Keep every date in the past of the demo's reference day, so no post starts "in the future".
		return date.isAfter(LocalDate.of(2025, 10, 1)) ? LocalDate.of(2025, 4, 1) : date;
	}

	private static String[] family(SplittableRandom r) {
		Part family = DemoNames.family(r);
		return new String[] { family.kanji(), family.kana() };
	}

	private static String[] pick(String[][] options, SplittableRandom r) {
		return options[r.nextInt(options.length)];
	}

	private static String pickWeighted(String[] options, int[] weights, SplittableRandom r) {
		int total = 0;
		for (int w : weights) {
			total += w;
		}
		int x = r.nextInt(total);
		for (int i = 0; i < options.length; i++) {
			x -= weights[i];
			if (x < 0) {
				return options[i];
			}
		}
		return options[options.length - 1];
	}

}
