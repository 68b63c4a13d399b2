package org.openpharma.crm.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.shared.FieldViolation;

/**
 * The rules of a plan: it is for today or a day ahead (a contact that happened is logged, not planned), no
 * further ahead than {@link #MAX_AHEAD_DAYS}, on a push channel (the company initiates it).
 */
public final class PlanRules {

	/** A year ahead at most: anything later is most likely a typing mistake. */
	public static final int MAX_AHEAD_DAYS = 366;

	public static final int NOTE_MAX = 1000;

	public static final int REASON_MAX = 500;

	private PlanRules() {
	}

	/** The violations of a day for a plan made or moved on {@code today} (Japan time). */
	public static List<FieldViolation> dayViolations(LocalDate day, LocalDate today) {
		List<FieldViolation> violations = new ArrayList<>();
		if (day == null) {
			violations.add(new FieldViolation("day", "plan.day.required"));
		}
		else if (day.isBefore(today)) {
			violations.add(new FieldViolation("day", "plan.day.past"));
		}
		else if (day.isAfter(today.plusDays(MAX_AHEAD_DAYS))) {
			violations.add(new FieldViolation("day", "plan.day.tooFar"));
		}
		return violations;
	}

	/** Every rule the draft itself breaks (without what only the database knows: the HCP, the content, consent). */
	public static List<FieldViolation> violations(PlanDraft draft, LocalDate today) {
		List<FieldViolation> violations = new ArrayList<>(dayViolations(draft.day(), today));
		if (draft.channel() == null) {
			violations.add(new FieldViolation("channel", "plan.channel.required"));
		}
		else if (!plannable(draft.channel())) {
			violations.add(new FieldViolation("channel", "plan.channel.notPush"));
		}
		if (draft.note() != null && draft.note().strip().length() > NOTE_MAX) {
			violations.add(new FieldViolation("note", "plan.note.tooLong", NOTE_MAX));
		}
		return violations;
	}

	/** Only company-initiated (push) contacts are planned: the HCP's own actions are not ours to plan. */
	public static boolean plannable(Channel channel) {
		return channel != null && channel.isPush();
	}

	/** The channels a plan may use, in the form's order. */
	public static List<Channel> channels() {
		return java.util.Arrays.stream(Channel.values()).filter(Channel::isPush).toList();
	}

}
