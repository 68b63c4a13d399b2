package org.openpharma.crm.action.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.openpharma.crm.action.ActionKind;
import org.openpharma.crm.action.Approach;
import org.openpharma.crm.action.FatigueCap;
import org.openpharma.crm.action.QuietPeriod;
import org.openpharma.crm.action.StagePolicy;
import org.openpharma.crm.action.StageRule;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.stage.AdoptionStage;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The edit form of a stage policy, bound by constructor with the field names the domain's violations use
 * ({@code rules[INTERESTED].actions}, {@code caps[EMAIL].max}, {@code quietPeriods[0].to}). {@code version} is the
 * version the user started from (0: the defaults). A cap row left blank is no cap; a quiet-period row left blank is
 * ignored, so the form offers a few empty rows to add periods.
 */
record PolicyForm(Long version, Map<String, RuleRow> rules, Map<String, CapRow> caps, List<QuietRow> quietPeriods,
		Integer minDaysBetweenPush, String note) {

	/** Empty quiet-period rows offered for new periods. */
	static final int SPARE_ROWS = 2;

	/** The action choices per rule, most preferred first (blank ones are left out). */
	record RuleRow(Approach approach, List<ActionKind> actions, String rationale) {

		RuleRow {
			actions = (actions == null) ? new ArrayList<>() : new ArrayList<>(actions);
			while (actions.size() < StageRule.MAX_ACTIONS) {
				actions.add(null);
			}
		}

		/** The choice in slot {@code i} (for the form's selects). */
		public ActionKind slot(int i) {
			return (i < this.actions.size()) ? this.actions.get(i) : null;
		}

	}

	record CapRow(Integer max, Integer days) {

		boolean blank() {
			return this.max == null && this.days == null;
		}

	}

	record QuietRow(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String label) {

		boolean blank() {
			return this.from == null && this.to == null && (this.label == null || this.label.isBlank());
		}

	}

	PolicyForm {
		rules = (rules == null) ? new LinkedHashMap<>() : new LinkedHashMap<>(rules);
		for (AdoptionStage stage : AdoptionStage.values()) {
			rules.putIfAbsent(stage.name(), new RuleRow(null, null, null));
		}
		caps = (caps == null) ? new LinkedHashMap<>() : new LinkedHashMap<>(caps);
		for (ConsentChannel channel : ConsentChannel.values()) {
			caps.putIfAbsent(channel.name(), new CapRow(null, null));
		}
		quietPeriods = (quietPeriods == null) ? new ArrayList<>() : new ArrayList<>(quietPeriods);
	}

	/** The form of a policy as it is, with empty rows for new quiet periods. */
	static PolicyForm of(StagePolicy policy) {
		Map<String, RuleRow> rules = new LinkedHashMap<>();
		policy.rules().forEach((stage, rule) -> rules.put(stage.name(),
				new RuleRow(rule.approach(), rule.actions(), rule.rationale())));
		Map<String, CapRow> caps = new LinkedHashMap<>();
		policy.caps().forEach((channel, cap) -> caps.put(channel.name(), new CapRow(cap.max(), cap.days())));
		List<QuietRow> quiet = new ArrayList<>(
				policy.quietPeriods().stream().map(p -> new QuietRow(p.from(), p.to(), p.label())).toList());
		return new PolicyForm(policy.version(), rules, caps, quiet, policy.minDaysBetweenPush(), null).withSpareRows();
	}

	/** The same form with {@value #SPARE_ROWS} empty quiet-period rows after the filled ones. */
	PolicyForm withSpareRows() {
		List<QuietRow> rows = new ArrayList<>(this.quietPeriods);
		while (rows.size() > 0 && rows.get(rows.size() - 1) != null && rows.get(rows.size() - 1).blank()) {
			rows.remove(rows.size() - 1);
		}
		for (int i = 0; i < SPARE_ROWS; i++) {
			rows.add(new QuietRow(null, null, null));
		}
		return new PolicyForm(this.version, this.rules, this.caps, rows, this.minDaysBetweenPush, this.note);
	}

	/** The policy as entered; blank quiet-period rows are left out (see {@link #formPath}). */
	StagePolicy toPolicy(long areaId) {
		Map<AdoptionStage, StageRule> rules = new EnumMap<>(AdoptionStage.class);
		this.rules.forEach((stage, row) -> {
			if (row != null && isStage(stage)) {
				rules.put(AdoptionStage.valueOf(stage), new StageRule(row.approach(),
						row.actions().stream().filter(Objects::nonNull).toList(), row.rationale()));
			}
		});
		Map<ConsentChannel, FatigueCap> caps = new EnumMap<>(ConsentChannel.class);
		this.caps.forEach((channel, row) -> {
			if (row != null && !row.blank() && isChannel(channel)) {
				caps.put(ConsentChannel.valueOf(channel),
						new FatigueCap(Objects.requireNonNullElse(row.max(), 0), Objects.requireNonNullElse(row.days(), 0)));
			}
		});
		List<QuietPeriod> periods = filledRows().stream()
			.map(i -> this.quietPeriods.get(i))
			.map(row -> new QuietPeriod(row.from(), row.to(), row.label()))
			.toList();
		return new StagePolicy(areaId, Objects.requireNonNullElse(this.version, 0L), rules, caps, periods,
				Objects.requireNonNullElse(this.minDaysBetweenPush, -1));
	}

	/**
	 * The form's name of a field the domain names: {@code quietPeriods[1].to} of the policy is the second filled row,
	 * which is {@code quietPeriods[2].to} on the form when the user left a row blank before it.
	 */
	String formPath(String field) {
		if (field == null || !field.startsWith("quietPeriods[")) {
			return field;
		}
		int close = field.indexOf(']');
		List<Integer> filled = filledRows();
		try {
			int index = Integer.parseInt(field.substring("quietPeriods[".length(), close));
			return (index < filled.size()) ? "quietPeriods[" + filled.get(index) + field.substring(close) : field;
		}
		catch (NumberFormatException ex) {
			return field;
		}
	}

	private List<Integer> filledRows() {
		List<Integer> filled = new ArrayList<>();
		for (int i = 0; i < this.quietPeriods.size(); i++) {
			if (this.quietPeriods.get(i) != null && !this.quietPeriods.get(i).blank()) {
				filled.add(i);
			}
		}
		return filled;
	}

	private static boolean isStage(String name) {
		for (AdoptionStage stage : AdoptionStage.values()) {
			if (stage.name().equals(name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isChannel(String name) {
		for (ConsentChannel channel : ConsentChannel.values()) {
			if (channel.name().equals(name)) {
				return true;
			}
		}
		return false;
	}

}
