package org.openpharma.crm.action;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.openpharma.crm.action.ActionFacts.ConsentFact;
import org.openpharma.crm.action.ActionFacts.Contact;
import org.openpharma.crm.action.ActionFacts.ContentOption;
import org.openpharma.crm.action.ActionFacts.Dismissal;
import org.openpharma.crm.action.ActionFacts.OpenNeed;
import org.openpharma.crm.action.NextActionRules.Outcome;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPolicy.Decision;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.ContentCandidate;
import org.openpharma.crm.delivery.ContentMatch;
import org.openpharma.crm.delivery.ContentPicker;
import org.openpharma.crm.delivery.MatchContext;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.JapaneseText;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.WorkScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The next best actions of HCPs: read the facts of an HCP (stages, open needs, consent, contacts of the last 90
 * days, dismissals, usable content, each area's stage policy), run {@link NextActionRules} per area, and keep the
 * result in {@code next_action} for the lists that show many HCPs at once (My HCPs). The HCP page and the API compute
 * live, so what they show is never older than the request; the stored rows are refreshed for every HCP a write marked
 * stale ({@link NextActionRefresher}, within seconds) and read back only while their item is still usable.
 */
@Service
@Transactional
public class NextActions {

	/** How far back contacts count (the longest fatigue window a policy may set is longer, but rarely used). */
	static final int CONTACT_DAYS = 90;

	/** Open needs of an area matched with content, oldest first. */
	static final int NEEDS_MATCHED = 3;

	/** Items offered per channel and area. */
	static final int ITEMS_PER_CHANNEL = 5;

	/** How long the usable library is kept in memory: items approved meanwhile wait at most this long. */
	static final Duration LIBRARY_TTL = Duration.ofSeconds(30);

	/** The channels the actions use; each is matched with the library once per HCP. */
	static final List<ConsentChannel> CHANNELS = List.of(ConsentChannel.VISIT, ConsentChannel.REMOTE,
			ConsentChannel.EMAIL, ConsentChannel.WEB);

	/**
	 * Who the library is read as: a commercial sender, so that medical and off-label items are never suggested to
	 * the MR or marketing (the firewall); medical affairs' hand-off carries no item.
	 */
	static final ContentViewer COMMERCIAL = new ContentViewer("next-best-action", Set.of(Role.MR), "SALES");

	/** The suggestions of one HCP in one area, with what was left out. */
	public record AreaActions(long therapeuticAreaId, Outcome outcome) {
	}

	/** A stored first suggestion, for lists. */
	public record FirstAction(long hcpId, long therapeuticAreaId, ActionKind kind, LocalDate dueOn, String department,
			String contentTitle, int score, List<Reason> reasons) {
	}

	private record Library(Instant readAt, Map<ConsentChannel, List<ContentCandidate>> byChannel) {
	}

	private final JdbcTemplate jdbc;

	private final ConsentLedger consents;

	private final ContentPicker picker;

	private final StagePolicies policies;

	private final Clock clock;

	private final JsonMapper json;

	private final Map<String, Library> library = new ConcurrentHashMap<>();

	NextActions(JdbcTemplate jdbc, ConsentLedger consents, ContentPicker picker, StagePolicies policies, Clock clock,
			JsonMapper json) {
		this.json = json;
		this.jdbc = jdbc;
		this.consents = consents;
		this.picker = picker;
		this.policies = policies;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
	}

	/** The HCP's suggestions per area, computed now; areas without a stage or an open need have none. */
	@Transactional(readOnly = true)
	public List<AreaActions> forHcp(long hcpId) {
		List<AreaActions> result = new ArrayList<>();
		for (ActionFacts facts : facts(hcpId)) {
			StagePolicy policy = this.policies.current(facts.therapeuticAreaId()).policy();
			result.add(new AreaActions(facts.therapeuticAreaId(), NextActionRules.suggest(facts, policy)));
		}
		return result;
	}

	/** One suggestion the HCP has now, by its key ({@link Suggestion#key()}). */
	@Transactional(readOnly = true)
	public Optional<Suggestion> current(long hcpId, String key) {
		return forHcp(hcpId).stream()
			.flatMap(a -> a.outcome().suggestions().stream())
			.filter(s -> s.key().equals(key))
			.findFirst();
	}

	/** The advisory lock class of refreshes: one refresh of an HCP at a time, whoever starts it. */
	static final int REFRESH_LOCK = 1633;

	/**
	 * Computes the HCP's suggestions and stores them in place of the ones before. Refreshes of one HCP queue on an
	 * advisory lock; the stale mark is taken first, so that a write committed while this one computes marks the HCP
	 * again instead of being lost.
	 */
	public void refresh(long hcpId) {
		this.jdbc.queryForList("SELECT pg_advisory_xact_lock(?, ?)", REFRESH_LOCK, (int) hcpId);
		this.jdbc.update("DELETE FROM next_action_stale WHERE hcp_id = ?", hcpId);
		Instant now = this.clock.instant();
		List<AreaActions> areas = forHcp(hcpId);
		// The territory the day list finds the row by: the HCP's main institution's prefecture.
		Integer prefecture = this.jdbc.query("SELECT o.prefecture_code FROM hcp h JOIN hco o ON o.id = h.primary_hco_id"
				+ " WHERE h.id = ?", rs -> rs.next() ? rs.getInt(1) : null, hcpId);
		this.jdbc.update("DELETE FROM next_action WHERE hcp_id = ?", hcpId);
		List<Object[]> rows = new ArrayList<>();
		for (AreaActions area : areas) {
			int rank = 1;
			for (Suggestion s : area.outcome().suggestions()) {
				rows.add(new Object[] { hcpId, area.therapeuticAreaId(), rank++, s.kind().name(), Date.valueOf(s.dueOn()),
						s.department(), s.contentVersionId(), s.needId(), s.score(), toJson(s.reasons()),
						s.policyVersion(), Timestamp.from(now), s.campaignId(), prefecture });
			}
		}
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate("INSERT INTO next_action (hcp_id, therapeutic_area_id, rank, kind, due_on, department,"
					+ " content_version_id, need_id, score, reasons, policy_version, computed_at, campaign_id, prefecture_code)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)", rows);
		}
	}

	/** Refreshes the HCP unless another refresh of it is running (that one is enough); whether it did. */
	public boolean refreshUnlessBusy(long hcpId) {
		Boolean mine = this.jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, ?)", Boolean.class, REFRESH_LOCK,
				(int) hcpId);
		if (!Boolean.TRUE.equals(mine)) {
			return false;
		}
		refresh(hcpId);
		return true;
	}

	/** Marks the HCP's stored suggestions for a refresh (in the caller's transaction). */
	public void markStale(long hcpId) {
		this.jdbc.update("INSERT INTO next_action_stale (hcp_id, since) VALUES (?, ?) ON CONFLICT (hcp_id) DO NOTHING",
				hcpId, Timestamp.from(this.clock.instant()));
	}

	/**
	 * Marks the HCPs of these areas stale (a stored suggestion, a stage or an open need in one of them): new content
	 * there may answer their needs (NextActionRefresher.followApprovals). Returns how many were marked.
	 */
	public int markAreasStale(Collection<Long> therapeuticAreaIds) {
		if (therapeuticAreaIds.isEmpty()) {
			return 0;
		}
		Long[] areas = therapeuticAreaIds.toArray(Long[]::new);
		return this.jdbc.update("INSERT INTO next_action_stale (hcp_id, since) SELECT h.id, ? FROM hcp h"
				+ " WHERE h.id IN (SELECT a.hcp_id FROM next_action a WHERE a.therapeutic_area_id = ANY (?)"
				+ "  UNION SELECT s.hcp_id FROM hcp_stage s WHERE s.therapeutic_area_id = ANY (?)"
				+ "  UNION SELECT n.hcp_id FROM information_need n WHERE n.therapeutic_area_id = ANY (?)"
				+ "  AND n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS'))"
				+ " AND h.status <> 'MERGED' AND h.erased_at IS NULL ON CONFLICT (hcp_id) DO NOTHING",
				Timestamp.from(this.clock.instant()), areas, areas, areas);
	}

	/** Marks every active HCP stale: a first fill, or after a change of every area's policy. */
	public int markAllStale() {
		return this.jdbc.update("INSERT INTO next_action_stale (hcp_id, since) SELECT id, ? FROM hcp"
				+ " WHERE status <> 'MERGED' AND erased_at IS NULL ON CONFLICT (hcp_id) DO NOTHING",
				Timestamp.from(this.clock.instant()));
	}

	/** Refreshes up to {@code limit} stale HCPs, oldest mark first, in one transaction; busy ones are left. */
	public int refreshStale(int limit) {
		List<Long> due = this.jdbc.queryForList("SELECT hcp_id FROM next_action_stale ORDER BY since LIMIT ?", Long.class,
				limit);
		int done = 0;
		for (long hcpId : due) {
			done += refreshUnlessBusy(hcpId) ? 1 : 0;
		}
		return done;
	}

	/** How many HCPs wait for a refresh (the operations page and the benchmark read it). */
	@Transactional(readOnly = true)
	public long staleCount() {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM next_action_stale", Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * The best stored suggestion of each of these HCPs, if its item is still usable; HCPs without one are absent. One
	 * query for a whole list (My HCPs).
	 */
	@Transactional(readOnly = true)
	public Map<Long, FirstAction> first(Collection<Long> hcpIds) {
		Map<Long, FirstAction> result = new HashMap<>();
		if (hcpIds.isEmpty()) {
			return result;
		}
		this.jdbc.query("SELECT DISTINCT ON (a.hcp_id) a.hcp_id, a.therapeutic_area_id, a.kind, a.due_on, a.department,"
				+ " v.title, a.score, a.reasons FROM next_action a LEFT JOIN content_version v ON v.id = a.content_version_id"
				+ " WHERE a.hcp_id = ANY (?) AND (a.content_version_id IS NULL OR (v.status = 'APPROVED' AND v.expires_on >= ?))"
				+ " ORDER BY a.hcp_id, (a.kind = 'NO_CONTACT'), a.score DESC, a.rank", rs -> {
					result.put(rs.getLong(1), new FirstAction(rs.getLong(1), rs.getLong(2), ActionKind.valueOf(rs.getString(3)),
							rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getInt(7),
							fromJson(rs.getString(8))));
				}, hcpIds.toArray(Long[]::new), Date.valueOf(today()));
		return result;
	}

	/** A stored suggestion due by today for one of the user's territory HCPs: the day's list of My HCPs. */
	public record DayAction(long hcpId, String hcpName, long therapeuticAreaId, Suggestion suggestion) {
	}

	/**
	 * The day's list: the stored suggestions for the user's department that are due by today, best score first, one
	 * per HCP and only while its item is still usable — for an MR the HCPs of their territories, for national roles
	 * (medical affairs' hand-offs, marketing's invitations and links) the whole country.
	 */
	@Transactional(readOnly = true)
	public List<DayAction> today(WorkScope scope, int limit) {
		LocalDate today = today();
		List<Object> args = new ArrayList<>();
		String sql;
		if (scope.national()) {
			args.addAll(List.of(scope.departmentCode(), Date.valueOf(today), Date.valueOf(today), limit * 4));
			sql = "SELECT a.hcp_id, h.name_kanji, a.therapeutic_area_id, a.kind, a.due_on, a.department,"
					+ " a.content_version_id, v.title, a.need_id, a.score, a.reasons, a.policy_version, a.campaign_id"
					+ " FROM next_action a JOIN hcp h ON h.id = a.hcp_id LEFT JOIN content_version v ON v.id = a.content_version_id"
					+ " WHERE a.department = ? AND a.kind <> 'NO_CONTACT' AND a.due_on <= ? AND h.status = 'ACTIVE'"
					+ " AND (a.content_version_id IS NULL OR (v.status = 'APPROVED' AND v.expires_on >= ?))"
					+ " ORDER BY a.score DESC, a.hcp_id, a.rank LIMIT ?";
		}
		else {
			if (scope.prefectures().isEmpty()) {
				return List.of();
			}
			// The territory's rows by the prefecture kept with them (V34, index next_action_territory), the best first;
			// then the HCP's current institution is checked for those candidates only.
			Integer[] prefectures = scope.prefectures().toArray(Integer[]::new);
			args.addAll(List.of(scope.departmentCode(), prefectures, Date.valueOf(today), Date.valueOf(today), limit * 4,
					prefectures));
			sql = "SELECT a.hcp_id, h.name_kanji, a.therapeutic_area_id, a.kind, a.due_on, a.department,"
					+ " a.content_version_id, a.title, a.need_id, a.score, a.reasons, a.policy_version, a.campaign_id"
					+ " FROM (SELECT a.*, v.title FROM next_action a LEFT JOIN content_version v ON v.id = a.content_version_id"
					+ "  WHERE a.department = ? AND a.prefecture_code = ANY (?) AND a.kind <> 'NO_CONTACT' AND a.due_on <= ?"
					+ "  AND (a.content_version_id IS NULL OR (v.status = 'APPROVED' AND v.expires_on >= ?))"
					+ "  ORDER BY a.score DESC, a.hcp_id, a.rank LIMIT ?) a"
					+ " JOIN hcp h ON h.id = a.hcp_id JOIN hco o ON o.id = h.primary_hco_id"
					+ " WHERE h.status = 'ACTIVE' AND o.prefecture_code = ANY (?)"
					+ " ORDER BY a.score DESC, a.hcp_id, a.rank";
		}
		// Four candidates per line asked for: an HCP with several areas keeps only its best one below.
		Map<Long, DayAction> best = new LinkedHashMap<>();
		this.jdbc.query(sql, rs -> {
					long hcpId = rs.getLong(1);
					if (best.size() < limit && !best.containsKey(hcpId)) {
						best.put(hcpId, new DayAction(hcpId, rs.getString(2), rs.getLong(3),
								new Suggestion(hcpId, rs.getLong(3), ActionKind.valueOf(rs.getString(4)),
										rs.getObject(5, LocalDate.class), rs.getString(6), (Long) rs.getObject(7),
										rs.getString(8), (Long) rs.getObject(9), rs.getInt(10), fromJson(rs.getString(11)),
										rs.getLong(12), (Long) rs.getObject(13))));
					}
				}, args.toArray());
		return List.copyOf(best.values());
	}

	/** The facts of each area the HCP has a stage or an open need in. */
	List<ActionFacts> facts(long hcpId) {
		LocalDate today = today();
		Map<Long, AdoptionStage> stages = new LinkedHashMap<>();
		Map<Long, LocalDate> since = new HashMap<>();
		this.jdbc.query("SELECT therapeutic_area_id, stage, changed_at FROM hcp_stage WHERE hcp_id = ?"
				+ " ORDER BY therapeutic_area_id", rs -> {
					stages.put(rs.getLong(1), AdoptionStage.valueOf(rs.getString(2)));
					since.put(rs.getLong(1), LocalDate.ofInstant(rs.getTimestamp(3).toInstant(), Japan.ZONE));
				}, hcpId);
		Map<Long, List<OpenNeed>> needs = new LinkedHashMap<>();
		Map<Long, String> topics = new HashMap<>();
		Map<Long, Long> products = new HashMap<>();
		this.jdbc.query("SELECT id, topic, category, urgency, routed_to, created_at, therapeutic_area_id, product_id"
				+ " FROM information_need WHERE hcp_id = ? AND status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS')"
				+ " AND therapeutic_area_id IS NOT NULL ORDER BY created_at, id", rs -> {
					OpenNeed need = new OpenNeed(rs.getLong(1), rs.getString(2), NeedCategory.valueOf(rs.getString(3)),
							Urgency.valueOf(rs.getString(4)),
							(rs.getString(5) != null) ? RoutedTo.valueOf(rs.getString(5)) : null,
							LocalDate.ofInstant(rs.getTimestamp(6).toInstant(), Japan.ZONE));
					needs.computeIfAbsent(rs.getLong(7), k -> new ArrayList<>()).add(need);
					topics.put(need.id(), rs.getString(2));
					products.put(need.id(), (Long) rs.getObject(8));
				}, hcpId);
		// Marketing's running push campaigns this HCP was suggested for (docs/adr/0034): its own SQL, no dependency.
		Map<Long, List<ActionFacts.CampaignAsk>> campaigns = new HashMap<>();
		this.jdbc.query("SELECT c.therapeutic_area_id, c.id, c.name, c.push_channel, c.content_version_id, v.title, c.ends_on"
				+ " FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id"
				+ " JOIN content_version v ON v.id = c.content_version_id WHERE m.hcp_id = ? AND m.status = 'SUGGESTED'"
				+ " AND c.status = 'RUNNING' AND c.kind = 'PUSH' AND c.ends_on >= ? AND v.status = 'APPROVED'"
				+ " AND v.expires_on >= ? ORDER BY c.starts_at, c.id", rs -> {
					campaigns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
						.add(new ActionFacts.CampaignAsk(rs.getLong(2), rs.getString(3),
								Channel.valueOf(rs.getString(4)) == Channel.VISIT ? ActionKind.VISIT : ActionKind.REMOTE_DETAIL,
								rs.getLong(5), rs.getString(6), rs.getObject(7, LocalDate.class)));
				}, hcpId, Date.valueOf(today), Date.valueOf(today));
		Set<Long> areas = new LinkedHashSet<>(stages.keySet());
		areas.addAll(needs.keySet());
		areas.addAll(campaigns.keySet());
		if (areas.isEmpty()) {
			return List.of();
		}
		Map<ConsentChannel, Map<ConsentPurpose, ConsentFact>> consent = consent(hcpId);
		List<Contact> contacts = this.jdbc.query("SELECT channel, occurred_at, purpose, outcome FROM interaction"
				+ " WHERE hcp_id = ? AND occurred_at >= ? AND occurred_at <= ? ORDER BY occurred_at DESC, id DESC LIMIT 500",
				(rs, i) -> new Contact(Channel.valueOf(rs.getString(1)),
						LocalDate.ofInstant(rs.getTimestamp(2).toInstant(), Japan.ZONE),
						(rs.getString(3) != null) ? ConsentPurpose.valueOf(rs.getString(3)) : null, rs.getString(4)),
				hcpId, Timestamp.from(this.clock.instant().minus(Duration.ofDays(CONTACT_DAYS))),
				Timestamp.from(this.clock.instant()));
		Map<Long, List<Dismissal>> dismissed = new HashMap<>();
		this.jdbc.query("SELECT therapeutic_area_id, kind, decided_at, reason FROM next_action_decision"
				+ " WHERE hcp_id = ? AND decision = 'DISMISSED' AND decided_at >= ? ORDER BY decided_at DESC", rs -> {
					dismissed.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
						.add(new Dismissal(ActionKind.valueOf(rs.getString(2)),
								LocalDate.ofInstant(rs.getTimestamp(3).toInstant(), Japan.ZONE), rs.getString(4)));
				}, hcpId, Timestamp.from(this.clock.instant().minus(Duration.ofDays(NextActionRules.DISMISSAL_DAYS + 1))));
		Map<Long, List<ActionFacts.Planned>> planned = new HashMap<>();
		this.jdbc.query("SELECT therapeutic_area_id, channel, planned_day FROM planned_call WHERE hcp_id = ? AND status = 'PLANNED'"
				+ " AND planned_day >= ? AND therapeutic_area_id IS NOT NULL ORDER BY planned_day", rs -> {
					planned.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
						.add(new ActionFacts.Planned(Channel.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class)));
				}, hcpId, Date.valueOf(today));
		Map<ConsentChannel, List<ContentCandidate>> usable = library();
		List<ActionFacts> result = new ArrayList<>();
		for (long area : areas) {
			List<OpenNeed> areaNeeds = needs.getOrDefault(area, List.of());
			Map<ConsentChannel, List<ContentOption>> content = new EnumMap<>(ConsentChannel.class);
			for (ConsentChannel channel : CHANNELS) {
				content.put(channel, options(usable.getOrDefault(channel, List.of()), area, areaNeeds, topics, products,
						stages, channel, consent));
			}
			result.add(new ActionFacts(hcpId, area, today, stages.get(area), since.get(area), areaNeeds, consent, contacts,
					content, dismissed.getOrDefault(area, List.of()), planned.getOrDefault(area, List.of()),
					campaigns.getOrDefault(area, List.of())));
		}
		return result;
	}

	/**
	 * The area's usable items on a channel, best first: each matched against the oldest open needs (a match names its
	 * need) and against the HCP's stage alone; an item keeps its best match.
	 */
	private List<ContentOption> options(List<ContentCandidate> usable, long area, List<OpenNeed> needs,
			Map<Long, String> topics, Map<Long, Long> products, Map<Long, AdoptionStage> stages, ConsentChannel channel,
			Map<ConsentChannel, Map<ConsentPurpose, ConsentFact>> consent) {
		List<ContentCandidate> inArea = usable.stream().filter(c -> c.therapeuticAreaId() == area).toList();
		if (inArea.isEmpty()) {
			return List.of();
		}
		boolean consented = consent.getOrDefault(channel, Map.of())
			.getOrDefault(ConsentPurpose.PROMOTIONAL, new ConsentFact(false, null, "NO_CONSENT"))
			.allowed();
		Map<Long, ContentOption> best = new LinkedHashMap<>();
		List<OpenNeed> matched = needs.subList(0, Math.min(NEEDS_MATCHED, needs.size()));
		for (OpenNeed need : matched) {
			MatchContext context = new MatchContext(JapaneseText.topicKey(topics.get(need.id())), need.category(), area,
					products.get(need.id()), stages, channel, consented);
			keepBest(best, ContentMatch.rank(inArea, context), need.id());
		}
		keepBest(best, ContentMatch.rank(inArea, new MatchContext(null, null, null, null, stages, channel, consented)),
				null);
		return best.values()
			.stream()
			.sorted((a, b) -> Integer.compare(b.score(), a.score()))
			.limit(ITEMS_PER_CHANNEL)
			.toList();
	}

	private static void keepBest(Map<Long, ContentOption> best, List<ContentMatch> ranked, Long needId) {
		for (ContentMatch match : ranked) {
			ContentCandidate c = match.candidate();
			// A match with a need counts only when it answers the need (topic or category), not for the area alone.
			boolean answers = needId == null || match.reasons().contains("delivery.reason.topic")
					|| match.reasons().contains("delivery.reason.category");
			if (!answers) {
				continue;
			}
			ContentOption option = new ContentOption(c.versionId(), c.title(), c.kind(), match.score(), needId);
			best.merge(c.itemId(), option, (a, b) -> (b.score() > a.score()) ? b : a);
		}
	}

	private Map<ConsentChannel, Map<ConsentPurpose, ConsentFact>> consent(long hcpId) {
		Map<ConsentChannel, Map<ConsentPurpose, ConsentFact>> result = new EnumMap<>(ConsentChannel.class);
		for (Map.Entry<ConsentChannel, Map<ConsentPurpose, Decision>> channel : this.consents.matrix(hcpId).entrySet()) {
			Map<ConsentPurpose, ConsentFact> byPurpose = new EnumMap<>(ConsentPurpose.class);
			channel.getValue().forEach((purpose, decision) -> byPurpose.put(purpose, new ConsentFact(decision.allowed(),
					(decision.basis() != null) ? LocalDate.ofInstant(decision.basis().capturedAt(), Japan.ZONE) : null,
					decision.reason().name())));
			result.put(channel.getKey(), byPurpose);
		}
		return result;
	}

	/** The usable library per channel for commercial senders, read at most every {@link #LIBRARY_TTL}. */
	private Map<ConsentChannel, List<ContentCandidate>> library() {
		Instant now = this.clock.instant();
		Library cached = this.library.get("commercial");
		if (cached != null && cached.readAt().plus(LIBRARY_TTL).isAfter(now) && !cached.readAt().isAfter(now)) {
			return cached.byChannel();
		}
		Map<ConsentChannel, List<ContentCandidate>> byChannel = new EnumMap<>(ConsentChannel.class);
		for (ConsentChannel channel : CHANNELS) {
			byChannel.put(channel, this.picker.usableFor(channel, COMMERCIAL));
		}
		this.library.put("commercial", new Library(now, byChannel));
		return byChannel;
	}

	/** Forgets the library read (tests, and a new approval that should show at once). */
	public void forgetLibrary() {
		this.library.clear();
	}

	String toJson(List<Reason> reasons) {
		return this.json.writeValueAsString(reasons);
	}

	List<Reason> fromJson(String value) {
		return this.json.readValue(value, new TypeReference<List<Reason>>() {
		});
	}

}
