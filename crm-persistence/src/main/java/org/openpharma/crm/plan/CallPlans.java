package org.openpharma.crm.plan;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.ContentPicker;
import org.openpharma.crm.delivery.ContentShown;
import org.openpharma.crm.delivery.SendRules;
import org.openpharma.crm.hcp.HcpMerged;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.privacy.HcpErased;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.content.ContentViewers;
import org.openpharma.crm.user.AppUser;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.openpharma.crm.user.WorkScope;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The MR's call plan: plan a call (consent checked, as the company initiates it), move it to another day, cancel
 * it, log it as the interaction it becomes, the week of one owner and the plan-versus-done of a manager's reps.
 * Only the owner, or their manager, changes a plan.
 */
@Service
@Transactional
public class CallPlans {

	/** One planned call as the week view shows it. */
	public record Card(long id, long hcpId, String hcpName, LocalDate day, org.openpharma.crm.interaction.Channel channel,
			Long therapeuticAreaId, String areaJa, String areaEn, Long contentVersionId, String contentTitle,
			PlanState state, Long interactionId, String note, long version) {

		public String areaName(java.util.Locale locale) {
			return (locale != null && "en".equals(locale.getLanguage())) ? this.areaEn : this.areaJa;
		}

	}

	/** One day of the week view. */
	public record Day(LocalDate date, boolean today, List<Card> cards) {
	}

	/** An owner's week, Monday to Sunday. */
	public record Week(String owner, LocalDate monday, LocalDate today, List<Day> days) {

		public LocalDate previous() {
			return this.monday.minusWeeks(1);
		}

		public LocalDate next() {
			return this.monday.plusWeeks(1);
		}

		public LocalDate sunday() {
			return this.monday.plusDays(6);
		}

	}

	/**
	 * One rep's week for their manager, in counts: plans (not cancelled), done, missed, cancelled; and for the HCPs
	 * of the rep's territories, needs raised and fulfilled, stage moves and treated patients reported.
	 */
	public record RepWeek(String username, String displayName, long planned, long done, long missed, long cancelled,
			long needsRaised, long needsFulfilled, long stageMoves, long patientsReported) {
	}

	private final PlannedCallRepository calls;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final UserManagement users;

	private final ConsentLedger consents;

	private final ContentPicker picker;

	private final ContentShown shown;

	private final ContentViewers viewers;

	private final AuditTrail audit;

	CallPlans(PlannedCallRepository calls, JdbcTemplate jdbc, Clock clock, UserManagement users, ConsentLedger consents,
			ContentPicker picker, ContentShown shown, ContentViewers viewers, AuditTrail audit) {
		this.calls = calls;
		this.jdbc = jdbc;
		this.clock = clock;
		this.users = users;
		this.consents = consents;
		this.picker = picker;
		this.shown = shown;
		this.viewers = viewers;
		this.audit = audit;
	}

	/** Today in Japan, the day plans are made for. */
	@Transactional(readOnly = true)
	public LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
	}

	/** The Monday of the week holding {@code day}. */
	public static LocalDate mondayOf(LocalDate day) {
		return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	/**
	 * Plans a call and returns its id. Throws a field-level {@link ValidationException}: a past day, an unknown HCP,
	 * a pull channel, content that is not approved or has expired, no consent for the channel and the purpose that
	 * follows from the actor's department (on {@code channel}). The owner is the actor unless a manager plans for
	 * one of their reps.
	 */
	public long plan(PlanDraft draft, String actor) {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, Japan.ZONE);
		String owner = (draft.owner() == null || draft.owner().isBlank()) ? actor : draft.owner();
		String department = this.users.departmentOf(actor)
			.orElseThrow(() -> ValidationException.of(null, "plan.user.unknown"));
		if (!owner.equals(actor) && !managesOwner(actor, owner)) {
			throw ValidationException.of("owner", "plan.owner.notYours");
		}
		List<FieldViolation> violations = new ArrayList<>(PlanRules.violations(draft, today));
		if (!hcpPlannable(draft.hcpId())) {
			violations.add(new FieldViolation("hcpId", "plan.hcp.unknown"));
		}
		if (draft.therapeuticAreaId() != null && !exists("therapeutic_area", draft.therapeuticAreaId())) {
			violations.add(new FieldViolation("therapeuticAreaId", "plan.area.unknown"));
		}
		if (draft.contentVersionId() != null && !contentUsable(draft.contentVersionId(), draft.day(), actor)) {
			violations.add(new FieldViolation("contentVersionId", "plan.content.unusable"));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		// A plan is company-initiated: refused without consent, for the purpose that follows from who plans it.
		this.consents.checkContact(draft.hcpId(), draft.channel().consentChannel(), ConsentPurpose.ofSender(department),
				"channel");
		PlannedCall call = this.calls.saveAndFlush(PlannedCall.plan(draft, owner, actor, today, now));
		this.audit.record(actor, "PLAN", "PLANNED_CALL", call.getId(), null, call.snapshot());
		return call.getId();
	}

	/** To another day (today or later), by the owner or their manager. */
	public PlannedCall move(long id, long expectedVersion, LocalDate day, String actor) {
		PlannedCall call = changeable(id, expectedVersion, actor);
		Map<String, Object> before = call.snapshot();
		Instant now = this.clock.instant();
		call.moveTo(day, actor, LocalDate.ofInstant(now, Japan.ZONE), now);
		call = this.calls.saveAndFlush(call);
		this.audit.record(actor, "MOVE", "PLANNED_CALL", id, before, call.snapshot());
		return call;
	}

	/** Calls the plan off with a reason, by the owner or their manager. */
	public PlannedCall cancel(long id, long expectedVersion, String reason, String actor) {
		PlannedCall call = changeable(id, expectedVersion, actor);
		Map<String, Object> before = call.snapshot();
		call.cancel(reason, actor, this.clock.instant());
		call = this.calls.saveAndFlush(call);
		this.audit.record(actor, "CANCEL", "PLANNED_CALL", id, before, call.snapshot());
		return call;
	}

	@Transactional(readOnly = true)
	public PlannedCall get(long id) {
		return this.calls.findById(id).orElseThrow(() -> new NotFoundException("planned call", id));
	}

	/**
	 * The plan a user is about to log: theirs and still planned (missed ones included); otherwise a refusal, so a
	 * forged plan id in the visit form gets nowhere.
	 */
	@Transactional(readOnly = true)
	public PlannedCall toLog(long id, String actor) {
		PlannedCall call = this.calls.findById(id).orElseThrow(() -> DomainException.global("plan.log.notYours"));
		if (!call.getOwner().equals(actor)) {
			throw DomainException.global("plan.log.notYours");
		}
		if (call.getStatus() != PlanStatus.PLANNED) {
			throw DomainException.global("plan.notPlanned." + call.getStatus().name());
		}
		return call;
	}

	/**
	 * Logs the planned call as an interaction (with the items shown in it) and marks the plan done, linked to it,
	 * in one transaction: if the contact is refused nothing changes, and a plan is never done twice. Consent is
	 * assessed again by the interaction (a contact that happened is flagged, not refused). The HCP is the plan's.
	 */
	public Interaction log(long planId, InteractionCapture capture, List<Long> contentVersionIds, ContentViewer user) {
		String actor = user.username();
		PlannedCall call = toLog(planId, actor);
		if (capture.hcpId() == null || capture.hcpId() != call.getHcpId()) {
			throw ValidationException.of("hcpId", "plan.log.sameHcp");
		}
		Map<String, Object> before = call.snapshot();
		Interaction interaction = this.shown.log(capture, (contentVersionIds != null) ? contentVersionIds : List.of(),
				user);
		call.markDone(interaction.getId(), actor, this.clock.instant());
		call = this.calls.saveAndFlush(call);
		this.audit.record(actor, "DONE", "PLANNED_CALL", planId, before, call.snapshot());
		return interaction;
	}

	/** The owner's week from {@code monday} (any day is taken back to its Monday); cancelled plans are left out. */
	@Transactional(readOnly = true)
	public Week week(String owner, LocalDate monday) {
		LocalDate start = mondayOf(monday);
		LocalDate today = today();
		List<Card> cards = this.jdbc.query("SELECT p.id, p.hcp_id, h.name_kanji, p.planned_day, p.channel,"
				+ " p.therapeutic_area_id, a.name_ja, a.name_en, p.content_version_id, cv.title, p.status,"
				+ " p.interaction_id, p.note, p.version FROM planned_call p JOIN hcp h ON h.id = p.hcp_id"
				+ " LEFT JOIN therapeutic_area a ON a.id = p.therapeutic_area_id"
				+ " LEFT JOIN content_version cv ON cv.id = p.content_version_id"
				+ " WHERE p.owner = ? AND p.planned_day >= ? AND p.planned_day < ? AND p.status <> 'CANCELLED'"
				+ " ORDER BY p.planned_day, h.kana_key, p.id", (rs, i) -> {
					LocalDate day = rs.getDate(4).toLocalDate();
					return new Card(rs.getLong(1), rs.getLong(2), rs.getString(3), day,
							org.openpharma.crm.interaction.Channel.valueOf(rs.getString(5)),
							(Long) rs.getObject(6), rs.getString(7), rs.getString(8), (Long) rs.getObject(9),
							rs.getString(10), PlanState.of(PlanStatus.valueOf(rs.getString(11)), day, today),
							(Long) rs.getObject(12), rs.getString(13), rs.getLong(14));
				}, owner, Date.valueOf(start), Date.valueOf(start.plusDays(7)));
		List<Day> days = new ArrayList<>();
		for (int d = 0; d < 7; d++) {
			LocalDate date = start.plusDays(d);
			days.add(new Day(date, date.equals(today), cards.stream().filter(c -> c.day().equals(date)).toList()));
		}
		return new Week(owner, start, today, days);
	}

	/** The owner's plans still to do for an HCP (the HCP page could show them), soonest first. */
	@Transactional(readOnly = true)
	public List<Long> plannedFor(long hcpId, String owner) {
		return this.jdbc.queryForList("SELECT id FROM planned_call WHERE hcp_id = ? AND owner = ? AND status = 'PLANNED'"
				+ " ORDER BY planned_day, id", Long.class, hcpId, owner);
	}

	/**
	 * The manager's coaching view for the week from {@code monday}: each of their reps (MRs with a territory in the
	 * manager's WorkScope; every MR for a national manager), planned against done and missed, and what moved among
	 * the HCPs of the rep's territories. Counts only.
	 */
	@Transactional(readOnly = true)
	public List<RepWeek> team(String manager, LocalDate monday) {
		LocalDate start = mondayOf(monday);
		LocalDate end = start.plusDays(7);
		LocalDate today = today();
		Timestamp from = Timestamp.from(start.atStartOfDay(Japan.ZONE).toInstant());
		Timestamp to = Timestamp.from(end.atStartOfDay(Japan.ZONE).toInstant());
		List<RepWeek> rows = new ArrayList<>();
		for (Map.Entry<String, String> rep : repsOf(manager).entrySet()) {
			String username = rep.getKey();
			rows.add(this.jdbc.queryForObject("WITH mine AS (SELECT h.id FROM hcp h JOIN hco o ON o.id = h.primary_hco_id"
					+ "   WHERE o.prefecture_code IN (SELECT tp.prefecture_code FROM app_user u"
					+ "   JOIN app_user_territory ut ON ut.user_id = u.id"
					+ "   JOIN territory_prefecture tp ON tp.territory_id = ut.territory_id WHERE u.username = ?)),"
					+ " plans AS (SELECT status, planned_day FROM planned_call WHERE owner = ? AND planned_day >= ?"
					+ "   AND planned_day < ?)"
					+ " SELECT (SELECT count(*) FROM plans WHERE status <> 'CANCELLED'),"
					+ " (SELECT count(*) FROM plans WHERE status = 'DONE'),"
					+ " (SELECT count(*) FROM plans WHERE status = 'PLANNED' AND planned_day < ?),"
					+ " (SELECT count(*) FROM plans WHERE status = 'CANCELLED'),"
					+ " (SELECT count(*) FROM information_need n WHERE n.hcp_id IN (SELECT id FROM mine)"
					+ "   AND n.created_at >= ? AND n.created_at < ?),"
					+ " (SELECT count(*) FROM information_need n WHERE n.hcp_id IN (SELECT id FROM mine)"
					+ "   AND n.status IN ('FULFILLED', 'CONFIRMED_BY_HCP') AND n.updated_at >= ? AND n.updated_at < ?),"
					+ " (SELECT count(*) FROM stage_change s WHERE s.hcp_id IN (SELECT id FROM mine)"
					+ "   AND s.changed_at >= ? AND s.changed_at < ?),"
					+ " (SELECT coalesce(sum(c.treated_patients), 0) FROM patient_count c"
					+ "   WHERE c.hcp_id IN (SELECT id FROM mine) AND c.reported_at >= ? AND c.reported_at < ?)",
					(rs, i) -> new RepWeek(username, rep.getValue(), rs.getLong(1), rs.getLong(2), rs.getLong(3),
							rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)),
					username, username, Date.valueOf(start), Date.valueOf(end), Date.valueOf(today), from, to, from, to,
					from, to, from, to));
		}
		return rows;
	}

	/**
	 * The reps of a manager, username to display name: enabled MRs holding a territory with a prefecture in the
	 * manager's WorkScope (every MR for a head-office manager). Empty for a user who is not a manager.
	 */
	@Transactional(readOnly = true)
	public Map<String, String> repsOf(String manager) {
		Optional<AppUser> user = this.users.findByUsername(manager);
		if (user.isEmpty() || !user.get().getRoles().contains(Role.MANAGER)) {
			return Map.of();
		}
		WorkScope scope = this.users.scopeOf(manager);
		Map<String, String> reps = new LinkedHashMap<>();
		this.jdbc.query("SELECT u.username, u.display_name FROM app_user u"
				+ " WHERE u.enabled AND u.username <> ? AND EXISTS (SELECT 1 FROM app_user_role r WHERE r.user_id = u.id"
				+ " AND r.role = 'MR') AND (? OR EXISTS (SELECT 1 FROM app_user_territory ut"
				+ " JOIN territory_prefecture tp ON tp.territory_id = ut.territory_id"
				+ " WHERE ut.user_id = u.id AND tp.prefecture_code = ANY (?)))"
				+ " ORDER BY u.display_name, u.username", rs -> {
					reps.put(rs.getString(1), rs.getString(2));
				}, manager, scope.national(), (Object) scope.prefectures().toArray(Integer[]::new));
		return reps;
	}

	/** Whether the user may change the plan: its owner, or the owner's manager. */
	@Transactional(readOnly = true)
	public boolean mayChange(PlannedCall call, String user) {
		return call.getOwner().equals(user) || managesOwner(user, call.getOwner());
	}

	private boolean managesOwner(String user, String owner) {
		return repsOf(user).containsKey(owner);
	}

	private PlannedCall changeable(long id, long expectedVersion, String actor) {
		PlannedCall call = get(id);
		if (!mayChange(call, actor)) {
			throw DomainException.global("plan.notYours");
		}
		if (call.getVersion() != expectedVersion) {
			throw new StaleVersionException("planned call", id, expectedVersion, call.getVersion());
		}
		return call;
	}

	private boolean hcpPlannable(long hcpId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM hcp WHERE id = ?"
				+ " AND status = 'ACTIVE' AND erased_at IS NULL)", Boolean.class, hcpId));
	}

	private boolean exists(String table, long id) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = ?)",
				Boolean.class, id));
	}

	/**
	 * Approved, still valid on the planned day, and an item the planner may give (the firewall: medical items only
	 * by medical affairs).
	 */
	private boolean contentUsable(long versionId, LocalDate day, String actor) {
		Set<Role> roles = this.users.findByUsername(actor).map(AppUser::getRoles).orElse(Set.of());
		ContentViewer viewer = this.viewers.of(actor, roles);
		return this.picker.usableVersion(versionId)
			.filter(c -> day == null || !c.expiresOn().isBefore(day))
			.filter(c -> SendRules.maySend(viewer, c, false))
			.isPresent();
	}

	/** A merge: the duplicate's plans become the survivor's. Inside the merge's transaction. */
	@EventListener
	@Order(HcpMerged.MOVE_RECORDS)
	void moveForMerge(HcpMerged merged) {
		int moved = this.jdbc.update("UPDATE planned_call SET hcp_id = ? WHERE hcp_id = ?", merged.survivorId(),
				merged.duplicateId());
		if (moved > 0) {
			this.audit.record(merged.actor(), "MERGE_MOVE", "HCP", merged.survivorId(), null,
					Map.of("module", "plan", "fromHcpId", merged.duplicateId(), "planned_call", moved));
		}
	}

	/** An erasure: the HCP's open plans are called off and every plan's free-text note is cleared. */
	@EventListener
	@Order(HcpErased.ERASE_RECORDS)
	void eraseFor(HcpErased erased) {
		this.jdbc.update("UPDATE planned_call SET status = 'CANCELLED', cancel_reason = 'HCP erased', updated_by = ?,"
				+ " updated_at = ?, version = version + 1 WHERE hcp_id = ? AND status = 'PLANNED'", erased.actor(),
				Timestamp.from(this.clock.instant()), erased.hcpId());
		this.jdbc.update("UPDATE planned_call SET note = NULL WHERE hcp_id = ? AND note IS NOT NULL", erased.hcpId());
	}

}
