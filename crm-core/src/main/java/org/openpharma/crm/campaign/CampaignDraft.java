package org.openpharma.crm.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StorableText;

/**
 * A campaign as marketing sets it up: a saved segment, an approved item, a channel (e-mail with an approved
 * template, or a push suggestion for a visit or remote detailing), a schedule and the holdout share chosen at launch
 * (docs/adr/0034).
 *
 * @param startsAt when the mails start going, or the suggestions appear; now or later
 * @param endsOn the last day a push suggestion stays in the MRs' lists (push only)
 * @param holdoutPercent the share of the segment's members who are deliberately not reached, to compare with
 */
public record CampaignDraft(String name, Long segmentId, CampaignKind kind, Long templateVersionId,
		Long contentVersionId, Channel pushChannel, Integer holdoutPercent, Instant startsAt, LocalDate endsOn) {

	public static final int NAME_MAX = 120;

	/** At most half of a segment is held out: a campaign that reaches fewer than it holds out is not a campaign. */
	public static final int MAX_HOLDOUT = 50;

	/** A push campaign's suggestions stay at most this long. */
	public static final int MAX_PUSH_DAYS = 180;

	/** How far ahead a campaign may be scheduled. */
	public static final int MAX_AHEAD_DAYS = 366;

	public CampaignDraft {
		name = (name != null) ? name.strip() : null;
	}

	/** The violations of the draft as input, on {@code now} (Japan's {@code today}). */
	public List<FieldViolation> violations(Instant now, LocalDate today) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.name == null || this.name.isEmpty()) {
			violations.add(new FieldViolation("name", "campaign.name.required"));
		}
		else if (this.name.length() > NAME_MAX || !StorableText.isStorable(this.name)) {
			violations.add(new FieldViolation("name", "validation.tooLong", NAME_MAX));
		}
		if (this.segmentId == null) {
			violations.add(new FieldViolation("segmentId", "campaign.segment.required"));
		}
		if (this.kind == null) {
			violations.add(new FieldViolation("kind", "campaign.kind.required"));
		}
		if (this.contentVersionId == null) {
			violations.add(new FieldViolation("contentVersionId", "campaign.content.required"));
		}
		if (this.kind == CampaignKind.EMAIL && this.templateVersionId == null) {
			violations.add(new FieldViolation("templateVersionId", "campaign.template.required"));
		}
		if (this.kind == CampaignKind.PUSH) {
			if (this.pushChannel != Channel.VISIT && this.pushChannel != Channel.REMOTE_DETAIL) {
				violations.add(new FieldViolation("pushChannel", "campaign.pushChannel.required"));
			}
			if (this.endsOn == null) {
				violations.add(new FieldViolation("endsOn", "campaign.endsOn.required"));
			}
		}
		if (this.holdoutPercent == null) {
			violations.add(new FieldViolation("holdoutPercent", "campaign.holdout.required"));
		}
		else if (this.holdoutPercent < 0 || this.holdoutPercent > MAX_HOLDOUT) {
			violations.add(new FieldViolation("holdoutPercent", "segment.range", 0, MAX_HOLDOUT));
		}
		LocalDate startDay = null;
		if (this.startsAt == null) {
			violations.add(new FieldViolation("startsAt", "campaign.startsAt.required"));
		}
		else {
			startDay = this.startsAt.atZone(org.openpharma.crm.shared.Japan.ZONE).toLocalDate();
			// A few minutes' grace: the form was filled in a moment ago.
			if (this.startsAt.isBefore(now.minusSeconds(600))) {
				violations.add(new FieldViolation("startsAt", "campaign.startsAt.past"));
			}
			else if (startDay.isAfter(today.plusDays(MAX_AHEAD_DAYS))) {
				violations.add(new FieldViolation("startsAt", "campaign.startsAt.tooFar"));
			}
		}
		if (this.kind == CampaignKind.PUSH && this.endsOn != null && startDay != null) {
			if (this.endsOn.isBefore(startDay)) {
				violations.add(new FieldViolation("endsOn", "campaign.endsOn.beforeStart"));
			}
			else if (this.endsOn.isAfter(startDay.plusDays(MAX_PUSH_DAYS))) {
				violations.add(new FieldViolation("endsOn", "campaign.endsOn.tooLong", MAX_PUSH_DAYS));
			}
		}
		return violations;
	}

	/**
	 * Whether a member is held out: a fixed draw per campaign and HCP (the same on every node and every run), so
	 * that {@code percent} of the members, give or take chance, are kept aside for the comparison.
	 */
	public static boolean heldOut(long campaignId, long hcpId, int percent) {
		if (percent <= 0) {
			return false;
		}
		long mixed = mix(campaignId * 0x9E3779B97F4A7C15L + hcpId);
		return Math.floorMod(mixed, 100) < percent;
	}

	/** SplitMix64's finaliser: spreads neighbouring ids evenly. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
