package org.openpharma.crm.action;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.stage.AdoptionStage;

import static org.openpharma.crm.action.ActionKind.APPROVED_EMAIL;
import static org.openpharma.crm.action.ActionKind.MEDICAL_HANDOFF;
import static org.openpharma.crm.action.ActionKind.REMOTE_DETAIL;
import static org.openpharma.crm.action.ActionKind.VISIT;
import static org.openpharma.crm.action.ActionKind.WEBINAR_INVITATION;
import static org.openpharma.crm.action.ActionKind.WEB_CONTENT;

/**
 * How the company reaches the HCPs of one therapeutic area, as marketing decides it (docs/adr/0031): per adoption
 * stage push or pull and the actions preferred, fatigue caps per channel, quiet periods and a minimum gap between two
 * push contacts. The next-best-action engine reads it; consent always overrides it. Immutable; every save is a new
 * version (1, 2, …); version 0 is {@link #defaults}, never saved.
 *
 * @param minDaysBetweenPush the fewest days between two company-initiated (push) contacts with one HCP; 0 for no gap
 */
public record StagePolicy(long therapeuticAreaId, long version, Map<AdoptionStage, StageRule> rules,
		Map<ConsentChannel, FatigueCap> caps, List<QuietPeriod> quietPeriods, int minDaysBetweenPush) {

	public static final int MAX_QUIET_PERIODS = 24;

	public static final int MAX_DAYS_BETWEEN_PUSH = 90;

	public StagePolicy {
		rules = Collections.unmodifiableMap(enumMap(AdoptionStage.class, rules));
		caps = Collections.unmodifiableMap(enumMap(ConsentChannel.class, caps));
		quietPeriods = (quietPeriods == null) ? List.of() : quietPeriods.stream().filter(Objects::nonNull).toList();
	}

	/**
	 * The policy before marketing saved one, after the field's rule of thumb: while an HCP is unaware or only aware,
	 * pull (web content, webinar invitations); interested or trying, push (the MR's visit with detailing content,
	 * medical affairs for scientific questions); an adopter or advocate, pull again, with medical content and
	 * patient-support information. Caps of a few promotional contacts per channel in 30 days, a week between push
	 * contacts, no quiet periods (their dates are the year's).
	 */
	public static StagePolicy defaults(long therapeuticAreaId) {
		Map<AdoptionStage, StageRule> rules = new EnumMap<>(AdoptionStage.class);
		rules.put(AdoptionStage.UNAWARE, new StageRule(Approach.PULL, List.of(WEB_CONTENT, WEBINAR_INVITATION),
				"疾患・治療選択肢の認知がまだ低い段階のため、訪問よりもWebコンテンツやWeb講演会で情報に触れていただく機会をつくります。"));
		rules.put(AdoptionStage.AWARE, new StageRule(Approach.PULL, List.of(WEBINAR_INVITATION, WEB_CONTENT),
				"製品を認知いただいた段階のため、Web講演会へのご招待とWebコンテンツで関心を深めていただきます。"));
		rules.put(AdoptionStage.INTERESTED, new StageRule(Approach.PUSH, List.of(VISIT, MEDICAL_HANDOFF, REMOTE_DETAIL),
				"関心をお持ちの段階のため、MRが訪問してディテーリング資材でご説明し、学術的なご質問はメディカルにおつなぎします。"));
		rules.put(AdoptionStage.TRIAL, new StageRule(Approach.PUSH, List.of(VISIT, MEDICAL_HANDOFF, APPROVED_EMAIL),
				"試用中の段階のため、MRの訪問で使用経験を伺い、用法や安全性の学術的なご質問はメディカルにおつなぎします。"));
		rules.put(AdoptionStage.ADOPTER, new StageRule(Approach.PULL, List.of(WEB_CONTENT, MEDICAL_HANDOFF, WEBINAR_INVITATION),
				"処方いただいている段階のため、訪問頻度を抑え、医学情報や患者サポート情報をWebでご覧いただけるようにします。"));
		rules.put(AdoptionStage.ADVOCATE, new StageRule(Approach.PULL, List.of(WEB_CONTENT, WEBINAR_INVITATION, MEDICAL_HANDOFF),
				"推奨いただいている段階のため、最新の医学情報と患者サポート情報を提供し、講演会などでの情報交換を大切にします。"));
		Map<ConsentChannel, FatigueCap> caps = new EnumMap<>(ConsentChannel.class);
		caps.put(ConsentChannel.VISIT, new FatigueCap(4, 30));
		caps.put(ConsentChannel.REMOTE, new FatigueCap(2, 30));
		caps.put(ConsentChannel.PHONE, new FatigueCap(2, 30));
		caps.put(ConsentChannel.EMAIL, new FatigueCap(4, 30));
		caps.put(ConsentChannel.WEB, new FatigueCap(6, 30));
		return new StagePolicy(therapeuticAreaId, 0, rules, caps, List.of(), 7);
	}

	/** Whether this is the built-in policy of an area nobody saved one for. */
	public boolean isDefaults() {
		return this.version == 0;
	}

	/** The rule for a stage; every valid policy has one for each. */
	public StageRule ruleFor(AdoptionStage stage) {
		StageRule rule = this.rules.get(stage);
		if (rule == null) {
			throw new IllegalStateException("Stage policy of area " + this.therapeuticAreaId + " has no rule for " + stage);
		}
		return rule;
	}

	/** The fatigue cap of a channel; empty when contacts on it are not capped. */
	public Optional<FatigueCap> capFor(ConsentChannel channel) {
		return Optional.ofNullable(this.caps.get(channel));
	}

	/** Whether no company-initiated contact is suggested on that day. */
	public boolean inQuietPeriod(LocalDate day) {
		return quietPeriodOn(day).isPresent();
	}

	/** The quiet period a day falls in (the first by start day, should two ever overlap). */
	public Optional<QuietPeriod> quietPeriodOn(LocalDate day) {
		return this.quietPeriods.stream()
			.filter(p -> p.contains(day))
			.min((a, b) -> a.from().compareTo(b.from()));
	}

	/** The first day a push contact may follow one on {@code lastPush}. */
	public LocalDate nextPushOn(LocalDate lastPush) {
		return lastPush.plusDays(this.minDaysBetweenPush);
	}

	/** The same policy as version {@code version} (what a save stores). */
	public StagePolicy withVersion(long version) {
		return new StagePolicy(this.therapeuticAreaId, version, this.rules, this.caps, this.quietPeriods,
				this.minDaysBetweenPush);
	}

	/**
	 * What is wrong with it, field by field, as the edit form names its fields: {@code rules[INTERESTED].actions},
	 * {@code caps[EMAIL].max}, {@code quietPeriods[0].to}, {@code minDaysBetweenPush}. Empty when it can be saved.
	 */
	public List<FieldViolation> violations() {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.therapeuticAreaId <= 0) {
			violations.add(new FieldViolation("therapeuticAreaId", "policy.area.required"));
		}
		for (AdoptionStage stage : AdoptionStage.values()) {
			String path = "rules[" + stage.name() + "]";
			StageRule rule = this.rules.get(stage);
			if (rule == null) {
				violations.add(new FieldViolation(path, "policy.rule.missing"));
			}
			else {
				violations.addAll(rule.violations(path));
			}
		}
		this.caps.forEach((channel, cap) -> violations.addAll(cap.violations("caps[" + channel.name() + "]")));
		if (this.quietPeriods.size() > MAX_QUIET_PERIODS) {
			violations.add(new FieldViolation("quietPeriods", "policy.quiet.tooMany", MAX_QUIET_PERIODS));
		}
		for (int i = 0; i < this.quietPeriods.size(); i++) {
			QuietPeriod period = this.quietPeriods.get(i);
			List<FieldViolation> own = period.violations("quietPeriods[" + i + "]");
			violations.addAll(own);
			if (own.isEmpty()) {
				for (int j = 0; j < i; j++) {
					if (period.overlaps(this.quietPeriods.get(j))) {
						violations.add(new FieldViolation("quietPeriods[" + i + "].from", "policy.quiet.overlaps",
								this.quietPeriods.get(j).label()));
						break;
					}
				}
			}
		}
		if (this.minDaysBetweenPush < 0 || this.minDaysBetweenPush > MAX_DAYS_BETWEEN_PUSH) {
			violations.add(new FieldViolation("minDaysBetweenPush", "policy.minDays.range", 0, MAX_DAYS_BETWEEN_PUSH));
		}
		return violations;
	}

	private static <K extends Enum<K>, V> EnumMap<K, V> enumMap(Class<K> type, Map<K, V> values) {
		EnumMap<K, V> copy = new EnumMap<>(type);
		if (values != null) {
			values.forEach((key, value) -> {
				if (key != null && value != null) {
					copy.put(key, value);
				}
			});
		}
		return copy;
	}

}
