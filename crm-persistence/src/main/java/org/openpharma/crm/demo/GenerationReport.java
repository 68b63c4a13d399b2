package org.openpharma.crm.demo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one demo-data run created. {@code skipped} means the customer master already held data, so no
 * HCO or HCP was generated; reference data and demo users are still completed when missing.
 */
public record GenerationReport(Scale scale, long seed, boolean skipped, int hospitals, int clinics, int pharmacies,
		int hcps, int affiliations, int therapeuticAreas, int products, int territories, int users, Activity activity,
		long elapsedMillis) {

	/** The activity created: interactions, needs, current stages, stage changes, patient counts, policy notes. */
	public record Activity(long interactions, long needs, long stages, long stageChanges, long patientCounts,
			long policyNotes, long consents) {

		public static final Activity NONE = new Activity(0, 0, 0, 0, 0, 0, 0);

		public Activity(long interactions, long needs, long stages, long stageChanges, long patientCounts,
				long policyNotes) {
			this(interactions, needs, stages, stageChanges, patientCounts, policyNotes, 0);
		}

		Activity withConsents(long count) {
			return new Activity(this.interactions, this.needs, this.stages, this.stageChanges, this.patientCounts,
					this.policyNotes, count);
		}

		long total() {
			return this.interactions + this.needs + this.stages + this.stageChanges + this.patientCounts
					+ this.policyNotes + this.consents;
		}

	}

	/** True when the run created nothing at all (a repeated start). */
	public boolean nothingCreated() {
		return this.hospitals + this.clinics + this.pharmacies + this.hcps + this.affiliations + this.therapeuticAreas
				+ this.products + this.territories + this.users == 0 && this.activity.total() == 0;
	}

	/** The counts as the audit row stores them. */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("scale", this.scale.name());
		map.put("seed", this.seed);
		map.put("skipped", this.skipped);
		map.put("hospitals", this.hospitals);
		map.put("clinics", this.clinics);
		map.put("pharmacies", this.pharmacies);
		map.put("hcps", this.hcps);
		map.put("affiliations", this.affiliations);
		map.put("therapeuticAreas", this.therapeuticAreas);
		map.put("products", this.products);
		map.put("territories", this.territories);
		map.put("users", this.users);
		map.put("interactions", this.activity.interactions());
		map.put("needs", this.activity.needs());
		map.put("stages", this.activity.stages());
		map.put("stageChanges", this.activity.stageChanges());
		map.put("patientCounts", this.activity.patientCounts());
		map.put("policyNotes", this.activity.policyNotes());
		map.put("consentRecords", this.activity.consents());
		map.put("elapsedMillis", this.elapsedMillis);
		return map;
	}

	/** One log line. */
	public String summary() {
		if (this.skipped) {
			return String.format("Demo data skipped: the customer master already has data (scale %s, seed %d);"
					+ " added %d therapeutic areas, %d products, %d territories, %d users; %s in %d ms",
					this.scale.name().toLowerCase(Locale.ROOT), this.seed, this.therapeuticAreas,
					this.products, this.territories, this.users, activitySummary(), this.elapsedMillis);
		}
		return String.format("Demo data generated (scale %s, seed %d): %,d HCPs, %,d hospitals, %,d clinics,"
				+ " %,d pharmacies, %,d affiliations, %d therapeutic areas, %d products, %d territories, %d users;"
				+ " %s in %,d ms", this.scale.name().toLowerCase(Locale.ROOT), this.seed, this.hcps,
				this.hospitals, this.clinics, this.pharmacies, this.affiliations, this.therapeuticAreas,
				this.products, this.territories, this.users, activitySummary(), this.elapsedMillis);
	}

	private String activitySummary() {
		return String.format("%,d interactions, %,d needs, %,d stages with %,d changes, %,d patient counts,"
				+ " %,d policy notes, %,d consent records", this.activity.interactions(), this.activity.needs(),
				this.activity.stages(), this.activity.stageChanges(), this.activity.patientCounts(),
				this.activity.policyNotes(), this.activity.consents());
	}

}
