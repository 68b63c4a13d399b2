package org.openpharma.crm.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.shared.PagedSql;
import org.openpharma.crm.shared.SearchPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read model of the outbox and of what each HCP received: the sent-mail list, one mail as rendered, and the HCP
 * page's card with each item's views and ratings. Mails with medical content are shown to medical affairs only.
 */
@Service
@Transactional(readOnly = true)
public class DeliveryQueries {

	public static final int PAGE_SIZE = 50;

	/** One mail in a list. */
	public record MailRow(long id, long hcpId, String hcpName, String recipient, String subject, MailStatus status,
			String statusReason, int attempts, Instant nextAttemptAt, String lastError, Instant queuedAt, Instant sentAt,
			String sender, String senderName, boolean medical, Long needId, Instant unsubscribedAt) {
	}

	/** One mail with its rendered text and the items in it. */
	public record MailDetail(MailRow row, String body, List<DeliveryRow> deliveries) {
	}

	/** One item given to the HCP, with what they did with it. */
	public record DeliveryRow(long id, long emailId, long versionId, String title, boolean offLabel, Instant deliveredAt,
			long views, Instant lastViewedAt, Integer lastRating, String lastComment, String lastRatingSource,
			MailStatus mailStatus, boolean medical) {
	}

	/**
	 * An item on a contact of the HCP's timeline: given in it ({@code viewed} false: shown in a visit, sent by
	 * e-mail) or opened in it through the tracked link ({@code viewed} true: the pull event), with how often it was
	 * viewed and the latest rating.
	 */
	public record ContactContent(long interactionId, long deliveryId, boolean viewed, String title, long views,
			Integer lastRating, String lastComment) {
	}

	/** A medical inquiry of the HCP that an off-label item may answer (medical affairs only). */
	public record InquiryOption(long id, String subject, boolean offLabel, String status, Instant receivedAt) {
	}

	private final JdbcTemplate jdbc;

	DeliveryQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	private static final String MAIL_SELECT = "SELECT e.id, e.hcp_id, h.name_kanji, e.recipient, e.subject, e.status,"
			+ " e.status_reason, e.attempts, e.next_attempt_at, e.last_error, e.queued_at, e.sent_at, e.sender,"
			+ " coalesce(u.display_name, e.sender), e.medical, e.need_id, e.unsubscribed_at"
			+ " FROM content_email e JOIN hcp h ON h.id = e.hcp_id LEFT JOIN app_user u ON u.username = e.sender";

	private static final RowMapper<MailRow> MAIL = (rs, i) -> new MailRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
			rs.getString(4), rs.getString(5), MailStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getInt(8),
			instant(rs.getTimestamp(9)), rs.getString(10), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
			rs.getString(13), rs.getString(14), rs.getBoolean(15), (Long) rs.getObject(16), instant(rs.getTimestamp(17)));

	/** Every mail the viewer may see, newest first; optionally of one status. */
	public SearchPage<MailRow> mails(ContentViewer viewer, MailStatus status, int page) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> args = new ArrayList<>();
		if (!viewer.seesMedical()) {
			where.append(" AND NOT e.medical");
		}
		if (status != null) {
			where.append(" AND e.status = ?");
			args.add(status.name());
		}
		return PagedSql.page(this.jdbc, MAIL_SELECT + where, "ORDER BY e.queued_at DESC, e.id DESC", args, MAIL, page,
				PAGE_SIZE);
	}

	/** The mails to one HCP the viewer may see, newest first. */
	public List<MailRow> mailsTo(long hcpId, ContentViewer viewer, int limit) {
		return this.jdbc.query(MAIL_SELECT + " WHERE e.hcp_id = ?" + (viewer.seesMedical() ? "" : " AND NOT e.medical")
				+ " ORDER BY e.queued_at DESC, e.id DESC LIMIT ?", MAIL, hcpId, limit);
	}

	/** One mail, if it exists and the viewer may see it. */
	public Optional<MailDetail> mail(long id, ContentViewer viewer) {
		Optional<MailRow> row = this.jdbc.query(MAIL_SELECT + " WHERE e.id = ?", MAIL, id)
			.stream()
			.filter(r -> viewer.seesMedical() || !r.medical())
			.findFirst();
		return row.map(r -> new MailDetail(r,
				this.jdbc.queryForObject("SELECT body FROM content_email WHERE id = ?", String.class, id),
				deliveries(" WHERE d.email_id = ?", List.of(id), viewer, 100)));
	}

	/** The items the HCP received that the viewer may see, newest first, with views and the latest rating. */
	public List<DeliveryRow> deliveriesTo(long hcpId, ContentViewer viewer, int limit) {
		return deliveries(" WHERE d.hcp_id = ?", List.of(hcpId), viewer, limit);
	}

	/**
	 * The items given or opened in these contacts of the HCP (one page of the timeline), by contact; medical ones only
	 * for viewers who see medical content. Both halves are read through the HCP's deliveries (an index on the HCP),
	 * not by contact.
	 */
	public Map<Long, List<ContactContent>> onContacts(long hcpId, Collection<Long> interactionIds, ContentViewer viewer) {
		Map<Long, List<ContactContent>> byContact = new HashMap<>();
		if (interactionIds.isEmpty()) {
			return byContact;
		}
		String firewall = viewer.seesMedical() ? ""
				: " AND NOT (i.audience = 'MEDICAL' OR d.off_label OR coalesce(e.medical, false))";
		String from = " FROM content_delivery d JOIN content_item i ON i.id = d.item_id"
				+ " LEFT JOIN content_email e ON e.id = d.email_id";
		String figures = ", (SELECT count(*) FROM content_view w2 WHERE w2.delivery_id = d.id), f.helpful, f.comment";
		String rating = " LEFT JOIN LATERAL (SELECT helpful, comment FROM content_feedback f WHERE f.delivery_id = d.id"
				+ " ORDER BY f.recorded_at DESC, f.id DESC LIMIT 1) f ON true";
		Long[] ids = interactionIds.toArray(Long[]::new);
		this.jdbc.query("SELECT d.interaction_id, d.id, false, d.title" + figures + from + rating
				+ " WHERE d.hcp_id = ? AND d.interaction_id = ANY (?)" + firewall
				+ " UNION ALL SELECT w.interaction_id, d.id, true, d.title" + figures + from
				+ " JOIN content_view w ON w.delivery_id = d.id" + rating
				+ " WHERE d.hcp_id = ? AND w.interaction_id = ANY (?)" + firewall + " ORDER BY 1, 2", rs -> {
					ContactContent row = new ContactContent(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4),
							rs.getLong(5), (Integer) rs.getObject(6), rs.getString(7));
					byContact.computeIfAbsent(row.interactionId(), k -> new ArrayList<>()).add(row);
				}, hcpId, ids, hcpId, ids);
		return byContact;
	}

	/** One item given to the HCP, if the viewer may see it. */
	public Optional<DeliveryRow> delivery(long hcpId, long deliveryId, ContentViewer viewer) {
		return deliveries(" WHERE d.hcp_id = ? AND d.id = ?", List.of(hcpId, deliveryId), viewer, 1).stream().findFirst();
	}

	/** The HCP's recorded medical inquiries, newest first: what medical affairs may answer with off-label material. */
	public List<InquiryOption> inquiriesOf(long hcpId) {
		return this.jdbc.query("SELECT id, subject, off_label, status, received_at FROM medical_inquiry WHERE hcp_id = ?"
				+ " ORDER BY received_at DESC, id DESC LIMIT 50",
				(rs, i) -> new InquiryOption(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
						instant(rs.getTimestamp(5))),
				hcpId);
	}

	private List<DeliveryRow> deliveries(String where, List<Object> args, ContentViewer viewer, int limit) {
		String firewall = viewer.seesMedical() ? "" : " AND NOT (i.audience = 'MEDICAL' OR d.off_label OR coalesce(e.medical, false))";
		List<Object> all = new ArrayList<>(args);
		all.add(limit);
		return this.jdbc.query("SELECT d.id, d.email_id, d.version_id, d.title, d.off_label, d.delivered_at,"
				+ " (SELECT count(*) FROM content_view w WHERE w.delivery_id = d.id),"
				+ " (SELECT max(w.viewed_at) FROM content_view w WHERE w.delivery_id = d.id),"
				+ " f.helpful, f.comment, f.source, e.status,"
				+ " (i.audience = 'MEDICAL' OR d.off_label OR coalesce(e.medical, false))"
				+ " FROM content_delivery d JOIN content_item i ON i.id = d.item_id"
				+ " LEFT JOIN content_email e ON e.id = d.email_id"
				+ " LEFT JOIN LATERAL (SELECT helpful, comment, source FROM content_feedback f WHERE f.delivery_id = d.id"
				+ " ORDER BY f.recorded_at DESC, f.id DESC LIMIT 1) f ON true" + where + firewall
				+ " ORDER BY d.delivered_at DESC, d.id DESC LIMIT ?",
				(rs, n) -> new DeliveryRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5),
						instant(rs.getTimestamp(6)), rs.getLong(7), instant(rs.getTimestamp(8)), (Integer) rs.getObject(9),
						rs.getString(10), rs.getString(11), (rs.getString(12) != null) ? MailStatus.valueOf(rs.getString(12)) : null,
						rs.getBoolean(13)),
				all.toArray());
	}

	private static Instant instant(java.sql.Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
