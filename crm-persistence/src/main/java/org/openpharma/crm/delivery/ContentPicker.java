package org.openpharma.crm.delivery;

import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.content.ContentAudience;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.JapaneseText;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.stage.AdoptionStage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ranked picker shared by the e-mail form, the need page and the visit form: the approved, unexpired versions
 * the sender may give this HCP on this channel, best match first, each with the reasons it ranks where it does
 * ({@link ContentMatch}). Off-label items are offered only to medical affairs answering a recorded inquiry of the
 * HCP; commercial senders never see medical or off-label items (the firewall).
 */
@Service
@Transactional(readOnly = true)
public class ContentPicker {

	/** The most candidates ranked: the library is in the hundreds per channel, not the thousands. */
	static final int MAX_CANDIDATES = 500;

	/** What a need brings to the match. */
	public record NeedFacts(long id, long hcpId, String topic, NeedCategory category, Long therapeuticAreaId,
			Long productId, String status, long version) {
	}

	private final JdbcTemplate jdbc;

	private final ConsentLedger consents;

	private final Clock clock;

	ContentPicker(JdbcTemplate jdbc, ConsentLedger consents, Clock clock) {
		this.jdbc = jdbc;
		this.consents = consents;
		this.clock = clock;
	}

	/** Items to give the HCP, ranked; no off-label ones (there is no inquiry being answered). */
	public List<ContentMatch> candidates(long hcpId, Long needId, ConsentChannel channel, ContentViewer viewer) {
		return candidates(hcpId, needId, null, channel, viewer);
	}

	/**
	 * Items to give the HCP, ranked. {@code inquiryId}: a medical inquiry of this HCP that the sender is answering;
	 * only then are off-label items offered, and only to medical affairs.
	 */
	public List<ContentMatch> candidates(long hcpId, Long needId, Long inquiryId, ConsentChannel channel,
			ContentViewer viewer) {
		boolean answering = inquiryId != null && inquiryOf(hcpId, inquiryId);
		List<ContentCandidate> usable = usable(channel, viewer, answering, false);
		return ContentMatch.rank(usable, context(hcpId, needId, channel, viewer));
	}

	/**
	 * Every approved, unexpired item (not a template) the sender may give on the channel, unranked; no off-label ones.
	 * The next-best-action engine ranks it per HCP in memory.
	 */
	public List<ContentCandidate> usableFor(ConsentChannel channel, ContentViewer viewer) {
		return usable(channel, viewer, false, false);
	}

	/** The approved e-mail templates the sender may use. */
	public List<ContentCandidate> templates(ContentViewer viewer) {
		return usable(ConsentChannel.EMAIL, viewer, false, true);
	}

	/** The approved texts of these versions by id (the e-mail form shows a template's text as it will be sent). */
	public Map<Long, String> bodies(List<Long> versionIds) {
		Map<Long, String> bodies = new HashMap<>();
		if (!versionIds.isEmpty()) {
			this.jdbc.query("SELECT id, body FROM content_version WHERE id = ANY (?) AND body IS NOT NULL", rs -> {
				bodies.put(rs.getLong(1), rs.getString(2));
			}, (Object) versionIds.toArray(Long[]::new));
		}
		return bodies;
	}

	/** What the match is made against: the need, the HCP's stages and consent on the channel. */
	public MatchContext context(long hcpId, Long needId, ConsentChannel channel, ContentViewer viewer) {
		Optional<NeedFacts> need = (needId != null) ? need(needId).filter(n -> n.hcpId() == hcpId) : Optional.empty();
		Map<Long, AdoptionStage> stages = new HashMap<>();
		this.jdbc.query("SELECT therapeutic_area_id, stage FROM hcp_stage WHERE hcp_id = ?",
				rs -> {
					stages.put(rs.getLong(1), AdoptionStage.valueOf(rs.getString(2)));
				}, hcpId);
		boolean consented = channel != null && this.consents.matrix(hcpId)
			.get(channel)
			.get(ConsentPurpose.ofSender(viewer.department()))
			.allowed();
		return new MatchContext(need.map(n -> JapaneseText.topicKey(n.topic())).orElse(null),
				need.map(NeedFacts::category).orElse(null), need.map(NeedFacts::therapeuticAreaId).orElse(null),
				need.map(NeedFacts::productId).orElse(null), stages, channel, consented);
	}

	/** The need, if it exists. */
	public Optional<NeedFacts> need(long needId) {
		return this.jdbc.query("SELECT id, hcp_id, topic, category, therapeutic_area_id, product_id, status, version"
				+ " FROM information_need WHERE id = ?",
				(rs, i) -> new NeedFacts(rs.getLong(1), rs.getLong(2), rs.getString(3), NeedCategory.valueOf(rs.getString(4)),
						(Long) rs.getObject(5), (Long) rs.getObject(6), rs.getString(7), rs.getLong(8)),
				needId).stream().findFirst();
	}

	/** One approved, unexpired version as a candidate, whatever the viewer (the caller decides with SendRules). */
	public Optional<ContentCandidate> usableVersion(long versionId) {
		return this.jdbc.query(SELECT + " WHERE v.id = ? AND v.status = 'APPROVED' AND v.expires_on >= ?", CANDIDATE,
				versionId, Date.valueOf(today())).stream().findFirst();
	}

	/** Whether the inquiry exists and is the HCP's. */
	public boolean inquiryOf(long hcpId, long inquiryId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM medical_inquiry WHERE id = ? AND hcp_id = ?)", Boolean.class, inquiryId,
				hcpId));
	}

	/** The HCP exists (and was not merged away). */
	void requireHcp(long hcpId) {
		if (this.jdbc.queryForList("SELECT 1 FROM hcp WHERE id = ? AND status <> 'MERGED'", hcpId).isEmpty()) {
			throw new NotFoundException("HCP", hcpId);
		}
	}

	LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
	}

	private List<ContentCandidate> usable(ConsentChannel channel, ContentViewer viewer, boolean answering,
			boolean templates) {
		StringBuilder sql = new StringBuilder(SELECT).append(" WHERE v.status = 'APPROVED' AND v.expires_on >= ?"
				+ " AND ? = ANY (v.channels) AND ").append(templates ? "v.kind = 'EMAIL_TEMPLATE'" : "v.kind <> 'EMAIL_TEMPLATE'");
		List<Object> args = new ArrayList<>(List.of(Date.valueOf(today()), channel.name()));
		// The firewall in the query too, not only in the filter below: medical rows never leave the database for a
		// commercial sender.
		if (!viewer.seesMedical()) {
			sql.append(" AND i.audience = 'PROMOTIONAL' AND NOT i.off_label");
		}
		else if (!answering || templates) {
			sql.append(" AND NOT i.off_label");
		}
		sql.append(" ORDER BY v.approved_at DESC, v.id DESC LIMIT ").append(MAX_CANDIDATES);
		List<ContentCandidate> rows = this.jdbc.query(sql.toString(), CANDIDATE, args.toArray());
		// One version per item: the newest approved.
		Set<Long> items = new HashSet<>();
		return rows.stream()
			.filter(c -> SendRules.maySend(viewer, c, answering))
			.filter(c -> items.add(c.itemId()))
			.toList();
	}

	private static final String SELECT = "SELECT v.id, v.item_id, v.title, v.kind, i.audience, i.off_label,"
			+ " v.therapeutic_area_id, v.need_categories, v.topic_keys, v.stages, v.channels, v.summary, v.expires_on,"
			+ " ARRAY(SELECT p.product_id FROM content_version_product p WHERE p.version_id = v.id)"
			+ " FROM content_version v JOIN content_item i ON i.id = v.item_id";

	private static final RowMapper<ContentCandidate> CANDIDATE = (rs, i) -> new ContentCandidate(rs.getLong(2),
			rs.getLong(1), rs.getString(3), ContentKind.valueOf(rs.getString(4)), ContentAudience.valueOf(rs.getString(5)),
			rs.getBoolean(6), rs.getLong(7), longs(rs.getArray(14)), enums(rs.getArray(8), NeedCategory.class),
			new HashSet<>(strings(rs.getArray(9))), enums(rs.getArray(10), AdoptionStage.class),
			enums(rs.getArray(11), ConsentChannel.class), rs.getString(12), rs.getObject(13, LocalDate.class));

	static List<String> strings(Array array) throws SQLException {
		List<String> values = new ArrayList<>();
		for (Object value : (Object[]) array.getArray()) {
			values.add((String) value);
		}
		return values;
	}

	private static Set<Long> longs(Array array) throws SQLException {
		Set<Long> values = new HashSet<>();
		for (Object value : (Object[]) array.getArray()) {
			values.add(((Number) value).longValue());
		}
		return values;
	}

	private static <E extends Enum<E>> Set<E> enums(Array array, Class<E> type) throws SQLException {
		Set<E> values = EnumSet.noneOf(type);
		for (String value : strings(array)) {
			values.add(Enum.valueOf(type, value));
		}
		return values;
	}

}
