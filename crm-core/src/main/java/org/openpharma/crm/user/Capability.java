package org.openpharma.crm.user;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import static org.openpharma.crm.user.Role.ADMIN;
import static org.openpharma.crm.user.Role.CALL_CENTER;
import static org.openpharma.crm.user.Role.MANAGER;
import static org.openpharma.crm.user.Role.MARKETING;
import static org.openpharma.crm.user.Role.MEDICAL;
import static org.openpharma.crm.user.Role.MR;
import static org.openpharma.crm.user.Role.PRIVACY_OFFICER;
import static org.openpharma.crm.user.Role.REVIEWER;

/**
 * What a user may do, and which roles may do it: the one authorisation policy (docs/adr/0024). The URL rules,
 * {@code @Allowed} on controllers, the templates and the queries that filter by role all read it; adding a role
 * or moving a right is an edit here and in the table "Who may do what" of docs/operations.md, which a test
 * compares with this enum. Where a user may act (their territories) is {@link WorkScope}'s business, not this.
 * Reading HCPs, institutions, timelines and consent needs no capability: every signed-in user reads them.
 */
public enum Capability {

	/** Create and edit HCP master data. */
	EDIT_HCPS(MR, MEDICAL, CALL_CENTER, ADMIN),

	/** Merge a duplicate HCP into another. */
	MERGE_HCPS(ADMIN),

	/** Users, API tokens, imports, settings and the operational endpoints (metrics). */
	ADMINISTER(ADMIN),

	/** An HCP's change history (the audit trail) on its page. */
	READ_CHANGE_HISTORY(ADMIN),

	/** Log interactions; correct one as its author, or as a colleague of the author's department with a reason. */
	LOG_INTERACTIONS(MR, MARKETING, MEDICAL, CALL_CENTER),

	/** The worklist of their territories' HCPs ("My HCPs") in the menu. */
	WORK_TERRITORY_LIST(MR),

	/** Record consent an HCP gave in person, by phone or on paper, and create self-service links. */
	RECORD_CONSENT(MR, MEDICAL, CALL_CENTER, ADMIN),

	/** Review the contacts without consent of their territories (everyone else sees those they recorded). */
	REVIEW_TEAM_BREACHES(MANAGER),

	/** Take in a medical inquiry from an HCP; other systems may too, with an API token. */
	TAKE_INQUIRIES(true, MR, MEDICAL, CALL_CENTER),

	/**
	 * Medical content: inquiry questions, answers and adverse-event facts, and how a need routed to medical
	 * affairs was met or why it was closed (the commercial/medical firewall, docs/adr/0011).
	 */
	READ_MEDICAL_CONTENT(MEDICAL),

	/** Medical affairs' inquiry queue: triage, assign, answer, approve, deliver; adverse-event hand-offs. */
	WORK_INQUIRIES(MEDICAL),

	/** Move a need: triage, start, fulfil, confirm, close (within their WorkScope). */
	MOVE_NEEDS(MR, MARKETING, MEDICAL, CALL_CENTER, MANAGER),

	/** The dashboards (patients, needs, channels) and their exports. */
	READ_DASHBOARDS(MARKETING, MEDICAL, MANAGER, ADMIN),

	/** The inquiry SLA dashboard. */
	READ_SLA_DASHBOARD(MEDICAL, MANAGER, ADMIN),

	/** Dashboards recomputed from raw rows ({@code ?source=raw}), to check the rollups. */
	READ_RAW_DASHBOARDS(ADMIN),

	/** Set monthly treated-patient targets. */
	SET_TARGETS(MANAGER, ADMIN),

	/** Answer an HCP's access and erasure requests: everything held about them, medical content included (audited). */
	ANSWER_DATA_REQUESTS(PRIVACY_OFFICER),

	/**
	 * The content library: approved items to use with HCPs. Medical items only with {@link #READ_MEDICAL_CONTENT};
	 * drafts and items in review only with {@link #AUTHOR_CONTENT} or {@link #REVIEW_CONTENT}.
	 */
	READ_CONTENT(MR, MARKETING, MEDICAL, CALL_CENTER, MANAGER, REVIEWER),

	/** Write content items and their versions, send them to review, withdraw them: marketing promotional, medical affairs medical. */
	AUTHOR_CONTENT(MARKETING, MEDICAL),

	/** Review versions of content: the medical review (MEDICAL) and the regulatory review (REVIEWER). */
	REVIEW_CONTENT(MEDICAL, REVIEWER),

	/**
	 * Deliver approved content to an HCP: show or hand it over in a visit, send it in an approved e-mail, share its
	 * tracked link. Medical and off-label items only by medical affairs; consent is checked on every send.
	 */
	SEND_CONTENT(MR, MARKETING, MEDICAL, CALL_CENTER),

	/** The content-gap report (needs waiting for content) and content requests raised from it. */
	READ_CONTENT_GAPS(MARKETING, MEDICAL, MANAGER),

	/**
	 * The stage policies: per therapeutic area, push or pull and the preferred actions per adoption stage, fatigue
	 * caps and quiet periods, which the next best actions follow (docs/adr/0031). Everyone who works with HCPs.
	 */
	READ_STAGE_POLICY(MR, MARKETING, MEDICAL, CALL_CENTER, MANAGER),

	/**
	 * Save a new version of an area's stage policy: marketing's commercial decision. Not ADMIN, who manages users
	 * and settings, not commercial policy; managers read it.
	 */
	EDIT_STAGE_POLICY(MARKETING),

	/**
	 * The next best actions of an HCP with their reasons: on the HCP page, in My HCPs, in the API. Every role that
	 * works with HCPs; administrators manage users and settings, not the work with HCPs.
	 */
	READ_NEXT_ACTIONS(MR, MARKETING, MEDICAL, CALL_CENTER, MANAGER),

	/** Accept or dismiss a suggestion: only the department it names (checked per suggestion as well). */
	ACT_ON_NEXT_ACTIONS(MR, MARKETING, MEDICAL),

	/**
	 * The call plan: plan calls (by hand or from a suggestion), move them, cancel them and log them as the visit they
	 * became. MRs and medical science liaisons (MEDICAL); the owner or their manager changes a plan (CallPlans).
	 */
	PLAN_CALLS(MR, MEDICAL),

	/** Managers' coaching view: per rep and week, planned against done and missed, and what moved (counts only). */
	READ_CALL_PLANS(MANAGER),

	/**
	 * Marketing's segments and campaigns (docs/adr/0034): build and save segments, launch an e-mail or push campaign
	 * with a holdout, cancel one. Marketing only: ADMIN manages users and settings, not campaigns.
	 */
	MANAGE_CAMPAIGNS(MARKETING),

	/** The campaigns and their results against the holdout (counts only): marketing, and managers for their coaching. */
	READ_CAMPAIGNS(MARKETING, MANAGER),

	/**
	 * Patient lifetime by region: per region and area the HCPs reporting, their patient-months and the median per
	 * reporting HCP, month by month (counts only; a territorial manager sees their territories' HCPs). Each HCP's own
	 * lifetime on their page needs none: every signed-in user reads the patient counts there.
	 */
	READ_PATIENT_LIFETIME(MARKETING, MANAGER),

	/**
	 * The check of what worked (docs/adr/0036): per area, stage policy rule (and later campaign), suggestions accepted
	 * and dismissed and what followed, in counts. Marketing, who owns the policies, and managers (their territories'
	 * HCPs; without a territory the whole country). Not medical affairs, whose work is kept apart from measuring
	 * promotion; not MRs, who see their own HCPs' suggestions.
	 */
	READ_WHAT_WORKED(MARKETING, MANAGER),

	/** Send HCPs' own actions (pull events) from other systems: API tokens only. */
	SEND_PULL_EVENTS(true);

	private final EnumSet<Role> roles;

	private final boolean apiTokens;

	Capability(Role... roles) {
		this(false, roles);
	}

	/** {@code apiTokens}: a call with an API token (another system) holds it too, whatever its user's roles. */
	Capability(boolean apiTokens, Role... roles) {
		this.apiTokens = apiTokens;
		this.roles = (roles.length == 0) ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
	}

	/** The roles that hold this capability. */
	public Set<Role> roles() {
		return EnumSet.copyOf(this.roles);
	}

	/** Whether a call made with an API token holds it (besides its user's roles). */
	public boolean apiTokens() {
		return this.apiTokens;
	}

	public boolean heldBy(Role role) {
		return role != null && this.roles.contains(role);
	}

	/** Whether a user with these roles may do this. */
	public boolean heldByAny(Collection<Role> roles) {
		for (Role role : roles) {
			if (this.roles.contains(role)) {
				return true;
			}
		}
		return false;
	}

	/** The role names, for SQL ({@code r.role = ANY (?)}) and the URL rules. */
	public String[] roleNames() {
		return this.roles.stream().map(Enum::name).toArray(String[]::new);
	}

	/** Everything a user with these roles may do. */
	public static Set<Capability> of(Collection<Role> roles) {
		Set<Capability> held = EnumSet.noneOf(Capability.class);
		for (Capability capability : values()) {
			if (capability.heldByAny(roles)) {
				held.add(capability);
			}
		}
		return held;
	}

}
