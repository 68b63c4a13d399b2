package org.openpharma.crm.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.demo.DemoDataset.AffiliationRow;
import org.openpharma.crm.demo.DemoDataset.Counts;
import org.openpharma.crm.demo.DemoDataset.HcoRow;
import org.openpharma.crm.demo.DemoDataset.HcpRow;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated customer master as plain rows: shape, uniqueness, coverage and determinism. */
class DemoDatasetTests {

	static final List<String> SPECIALTIES = List.of("INTERNAL_MEDICINE", "CARDIOLOGY", "GASTROENTEROLOGY",
			"PULMONOLOGY", "DIABETES_ENDOCRINOLOGY", "NEPHROLOGY", "NEUROLOGY", "HEMATOLOGY", "MEDICAL_ONCOLOGY",
			"RHEUMATOLOGY", "INFECTIOUS_DISEASES", "PSYCHIATRY", "PEDIATRICS", "GENERAL_SURGERY", "ORTHOPEDICS",
			"NEUROSURGERY", "CARDIOVASCULAR_SURGERY", "OBSTETRICS_GYNECOLOGY", "OPHTHALMOLOGY", "OTOLARYNGOLOGY",
			"DERMATOLOGY", "UROLOGY", "RADIOLOGY", "ANESTHESIOLOGY", "EMERGENCY_MEDICINE", "GENERAL_PRACTICE",
			"PHARMACY");

	private static final String KATAKANA_WORDS = "[\\u30A1-\\u30F6\\u30FC]+( [\\u30A1-\\u30F6\\u30FC]+)?";

	@Test
	void smallScaleHasTheAdvertisedShape() {
		Rows rows = generate(Scale.SMALL, 42);
		assertThat(rows.counts).isEqualTo(new Counts(150, 800, 100, 2000, rows.affiliations.size()));
		assertThat(rows.hcos).hasSize(1050);
		assertThat(rows.hcps).hasSize(2000);
		assertThat(rows.hcos.stream().map(HcoRow::prefectureCode).collect(Collectors.toSet())).hasSize(47);
		assertThat(rows.hcos).allSatisfy(hco -> {
			assertThat(hco.institutionCode()).matches("\\d{10}").startsWith(String.format("%02d", hco.prefectureCode()));
			assertThat(hco.nameKana()).as(hco.name()).matches(KATAKANA_WORDS);
			assertThat(hco.postalCode()).matches("\\d{3}-\\d{4}");
			assertThat(hco.phone()).matches("0\\d{1,3}-\\d{1,4}-\\d{4}").hasSize(12);
			assertThat(hco.address()).startsWith(DemoPlaces.prefecture(hco.prefectureCode()).kanji());
		});
		assertThat(rows.hcos.stream().filter(h -> h.type().equals("HOSPITAL")))
			.allSatisfy(h -> assertThat(h.bedCount()).isBetween(20, 1200));
		assertThat(rows.hcps).allSatisfy(hcp -> {
			assertThat(hcp.nameKana()).matches(KATAKANA_WORDS);
			assertThat(hcp.specialtyCode()).isNotEqualTo("PHARMACY");
		});
		// The call center finds callers by number: about three in ten hospital doctors have a direct line.
		List<HcpRow> withPhone = rows.hcps.stream().filter(h -> h.phone() != null).toList();
		assertThat(withPhone).allSatisfy(hcp -> assertThat(hcp.phone()).matches("0\\d{1,3}-\\d{1,4}-\\d{4}"));
		assertThat(withPhone.size()).isBetween(300, 600);
	}

	@Test
	void codesAreUniqueAtMediumScale() {
		Set<String> institutionCodes = new HashSet<>();
		Set<String> registryNumbers = new HashSet<>();
		int[] duplicates = new int[2];
		int[] withRegistry = new int[1];
		Counts counts = new DemoDataset(Scale.MEDIUM, 42, SPECIALTIES).generate(1, 1, new DemoDataset.Sink() {

			@Override
			public void hco(HcoRow row) {
				duplicates[0] += institutionCodes.add(row.institutionCode()) ? 0 : 1;
			}

			@Override
			public void hcp(HcpRow row) {
				if (row.registryNumber() != null) {
					withRegistry[0]++;
					duplicates[1] += registryNumbers.add(row.registryNumber()) ? 0 : 1;
				}
			}

			@Override
			public void affiliation(AffiliationRow row) {
			}

		});
		// Medium, not japan: the same code paths at a tenth of the time (codes are redrawn on collision).
		assertThat(counts.hcps()).isEqualTo(34_000);
		assertThat(counts.hospitals() + counts.clinics() + counts.pharmacies()).isEqualTo(11_800);
		assertThat(duplicates).containsExactly(0, 0);
		assertThat(withRegistry[0]).isBetween(31_800, 32_800);
		assertThat(registryNumbers).allSatisfy(n -> assertThat(n).matches("\\d{6,7}"));
	}

	@Test
	void everyClinicHasExactlyOneDirectorAndEveryHcpItsPrimaryAffiliation() {
		Rows rows = generate(Scale.SMALL, 42);
		Map<Long, String> types = rows.hcos.stream().collect(Collectors.toMap(HcoRow::id, HcoRow::type));
		Map<Long, Long> clinicDoctors = rows.hcps.stream()
			.filter(h -> types.get(h.primaryHcoId()).equals("CLINIC"))
			.collect(Collectors.groupingBy(HcpRow::primaryHcoId, Collectors.counting()));
		assertThat(clinicDoctors).hasSize(800).allSatisfy((clinic, doctors) -> assertThat(doctors).isEqualTo(1));
		assertThat(rows.hcps).noneMatch(h -> types.get(h.primaryHcoId()).equals("PHARMACY"));
		Map<Long, List<AffiliationRow>> byHcp = rows.affiliations.stream()
			.collect(Collectors.groupingBy(AffiliationRow::hcpId));
		assertThat(rows.hcps).allSatisfy(hcp -> {
			List<AffiliationRow> affiliations = byHcp.get(hcp.id());
			assertThat(affiliations).hasSizeBetween(1, 2);
			assertThat(affiliations.get(0).hcoId()).isEqualTo(hcp.primaryHcoId());
			assertThat(affiliations.get(0).validTo()).isNull();
			assertThat(affiliations).allSatisfy(a -> assertThat(a.validTo() == null || !a.validTo().isBefore(a.validFrom())).isTrue());
		});
		assertThat(rows.affiliations.stream().map(AffiliationRow::role).collect(Collectors.toSet()))
			.contains("院長", "部長", "医長", "勤務医");
	}

	@Test
	void clinicNamesFollowTheirDirector() {
		Rows rows = generate(Scale.SMALL, 42);
		Map<Long, HcoRow> hcos = rows.hcos.stream().collect(Collectors.toMap(HcoRow::id, h -> h));
		long named = rows.hcps.stream().filter(hcp -> {
			HcoRow clinic = hcos.get(hcp.primaryHcoId());
			String family = hcp.nameKana().substring(0, hcp.nameKana().indexOf(' '));
			return clinic.type().equals("CLINIC") && clinic.nameKana().startsWith(family);
		}).count();
		// Roughly 70 % of clinics carry the director's family name (さとう内科クリニック, 田中医院).
		assertThat(named).isBetween(450L, 650L);
	}

	@Test
	void sameSeedSameDigestOtherSeedOtherDigest() {
		assertThat(digest(Scale.SMALL, 42)).isEqualTo(digest(Scale.SMALL, 42)).isNotEqualTo(digest(Scale.SMALL, 7));
	}

	@Test
	void registryNumbersAreAboutNinetyFivePercentPresent() {
		Rows rows = generate(Scale.SMALL, 42);
		long present = rows.hcps.stream().filter(h -> h.registryNumber() != null).count();
		assertThat(present).isBetween(1850L, 1960L);
	}

	static Rows generate(Scale scale, long seed) {
		Rows rows = new Rows();
		rows.counts = new DemoDataset(scale, seed, SPECIALTIES).generate(1, 1, rows);
		return rows;
	}

	static String digest(Scale scale, long seed) {
		Rows rows = generate(scale, seed);
		try {
			MessageDigest md = MessageDigest.getInstance("SHA-256");
			rows.hcos.forEach(r -> md.update(r.toString().getBytes(StandardCharsets.UTF_8)));
			rows.hcps.forEach(r -> md.update(r.toString().getBytes(StandardCharsets.UTF_8)));
			rows.affiliations.forEach(r -> md.update(r.toString().getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(md.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Collects every row in memory (fine at small scale). */
	static final class Rows implements DemoDataset.Sink {

		final List<HcoRow> hcos = new ArrayList<>();

		final List<HcpRow> hcps = new ArrayList<>();

		final List<AffiliationRow> affiliations = new ArrayList<>();

		Counts counts;

		@Override
		public void hco(HcoRow row) {
			this.hcos.add(row);
		}

		@Override
		public void hcp(HcpRow row) {
			this.hcps.add(row);
		}

		@Override
		public void affiliation(AffiliationRow row) {
			this.affiliations.add(row);
		}

	}

}
