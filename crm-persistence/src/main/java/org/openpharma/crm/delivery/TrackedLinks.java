package org.openpharma.crm.delivery;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentEntry;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.consent.ConsentSource;
import org.openpharma.crm.consent.ConsentState;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.PullEventIngest;
import org.openpharma.crm.interaction.PullEventIngest.PullEvent;
import org.openpharma.crm.privacy.ErasureCounts;
import org.openpharma.crm.hcp.HcpMerged;
import org.openpharma.crm.privacy.HcpErased;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.SecretTokens;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an HCP reaches without signing in, by the unguessable tokens of a mail: the tracked link of each item
 * ({@code /c/{token}}: the content, a pull event "content viewed" on their timeline, their rating) and the
 * unsubscribe link ({@code /u/{token}}: a withdrawal appended to the consent ledger at once). Only the tokens'
 * SHA-256 is stored; a tracked link stops working when its version expires or is withdrawn.
 */
@Service
@Transactional(readOnly = true)
public class TrackedLinks {

	/** The user name pull events and HCP ratings are recorded under. */
	public static final String HCP_ACTOR = "hcp-tracked-link";

	/** The user name unsubscribe withdrawals are recorded under. */
	public static final String UNSUBSCRIBE_ACTOR = "hcp-unsubscribe";

	/** What the tracked page shows. */
	public record TrackedContent(long deliveryId, long hcpId, long versionId, String title, String summary, String body,
			Long fileId, boolean medical, String department) {
	}

	/** What the unsubscribe page shows. */
	public record UnsubscribeView(long emailId, long hcpId, ConsentPurpose purpose, boolean alreadyWithdrawn) {
	}

	private final JdbcTemplate jdbc;

	private final PullEventIngest pullEvents;

	private final ConsentLedger consents;

	private final AuditTrail audit;

	private final Clock clock;

	TrackedLinks(JdbcTemplate jdbc, PullEventIngest pullEvents, ConsentLedger consents, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.pullEvents = pullEvents;
		this.consents = consents;
		this.audit = audit;
		this.clock = clock;
	}

	/** The content behind the link, while its version is approved and unexpired. */
	public Optional<TrackedContent> open(String token) {
		if (!plausible(token)) {
			return Optional.empty();
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
		return this.jdbc.query("SELECT d.id, d.hcp_id, v.id, v.title, v.summary, v.body, v.file_id,"
				+ " (i.audience = 'MEDICAL' OR i.off_label OR coalesce(e.medical, false)), coalesce(e.sender_department,"
				+ " (SELECT u.department_code FROM app_user u WHERE u.username = d.delivered_by))"
				+ " FROM content_delivery d JOIN content_version v ON v.id = d.version_id"
				+ " JOIN content_item i ON i.id = d.item_id LEFT JOIN content_email e ON e.id = d.email_id"
				+ " JOIN hcp h ON h.id = d.hcp_id"
				+ " WHERE d.token_hash = ? AND v.status = 'APPROVED' AND v.expires_on >= ? AND h.erased_at IS NULL",
				(rs, i) -> new TrackedContent(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
						rs.getString(5), rs.getString(6), (Long) rs.getObject(7), rs.getBoolean(8), rs.getString(9)),
				SecretTokens.sha256(token), Date.valueOf(today)).stream().findFirst();
	}

	/**
	 * Opens the link and records the view as a pull event (WEB_CONTENT) on the HCP's timeline, in this request, so
	 * the timeline and the rollups show it at once. A medical item's title stays off the timeline (every role reads
	 * the key messages); the view is still counted.
	 */
	@Transactional
	public Optional<TrackedContent> view(String token) {
		Optional<TrackedContent> content = open(token);
		if (content.isEmpty()) {
			return content;
		}
		TrackedContent c = content.get();
		Instant now = this.clock.instant();
		String externalId = "content-view:" + c.deliveryId() + ":" + UUID.randomUUID();
		this.pullEvents.ingest(List.of(new PullEvent(externalId, c.hcpId(), null, Channel.WEB_CONTENT.name(), now, null,
				c.medical() ? null : c.title())), HCP_ACTOR, c.department());
		Long interactionId = this.jdbc.queryForObject("SELECT id FROM interaction WHERE external_event_id = ?",
				Long.class, externalId);
		this.jdbc.update("INSERT INTO content_view (delivery_id, interaction_id, viewed_at) VALUES (?, ?, ?)",
				c.deliveryId(), interactionId, Timestamp.from(now));
		return content;
	}

	/** The HCP rates the item on the tracked page. */
	@Transactional
	public long rate(String token, ContentRating rating) {
		TrackedContent content = open(token).orElseThrow(() -> new NotFoundException("link", 0L));
		return saveRating(content.deliveryId(), content.hcpId(), content.versionId(),
				new ContentRating(rating.helpful(), rating.comment(), false), HCP_ACTOR);
	}

	/** A rep records what the HCP said of an item they received. */
	@Transactional
	public long rateForHcp(long hcpId, long deliveryId, ContentRating rating, String actor) {
		Long versionId = this.jdbc.query("SELECT version_id FROM content_delivery WHERE id = ? AND hcp_id = ?",
				rs -> rs.next() ? rs.getLong(1) : null, deliveryId, hcpId);
		if (versionId == null) {
			throw new NotFoundException("delivery", deliveryId);
		}
		return saveRating(deliveryId, hcpId, versionId, new ContentRating(rating.helpful(), rating.comment(), true),
				actor);
	}

	private long saveRating(long deliveryId, long hcpId, long versionId, ContentRating rating, String actor) {
		var violations = rating.violations();
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		Instant now = this.clock.instant();
		Long id = this.jdbc.queryForObject("INSERT INTO content_feedback (delivery_id, hcp_id, version_id, helpful,"
				+ " comment, source, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
				deliveryId, hcpId, versionId, rating.helpful(), rating.comment(), rating.byRep() ? "REP" : "HCP", actor,
				Timestamp.from(now));
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("deliveryId", deliveryId);
		after.put("hcpId", hcpId);
		after.put("helpful", rating.helpful());
		after.put("source", rating.byRep() ? "REP" : "HCP");
		this.audit.record(actor, "RATE", "CONTENT_FEEDBACK", id, null, after);
		return id;
	}

	/**
	 * A merge moves the duplicate's mails, the items given to it and its ratings to the survivor, so that the
	 * survivor's timeline shows what was given in the contacts it now holds. Inside the merge's transaction.
	 */
	@EventListener
	@Order(HcpMerged.MOVE_RECORDS)
	void moveForMerge(HcpMerged merged) {
		Map<String, Object> moved = new LinkedHashMap<>();
		moved.put("module", "delivery");
		moved.put("fromHcpId", merged.duplicateId());
		for (String table : List.of("content_email", "content_delivery", "content_feedback")) {
			moved.put(table, this.jdbc.update("UPDATE " + table + " SET hcp_id = ? WHERE hcp_id = ?", merged.survivorId(),
					merged.duplicateId()));
		}
		this.audit.record(merged.actor(), "MERGE_MOVE", "HCP", merged.survivorId(), null, moved);
	}

	/** An erasure: the HCP's mails lose address, subject and text; ratings their comments (R__content_delivery.sql). */
	@EventListener
	@Order(HcpErased.ERASE_RECORDS)
	void eraseFor(HcpErased erased) {
		ErasureCounts.collect(this.jdbc, "crm_erase_deliveries(?)", erased.hcpId());
	}

	/** The mail an unsubscribe link belongs to. */
	public Optional<UnsubscribeView> unsubscribeView(String token) {
		if (!plausible(token)) {
			return Optional.empty();
		}
		// A merged record's consent is the survivor's (ConsentLedger refuses records for a merged one).
		return this.jdbc.query("SELECT e.id, coalesce(h.merged_into_id, h.id), e.purpose FROM content_email e"
				+ " JOIN hcp h ON h.id = e.hcp_id WHERE e.unsubscribe_token_hash = ? AND h.erased_at IS NULL", (rs, i) -> {
					long hcpId = rs.getLong(2);
					ConsentPurpose purpose = ConsentPurpose.valueOf(rs.getString(3));
					boolean allowed = this.consents.matrix(hcpId).get(ConsentChannel.EMAIL).get(purpose).allowed();
					return new UnsubscribeView(rs.getLong(1), hcpId, purpose, !allowed);
				}, SecretTokens.sha256(token)).stream().findFirst();
	}

	/**
	 * Withdraws e-mail consent for the mail's purpose at once (a WITHDRAWN record, source EMAIL_LINK), unless it is
	 * withdrawn already. Empty when the token is not one of ours.
	 */
	@Transactional
	public Optional<UnsubscribeView> unsubscribe(String token) {
		Optional<UnsubscribeView> view = unsubscribeView(token);
		if (view.isEmpty()) {
			return view;
		}
		UnsubscribeView v = view.get();
		Instant now = this.clock.instant();
		if (!v.alreadyWithdrawn()) {
			this.consents.record(v.hcpId(), new ConsentEntry(ConsentChannel.EMAIL, v.purpose(), ConsentState.WITHDRAWN,
					ConsentSource.EMAIL_LINK, "e-mail #" + v.emailId(), UNSUBSCRIBE_ACTOR, now, null), UNSUBSCRIBE_ACTOR);
		}
		this.jdbc.update("UPDATE content_email SET unsubscribed_at = coalesce(unsubscribed_at, ?), updated_at = ?,"
				+ " version = version + 1 WHERE id = ?", Timestamp.from(now), Timestamp.from(now), v.emailId());
		return Optional.of(new UnsubscribeView(v.emailId(), v.hcpId(), v.purpose(), true));
	}

	private static boolean plausible(String token) {
		return token != null && token.length() >= 20 && token.length() <= 100;
	}

}
