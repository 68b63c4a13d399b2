package org.openpharma.crm.action;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.openpharma.crm.action.ActionFacts.ConsentFact;
import org.openpharma.crm.action.ActionFacts.Contact;
import org.openpharma.crm.action.ActionFacts.ContentOption;
import org.openpharma.crm.action.ActionFacts.Dismissal;
import org.openpharma.crm.action.ActionFacts.OpenNeed;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.stage.AdoptionStage;

/**
 * The next-best-action rules: plain Java, no model, every number explained. For one HCP in one area they walk the
 * stage policy's preferred actions for the HCP's stage, in order, and keep each one that consent, the fatigue cap,
 * a recent dismissal and the content allow; they date it after a quiet period and the gap between push contacts,
 * and score it. Each step that shapes a suggestion adds a {@link Reason}; each step that removes one says why in
 * {@link Outcome#excluded()}.
 * <p>
 * Scores: the policy's first action 100, each later one 15 less; an open need adds up to 20 by its age (a point a
 * week) and 10 when urgent; the best item adds a fifth of its match score; a stage unchanged for
 * {@value #STALLED_DAYS} days adds 10. A need that calls for medical affairs is handed over even when the stage's
 * rule does not list the hand-off (score 60 + the need's). A running push campaign the HCP is a member of asks for a
 * visit or remote detailing with its item (score 110, in place of the policy's call of that kind), under the same
 * checks of consent, fatigue, a plan and a dismissal (docs/adr/0034). When nothing is left, the suggestion is "no contact for
 * now", with the reasons. The seam for a learned ranking is {@link Ranking}: it may reorder, never add.
 */
public final class NextActionRules {

	/** Suggestions kept per HCP and area. */
	public static final int MAX_SUGGESTIONS = 3;

	/** A dismissed suggestion of the same kind is not made again for this many days. */
	public static final int DISMISSAL_DAYS = 30;

	/** A stage unchanged this long asks for a move. */
	public static final int STALLED_DAYS = 90;

	/** Points the policy's first action starts with, and what each later rank costs. */
	static final int FIRST = 100;

	static final int PER_RANK = 15;

	/** The score of a hand-off the stage rule does not list, before the need's points. */
	static final int MEDICAL_NEED = 60;

	/** What a push campaign adds to the policy's first action: marketing asked for this HCP now. */
	static final int CAMPAIGN = 10;

	/** What the rules decided: the suggestions, best first, and what was left out and why. */
	public record Outcome(List<Suggestion> suggestions, List<Excluded> excluded) {

		public Outcome {
			suggestions = List.copyOf(suggestions);
			excluded = List.copyOf(excluded);
		}

	}

	/** An action the policy prefers that is not suggested, and why. */
	public record Excluded(ActionKind kind, Reason reason) {
	}

	/** Where a learned ranking could plug in later: it reorders the rules' suggestions, never adds to them. */
	public interface Ranking {

		List<Suggestion> rank(List<Suggestion> byRules, ActionFacts facts);

		Ranking RULES = (byRules, facts) -> byRules;

	}

	private NextActionRules() {
	}

	public static Outcome suggest(ActionFacts facts, StagePolicy policy) {
		return suggest(facts, policy, Ranking.RULES);
	}

	public static Outcome suggest(ActionFacts facts, StagePolicy policy, Ranking ranking) {
		LocalDate today = facts.today();
		AdoptionStage stage = (facts.stage() != null) ? facts.stage() : AdoptionStage.UNAWARE;
		StageRule rule = policy.ruleFor(stage);
		List<Reason> common = new ArrayList<>();
		int stalled = 0;
		if (facts.stage() == null) {
			common.add(Reason.of("stageUnknown"));
		}
		else {
			long days = (facts.stageSince() != null) ? ChronoUnit.DAYS.between(facts.stageSince(), today) : 0;
			common.add(Reason.of("stage", stage, facts.stageSince(), days));
			if (days >= STALLED_DAYS) {
				stalled = 10;
				common.add(Reason.of("stalled", days));
			}
		}
		common.add(Reason.of("policy", stage, rule.approach(), policy.version(), rule.rationale()));
		facts.contacts()
			.stream()
			.findFirst()
			.ifPresent(c -> common.add(Reason.of("lastContact", c.on(), c.channel(), (c.outcome() != null) ? c.outcome() : "")));
		Optional<OpenNeed> oldestNeed = facts.needs().stream().min(Comparator.comparing(OpenNeed::raisedOn));
		Optional<OpenNeed> medicalNeed = facts.needs()
			.stream()
			.filter(OpenNeed::callsForMedical)
			.min(Comparator.comparing(OpenNeed::raisedOn));
		LocalDate lastPush = facts.contacts()
			.stream()
			.filter(c -> c.channel().isPush())
			.map(Contact::on)
			.max(Comparator.naturalOrder())
			.orElse(null);
		Optional<QuietPeriod> quiet = policy.quietPeriodOn(today);

		List<Suggestion> suggestions = new ArrayList<>();
		List<Excluded> excluded = new ArrayList<>();
		List<ActionKind> actions = new ArrayList<>(rule.actions());
		if (medicalNeed.isPresent() && !actions.contains(ActionKind.MEDICAL_HANDOFF)) {
			actions.add(ActionKind.MEDICAL_HANDOFF);
		}
		for (int rank = 0; rank < actions.size(); rank++) {
			ActionKind kind = actions.get(rank);
			boolean listed = rank < rule.actions().size();
			List<Reason> reasons = new ArrayList<>(common);
			int score = listed ? FIRST - PER_RANK * rank : MEDICAL_NEED;
			reasons.add(listed ? Reason.of("rank", rank + 1, kind) : Reason.of("medicalNeedOutsidePolicy"));
			Optional<Dismissal> dismissal = facts.dismissed()
				.stream()
				.filter(d -> d.kind() == kind && !d.on().isBefore(today.minusDays(DISMISSAL_DAYS)))
				.findFirst();
			if (dismissal.isPresent()) {
				excluded.add(new Excluded(kind, Reason.of("dismissed", dismissal.get().on(), dismissal.get().reason())));
				continue;
			}
			if (kind == ActionKind.MEDICAL_HANDOFF) {
				if (medicalNeed.isEmpty()) {
					excluded.add(new Excluded(kind, Reason.of("noMedicalNeed")));
					continue;
				}
				OpenNeed need = medicalNeed.get();
				reasons.add(needReason(need, today));
				score += needPoints(need, today) + stalled;
				suggestions.add(new Suggestion(facts.hcpId(), facts.therapeuticAreaId(), kind, today,
						kind.defaultDepartment(), null, null, need.id(), score, reasons, policy.version()));
				continue;
			}
			if (kind == ActionKind.NO_CONTACT) {
				continue;
			}
			Reason blocked = channelBlock(kind, facts, policy, today, reasons);
			if (blocked != null) {
				excluded.add(new Excluded(kind, blocked));
				continue;
			}
			ConsentChannel channel = kind.consentChannel().orElseThrow();
			Optional<ContentOption> item = facts.content()
				.getOrDefault(channel, List.of())
				.stream()
				.filter(o -> suits(kind, o.kind()))
				.findFirst();
			if (item.isEmpty() && needsContent(kind)) {
				excluded.add(new Excluded(kind, Reason.of("noContent", channel)));
				continue;
			}
			Long needId = null;
			if (item.isPresent()) {
				reasons.add(Reason.of("content", item.get().title(), item.get().score()));
				score += item.get().score() / 5;
				needId = item.get().needId();
			}
			Optional<OpenNeed> need = (needId != null)
					? facts.needs().stream().filter(n -> n.id() == item.get().needId()).findFirst() : oldestNeed;
			if (need.isPresent()) {
				reasons.add(needReason(need.get(), today));
				score += needPoints(need.get(), today);
				needId = need.get().id();
			}
			score += stalled;
			LocalDate due = due(kind, policy, quiet, lastPush, today, reasons);
			suggestions.add(new Suggestion(facts.hcpId(), facts.therapeuticAreaId(), kind, due, kind.defaultDepartment(),
					item.map(ContentOption::versionId).orElse(null), item.map(ContentOption::title).orElse(null), needId,
					score, reasons, policy.version()));
		}
		for (ActionFacts.CampaignAsk ask : facts.campaigns()) {
			if (ask.until().isBefore(today)) {
				continue;
			}
			ActionKind kind = ask.kind();
			List<Reason> reasons = new ArrayList<>(common);
			reasons.add(Reason.of("campaign", ask.name(), ask.until()));
			Optional<Dismissal> dismissal = facts.dismissed()
				.stream()
				.filter(d -> d.kind() == kind && !d.on().isBefore(today.minusDays(DISMISSAL_DAYS)))
				.findFirst();
			Reason blocked = dismissal.isPresent()
					? Reason.of("dismissed", dismissal.get().on(), dismissal.get().reason())
					: channelBlock(kind, facts, policy, today, reasons);
			if (blocked != null) {
				excluded.add(new Excluded(kind, blocked));
				continue;
			}
			reasons.add(Reason.of("campaignItem", ask.title()));
			LocalDate due = due(kind, policy, quiet, lastPush, today, reasons);
			// One call of a kind at a time: the campaign's item takes the place of the policy's for that call.
			suggestions.removeIf(s -> s.kind() == kind && s.campaignId() == null);
			suggestions.add(new Suggestion(facts.hcpId(), facts.therapeuticAreaId(), kind, due, kind.defaultDepartment(),
					ask.versionId(), ask.title(), oldestNeed.map(OpenNeed::id).orElse(null), FIRST + CAMPAIGN + stalled,
					reasons, policy.version(), ask.campaignId()));
		}
		List<Suggestion> ranked = new ArrayList<>(suggestions);
		ranked.sort(Comparator.comparingInt(Suggestion::score).reversed());
		ranked = new ArrayList<>(ranking.rank(ranked, facts));
		if (ranked.size() > MAX_SUGGESTIONS) {
			ranked = new ArrayList<>(ranked.subList(0, MAX_SUGGESTIONS));
		}
		if (quiet.isPresent() || ranked.isEmpty()) {
			List<Reason> reasons = new ArrayList<>(common);
			if (quiet.isPresent()) {
				reasons.add(Reason.of("quiet", quiet.get().label(), quiet.get().from(), quiet.get().to()));
			}
			else {
				reasons.add(Reason.of("nothingAllowed"));
				excluded.forEach(e -> reasons.add(e.reason()));
			}
			ranked.add(0, new Suggestion(facts.hcpId(), facts.therapeuticAreaId(), ActionKind.NO_CONTACT, today,
					ActionKind.NO_CONTACT.defaultDepartment(), null, null, null, 0, reasons, policy.version()));
		}
		return new Outcome(ranked, excluded);
	}

	/**
	 * Why a contact of this kind cannot be suggested on its channel, or null when it can (adding the consent relied on
	 * and the contacts in the cap window to {@code reasons}): a call of the channel is already planned, no consent
	 * for the department's purpose, or the fatigue cap for promotion is reached.
	 */
	private static Reason channelBlock(ActionKind kind, ActionFacts facts, StagePolicy policy, LocalDate today,
			List<Reason> reasons) {
		Optional<ActionFacts.Planned> planned = facts.planned()
			.stream()
			.filter(p -> p.channel().consentChannel().equals(kind.consentChannel()))
			.findFirst();
		if (planned.isPresent()) {
			return Reason.of("planned", planned.get().day());
		}
		ConsentChannel channel = kind.consentChannel().orElseThrow();
		ConsentPurpose purpose = kind.defaultPurpose();
		ConsentFact consent = facts.consentFor(channel, purpose);
		if (!consent.allowed()) {
			return Reason.of("noConsent", channel, purpose);
		}
		reasons.add(Reason.of("consent", channel, purpose, (consent.since() != null) ? consent.since() : ""));
		Optional<FatigueCap> cap = policy.capFor(channel);
		if (cap.isPresent()) {
			LocalDate from = cap.get().windowStart(today);
			long recent = facts.contacts()
				.stream()
				.filter(c -> c.promotionalPush() && c.channel().consentChannel().equals(Optional.of(channel))
						&& !c.on().isBefore(from))
				.count();
			if (purpose == ConsentPurpose.PROMOTIONAL && cap.get().reached(recent)) {
				return Reason.of("fatigue", channel, recent, cap.get().max(), cap.get().days());
			}
			reasons.add(Reason.of("contactsInWindow", channel, recent, cap.get().max(), cap.get().days()));
		}
		return null;
	}

	/** The day a contact is due: after a quiet period, and a push no sooner than the policy's gap after the last. */
	private static LocalDate due(ActionKind kind, StagePolicy policy, Optional<QuietPeriod> quiet, LocalDate lastPush,
			LocalDate today, List<Reason> reasons) {
		LocalDate due = today;
		if (quiet.isPresent()) {
			due = quiet.get().to().plusDays(1);
			reasons.add(Reason.of("quiet", quiet.get().label(), quiet.get().from(), quiet.get().to()));
		}
		if (kind.isPush() && lastPush != null && policy.nextPushOn(lastPush).isAfter(due)) {
			due = policy.nextPushOn(lastPush);
			reasons.add(Reason.of("minGap", lastPush, policy.minDaysBetweenPush()));
		}
		return due;
	}

	/** Whether an item of this kind suits the action: a webinar for an invitation, never an e-mail template. */
	static boolean suits(ActionKind action, ContentKind content) {
		if (content == ContentKind.EMAIL_TEMPLATE) {
			return false;
		}
		return switch (action) {
			case WEBINAR_INVITATION -> content == ContentKind.WEBINAR;
			case WEB_CONTENT -> content != ContentKind.DETAILING_SLIDES;
			default -> true;
		};
	}

	/** Actions that are nothing without an item: an e-mail, a link, an invitation. A visit can go without. */
	static boolean needsContent(ActionKind kind) {
		return kind == ActionKind.APPROVED_EMAIL || kind == ActionKind.WEB_CONTENT
				|| kind == ActionKind.WEBINAR_INVITATION;
	}

	static int needPoints(OpenNeed need, LocalDate today) {
		long weeks = ChronoUnit.DAYS.between(need.raisedOn(), today) / 7;
		return (int) Math.min(weeks, 20) + ((need.urgency() == Urgency.HIGH) ? 10 : 0);
	}

	private static Reason needReason(OpenNeed need, LocalDate today) {
		return Reason.of("need", need.topic(), need.category(), need.raisedOn(),
				ChronoUnit.DAYS.between(need.raisedOn(), today));
	}

}
