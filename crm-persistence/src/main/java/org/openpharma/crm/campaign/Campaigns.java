package org.openpharma.crm.campaign;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.ContentCandidate;
import org.openpharma.crm.delivery.ContentPicker;
import org.openpharma.crm.delivery.SendRules;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.StorableText;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.hcp.HcpMerged;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Launching, reading and cancelling campaigns (docs/adr/0034). A launch checks the draft, the segment and the
 * content as the sender may use them, freezes the segment's members with the holdout drawn per member
 * ({@link CampaignDraft#heldOut}), and leaves the members PENDING for {@link CampaignDispatcher}, which reaches them
 * from the start time on: one approved e-mail each through the outbox, or a suggestion in the MR's next actions.
 */
@Service
@Transactional
public class Campaigns {

	public static final int REASON_MAX = 500;

	/** A launched campaign. */
	public record Campaign(long id, String name, long segmentId, String segmentName, SegmentCriteria criteria,
			CampaignKind kind, long therapeuticAreaId, long contentVersionId, String contentTitle,
			Long templateVersionId, String templateTitle, Channel pushChannel, int holdoutPercent, Instant startsAt,
			LocalDate endsOn, CampaignStatus status, int members, int heldOut, String sender, Instant launchedAt,
			Instant completedAt, String cancelledBy, String cancelReason, long version) {

		/** The members to be reached: everyone not held out. */
		public int targeted() {
			return this.members - this.heldOut;
		}

	}

	/** How many members are in each status, and the exclusions by reason. */
	public record Progress(int pending, int queued, int suggested, int excluded, Map<Exclusion, Integer> exclusions) {
	}

	/** An excluded member, for the report. */
	public record ExcludedMember(long hcpId, String name, String kana, Exclusion exclusion, Instant handledAt) {
	}

	private final JdbcTemplate jdbc;

	private final Segments segments;

	private final ContentPicker picker;

	private final AuditTrail audit;

	private final Clock clock;

	Campaigns(JdbcTemplate jdbc, Segments segments, ContentPicker picker, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.segments = segments;
		this.picker = picker;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Launches the campaign, or saves nothing and throws a ValidationException naming the fields: the draft's own
	 * rules, a segment that is archived or has no members, an item or template the sender may not use on the
	 * channel. Returns the campaign's id.
	 */
	public long launch(CampaignDraft draft, ContentViewer sender) {
		Instant now = this.clock.instant();
		LocalDate today = now.atZone(Japan.ZONE).toLocalDate();
		List<FieldViolation> violations = new ArrayList<>(draft.violations(now, today));
		Segments.Saved segment = null;
		if (draft.segmentId() != null) {
			segment = this.segments.find(draft.segmentId()).filter(s -> !s.archived()).orElse(null);
			if (segment == null) {
				violations.add(new FieldViolation("segmentId", "campaign.segment.unknown"));
			}
		}
		ContentCandidate item = null;
		if (draft.contentVersionId() != null && draft.kind() != null) {
			ConsentChannel channel = channelOf(draft);
			item = this.picker.usableVersion(draft.contentVersionId())
				.filter(c -> c.kind() != ContentKind.EMAIL_TEMPLATE && channel != null && c.channels().contains(channel)
						&& !c.offLabel() && SendRules.maySend(sender, c, false))
				.orElse(null);
			if (item == null) {
				violations.add(new FieldViolation("contentVersionId", "campaign.content.unusable"));
			}
		}
		ContentCandidate template = null;
		if (draft.kind() == CampaignKind.EMAIL && draft.templateVersionId() != null) {
			template = this.picker.usableVersion(draft.templateVersionId())
				.filter(t -> t.kind() == ContentKind.EMAIL_TEMPLATE && t.channels().contains(ConsentChannel.EMAIL)
						&& SendRules.maySend(sender, t, false))
				.orElse(null);
			if (template == null) {
				violations.add(new FieldViolation("templateVersionId", "campaign.template.unusable"));
			}
		}
		List<Long> members = List.of();
		if (segment != null && violations.isEmpty()) {
			members = this.segments.memberIds(segment.criteria());
			if (members.isEmpty()) {
				violations.add(new FieldViolation("segmentId", "campaign.segment.empty"));
			}
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		CampaignStatus status = draft.startsAt().isAfter(now) ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING;
		Long id = this.jdbc.queryForObject("INSERT INTO campaign (name, segment_id, criteria, kind, therapeutic_area_id,"
				+ " content_version_id, template_version_id, push_channel, holdout_percent, starts_at, ends_on, status,"
				+ " members, held_out, sender, sender_department, launched_at, updated_at)"
				+ " VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?) RETURNING id", Long.class,
				draft.name(), segment.id(), this.segments.toJson(segment.criteria()), draft.kind().name(),
				item.therapeuticAreaId(), item.versionId(), (template != null) ? template.versionId() : null,
				(draft.kind() == CampaignKind.PUSH) ? draft.pushChannel().name() : null, draft.holdoutPercent(),
				Timestamp.from(draft.startsAt()),
				(draft.kind() == CampaignKind.PUSH) ? Date.valueOf(draft.endsOn()) : null, status.name(),
				sender.username(), sender.department(), Timestamp.from(now), Timestamp.from(now));
		List<Object[]> rows = new ArrayList<>(members.size());
		int heldOut = 0;
		for (Long hcpId : members) {
			boolean out = CampaignDraft.heldOut(id, hcpId, draft.holdoutPercent());
			heldOut += out ? 1 : 0;
			rows.add(new Object[] { id, hcpId, out ? MemberStatus.HOLDOUT.name() : MemberStatus.PENDING.name() });
		}
		for (int from = 0; from < rows.size(); from += 1000) {
			this.jdbc.batchUpdate("INSERT INTO campaign_member (campaign_id, hcp_id, status) VALUES (?, ?, ?)",
					rows.subList(from, Math.min(rows.size(), from + 1000)));
		}
		this.jdbc.update("UPDATE campaign SET members = ?, held_out = ? WHERE id = ?", members.size(), heldOut, id);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", draft.name());
		after.put("segmentId", segment.id());
		after.put("kind", draft.kind().name());
		after.put("contentVersionId", item.versionId());
		after.put("templateVersionId", (template != null) ? template.versionId() : null);
		after.put("pushChannel", (draft.pushChannel() != null) ? draft.pushChannel().name() : null);
		after.put("holdoutPercent", draft.holdoutPercent());
		after.put("startsAt", draft.startsAt().toString());
		after.put("endsOn", (draft.endsOn() != null) ? draft.endsOn().toString() : null);
		after.put("members", members.size());
		after.put("heldOut", heldOut);
		this.audit.record(sender.username(), "LAUNCH", "CAMPAIGN", id, null, after);
		return id;
	}

	/**
	 * Cancels an open campaign from the version the user saw: members not reached yet are excluded as CANCELLED,
	 * a push campaign's suggestions leave the MRs' lists at their next refresh. Mails already queued still go.
	 */
	public void cancel(long id, long version, String reason, String actor) {
		Campaign campaign = lockForUpdate(id, version);
		String clean = (reason == null || reason.isBlank()) ? null : reason.strip();
		if (clean == null) {
			throw new ValidationException(List.of(new FieldViolation("reason", "campaign.cancel.reasonRequired")));
		}
		if (clean.length() > REASON_MAX || !StorableText.isStorable(clean)) {
			throw new ValidationException(List.of(new FieldViolation("reason", "validation.tooLong", REASON_MAX)));
		}
		if (!campaign.status().isOpen()) {
			throw new ValidationException(List.of(new FieldViolation("reason", "campaign.cancel.notOpen")));
		}
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE campaign SET status = 'CANCELLED', cancelled_by = ?, cancel_reason = ?, completed_at = ?,"
				+ " updated_at = ?, version = version + 1 WHERE id = ?", actor, clean, Timestamp.from(now),
				Timestamp.from(now), id);
		int excluded = this.jdbc.update("UPDATE campaign_member SET status = 'EXCLUDED', exclusion = 'CANCELLED',"
				+ " handled_at = ? WHERE campaign_id = ? AND status = 'PENDING'", Timestamp.from(now), id);
		if (campaign.kind() == CampaignKind.PUSH) {
			CampaignDispatcher.markStale(this.jdbc, id, now);
		}
		this.audit.record(actor, "CANCEL", "CAMPAIGN", id, Map.of("status", campaign.status().name()),
				Map.of("status", "CANCELLED", "reason", clean, "excluded", excluded));
	}

	@Transactional(readOnly = true)
	public List<Campaign> list() {
		return this.jdbc.query(SELECT + " ORDER BY c.launched_at DESC, c.id DESC", this::campaign);
	}

	/** The campaigns of an area that started in the period, newest first (the "what worked" page). */
	@Transactional(readOnly = true)
	public List<Campaign> startedIn(long therapeuticAreaId, Instant from, Instant to) {
		return this.jdbc.query(SELECT + " WHERE c.therapeutic_area_id = ? AND c.starts_at >= ? AND c.starts_at < ?"
				+ " ORDER BY c.starts_at DESC, c.id DESC", this::campaign, therapeuticAreaId, Timestamp.from(from),
				Timestamp.from(to));
	}

	@Transactional(readOnly = true)
	public Optional<Campaign> find(long id) {
		return this.jdbc.query(SELECT + " WHERE c.id = ?", this::campaign, id).stream().findFirst();
	}

	@Transactional(readOnly = true)
	public Campaign get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("campaign", id));
	}

	@Transactional(readOnly = true)
	public Progress progress(long id) {
		Map<String, Integer> byStatus = new LinkedHashMap<>();
		this.jdbc.query("SELECT status, count(*) FROM campaign_member WHERE campaign_id = ? GROUP BY status",
				rs -> {
					byStatus.put(rs.getString(1), rs.getInt(2));
				}, id);
		Map<Exclusion, Integer> exclusions = new LinkedHashMap<>();
		this.jdbc.query("SELECT exclusion, count(*) FROM campaign_member WHERE campaign_id = ? AND status = 'EXCLUDED'"
				+ " GROUP BY exclusion ORDER BY count(*) DESC, exclusion", rs -> {
					exclusions.put(Exclusion.valueOf(rs.getString(1)), rs.getInt(2));
				}, id);
		return new Progress(byStatus.getOrDefault("PENDING", 0), byStatus.getOrDefault("QUEUED", 0),
				byStatus.getOrDefault("SUGGESTED", 0), byStatus.getOrDefault("EXCLUDED", 0), exclusions);
	}

	/** The excluded members and why, in kana order (at most {@code limit}). */
	@Transactional(readOnly = true)
	public List<ExcludedMember> excluded(long id, int limit) {
		return this.jdbc.query("SELECT h.id, h.name_kanji, h.name_kana, m.exclusion, m.handled_at FROM campaign_member m"
				+ " JOIN hcp h ON h.id = m.hcp_id WHERE m.campaign_id = ? AND m.status = 'EXCLUDED'"
				+ " ORDER BY m.exclusion, h.kana_key, h.id LIMIT ?",
				(rs, i) -> new ExcludedMember(rs.getLong(1), rs.getString(2), rs.getString(3),
						Exclusion.valueOf(rs.getString(4)),
						(rs.getTimestamp(5) != null) ? rs.getTimestamp(5).toInstant() : null),
				id, limit);
	}

	/**
	 * A merge: the duplicate's memberships move to the surviving record, unless the survivor is a member of the same
	 * campaign already (then the duplicate's row stays as it was: it is what happened).
	 */
	@EventListener
	@Order(HcpMerged.MOVE_RECORDS)
	@Transactional(propagation = Propagation.MANDATORY)
	void moveForMerge(HcpMerged merged) {
		this.jdbc.update("UPDATE campaign_member m SET hcp_id = ? WHERE m.hcp_id = ? AND NOT EXISTS (SELECT 1"
				+ " FROM campaign_member s WHERE s.campaign_id = m.campaign_id AND s.hcp_id = ?)", merged.survivorId(),
				merged.duplicateId(), merged.survivorId());
	}

	/** The consent channel a campaign's item goes on. */
	static ConsentChannel channelOf(CampaignDraft draft) {
		if (draft.kind() == CampaignKind.EMAIL) {
			return ConsentChannel.EMAIL;
		}
		return (draft.pushChannel() != null) ? draft.pushChannel().consentChannel().orElse(null) : null;
	}

	private Campaign lockForUpdate(long id, long version) {
		this.jdbc.query("SELECT 1 FROM campaign WHERE id = ? FOR UPDATE", rs -> null, id);
		Campaign current = get(id);
		if (current.version() != version) {
			throw new StaleVersionException("campaign", id, version, current.version());
		}
		return current;
	}

	static final String SELECT = "SELECT c.*, s.name AS segment_name, cv.title AS content_title,"
			+ " tv.title AS template_title FROM campaign c JOIN segment s ON s.id = c.segment_id"
			+ " JOIN content_version cv ON cv.id = c.content_version_id"
			+ " LEFT JOIN content_version tv ON tv.id = c.template_version_id";

	private Campaign campaign(ResultSet rs, int row) throws SQLException {
		Timestamp completed = rs.getTimestamp("completed_at");
		Date endsOn = rs.getDate("ends_on");
		String push = rs.getString("push_channel");
		return new Campaign(rs.getLong("id"), rs.getString("name"), rs.getLong("segment_id"),
				rs.getString("segment_name"), this.segments.criteriaOf(rs.getString("criteria")),
				CampaignKind.valueOf(rs.getString("kind")), rs.getLong("therapeutic_area_id"),
				rs.getLong("content_version_id"), rs.getString("content_title"),
				(Long) rs.getObject("template_version_id"), rs.getString("template_title"),
				(push != null) ? Channel.valueOf(push) : null, rs.getInt("holdout_percent"),
				rs.getTimestamp("starts_at").toInstant(), (endsOn != null) ? endsOn.toLocalDate() : null,
				CampaignStatus.valueOf(rs.getString("status")), rs.getInt("members"), rs.getInt("held_out"),
				rs.getString("sender"), rs.getTimestamp("launched_at").toInstant(),
				(completed != null) ? completed.toInstant() : null, rs.getString("cancelled_by"),
				rs.getString("cancel_reason"), rs.getLong("version"));
	}

}
