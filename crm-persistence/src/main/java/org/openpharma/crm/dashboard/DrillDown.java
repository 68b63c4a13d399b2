package org.openpharma.crm.dashboard;

import java.util.List;

import org.openpharma.crm.stage.AdoptionStage;

/**
 * Which HCPs a drill-down lists: those behind one figure of a dashboard. Each row carries the HCP's share of
 * that figure, so that the rows add up to it.
 */
public sealed interface DrillDown {

	/** The list's name as links write it ({@code list=}). */
	String list();

	/**
	 * The figures of each HCP, in column order: the sum over the list is the dashboard's figure of the same name.
	 * A list without figures counts its HCPs (the figure clicked is a number of HCPs).
	 */
	List<String> figures();

	/**
	 * HCPs who reported patients in the period, with the eligible and treated patients and the reports the
	 * patients dashboard counts for them (the latest report of each area or product and month).
	 *
	 * @param prefecture null for the whole region or country
	 */
	record Reporting(Integer prefecture) implements DrillDown {

		@Override
		public String list() {
			return "reporting";
		}

		@Override
		public List<String> figures() {
			return List.of("eligible", "treated", "reports");
		}

	}

	/** HCPs at one adoption stage of an area now, with the day they reached it. */
	record Stage(long therapeuticAreaId, AdoptionStage stage) implements DrillDown {

		@Override
		public String list() {
			return "stage";
		}

		@Override
		public List<String> figures() {
			return List.of();
		}

	}

	/**
	 * Active HCPs without an outbound contact (by the filter's department, when it names one) in the last
	 * {@code days} days, with the day of their last one.
	 *
	 * @param prefecture null for the whole region or country
	 */
	record Uncovered(int days, Integer prefecture) implements DrillDown {

		@Override
		public String list() {
			return "uncovered";
		}

		@Override
		public List<String> figures() {
			return List.of();
		}

	}

}
