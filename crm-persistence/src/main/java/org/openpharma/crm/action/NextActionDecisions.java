package org.openpharma.crm.action;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.need.InformationNeed;
import org.openpharma.crm.need.NeedManagement;
import org.openpharma.crm.need.NeedStatus;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StorableText;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.UserManagement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do with a suggestion: accept it (it becomes the work it names) or dismiss it with a reason. Either is
 * kept with the suggestion as it was shown (next_action_decision, append-only) for the "what worked" check, audited,
 * and the HCP's suggestions are recomputed in the same transaction, so that the list the user returns to is current.
 * <p>
 * A suggestion is acted on only while the rules still make it (same HCP, area, kind and item): one that consent,
 * content or a colleague's action removed meanwhile is refused with a message, which is the optimistic lock here.
 * Only its department acts on it: the territory's MR (SALES) on visits and e-mails, marketing on invitations and
 * links, medical affairs on hand-offs.
 */
@Service
@Transactional
public class NextActionDecisions {

	/** The longest reason kept with a dismissal. */
	public static final int REASON_MAX = 500;

	/** What an accepted suggestion became. */
	public enum ResultType {

		/** A planned call in the owner's plan (visits and remote detailing). */
		PLANNED_CALL,
		/** An approved e-mail to compose with the item (e-mails, invitations, web links). */
		EMAIL,
		/** The need routed to medical affairs. */
		MEDICAL_HANDOFF,
		/** Nothing to do: "no contact for now" acknowledged. */
		NONE

	}

	/** The decision and, for an accepted one, what it became ({@code resultId}: the planned call, the need). */
	public record Accepted(long decisionId, Suggestion suggestion, ResultType resultType, Long resultId) {
	}

	private final NextActions actions;

	private final NeedManagement needs;

	private final org.springframework.beans.factory.ObjectProvider<CallPlanning> planning;

	private final UserManagement users;

	private final AuditTrail audit;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	NextActionDecisions(NextActions actions, NeedManagement needs,
			org.springframework.beans.factory.ObjectProvider<CallPlanning> planning, UserManagement users,
			AuditTrail audit, JdbcTemplate jdbc, Clock clock) {
		this.actions = actions;
		this.needs = needs;
		this.planning = planning;
		this.users = users;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Accepts the HCP's current suggestion with this key. */
	public Accepted accept(long hcpId, String key, String actor) {
		Suggestion suggestion = current(hcpId, key, actor);
		ResultType type;
		Long resultId = null;
		switch (suggestion.kind()) {
			case VISIT, REMOTE_DETAIL -> {
				type = ResultType.PLANNED_CALL;
				CallPlanning plans = this.planning.getIfAvailable();
				if (plans == null) {
					throw ValidationException.of(null, "action.planUnavailable");
				}
				resultId = plans.plan(suggestion, actor);
			}
			case APPROVED_EMAIL, WEBINAR_INVITATION, WEB_CONTENT -> type = ResultType.EMAIL;
			case MEDICAL_HANDOFF -> {
				type = ResultType.MEDICAL_HANDOFF;
				resultId = handOff(suggestion, actor);
			}
			default -> type = ResultType.NONE;
		}
		long id = record(suggestion, "ACCEPTED", null, type, resultId, actor);
		this.actions.refresh(hcpId);
		return new Accepted(id, suggestion, type, resultId);
	}

	/** Dismisses the HCP's current suggestion with this key; the reason is required. */
	public long dismiss(long hcpId, String key, String reason, String actor) {
		String text = (reason != null) ? reason.strip() : "";
		if (text.isEmpty()) {
			throw ValidationException.of("reason", "action.dismiss.reason.required");
		}
		if (text.length() > REASON_MAX || !StorableText.isStorable(text)) {
			throw ValidationException.of("reason", "validation.tooLong", REASON_MAX);
		}
		Suggestion suggestion = current(hcpId, key, actor);
		long id = record(suggestion, "DISMISSED", text, null, null, actor);
		this.actions.refresh(hcpId);
		return id;
	}

	private Suggestion current(long hcpId, String key, String actor) {
		Suggestion suggestion = this.actions.current(hcpId, key)
			.orElseThrow(() -> ValidationException.of(null, "action.gone"));
		String department = this.users.departmentOf(actor).orElse("");
		if (!department.equals(suggestion.department())) {
			throw new ValidationException(java.util.List.of(
					new FieldViolation(null, "action.notYours", suggestion.department())));
		}
		return suggestion;
	}

	/** Routes the need to medical affairs unless it is there already; returns the need's id. */
	private Long handOff(Suggestion suggestion, String actor) {
		if (suggestion.needId() == null) {
			return null;
		}
		InformationNeed need = this.needs.get(suggestion.needId());
		if (need.getRoutedTo() != RoutedTo.MEDICAL
				&& (need.getStatus() == NeedStatus.OPEN || need.getStatus() == NeedStatus.TRIAGED)) {
			this.needs.triage(need.getId(), need.getVersion(), RoutedTo.MEDICAL, "次の一手の提案によりメディカルへ連携", actor);
		}
		return need.getId();
	}

	private long record(Suggestion s, String decision, String reason, ResultType type, Long resultId, String actor) {
		Instant now = this.clock.instant();
		Long id = this.jdbc.queryForObject("INSERT INTO next_action_decision (hcp_id, therapeutic_area_id, kind, due_on,"
				+ " department, content_version_id, need_id, score, reasons, policy_version, decision, reason, result_type,"
				+ " result_id, decided_by, decided_at, campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)"
				+ " RETURNING id", Long.class, s.hcpId(), s.therapeuticAreaId(), s.kind().name(), Date.valueOf(s.dueOn()),
				s.department(), s.contentVersionId(), s.needId(), s.score(), this.actions.toJson(s.reasons()),
				s.policyVersion(), decision, reason, (type != null) ? type.name() : null, resultId, actor,
				Timestamp.from(now), s.campaignId());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("hcpId", s.hcpId());
		after.put("therapeuticAreaId", s.therapeuticAreaId());
		after.put("kind", s.kind().name());
		after.put("decision", decision);
		after.put("reason", reason);
		after.put("result", (type != null) ? type.name() + ":" + resultId : null);
		this.audit.record(actor, decision.equals("ACCEPTED") ? "ACCEPT" : "DISMISS", "NEXT_ACTION", id, null, after);
		return id;
	}

}
