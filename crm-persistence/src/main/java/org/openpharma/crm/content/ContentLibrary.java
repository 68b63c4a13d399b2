package org.openpharma.crm.content;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.Capability;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing the library: items and their versions, the review, withdrawal and expiry. Every change is audited and
 * checked against the version the user saw; an approved version is never changed (a new version is a new row, and
 * R__content_library.sql refuses anything else).
 */
@Service
@Transactional
public class ContentLibrary {

	/** The longest reason or review comment (characters). */
	public static final int COMMENT_MAX = 2000;

	/** A file handed over with a draft: its name as uploaded and its bytes. */
	public record Upload(String name, byte[] bytes) {

		/** An upload, or null when no file was chosen. */
		public static Upload of(String name, byte[] bytes) {
			return (bytes == null || bytes.length == 0) ? null : new Upload(name, bytes);
		}

	}

	/** A version's state as the rules need it. */
	record VersionState(long id, long itemId, int number, ContentStatus status, ContentAudience audience,
			String ownerDepartment, String author, int round, long version, boolean hasContent) {
	}

	private final JdbcTemplate jdbc;

	private final AuditTrail audit;

	private final ReferenceData reference;

	private final ContentFiles files;

	private final Clock clock;

	ContentLibrary(JdbcTemplate jdbc, AuditTrail audit, ReferenceData reference, ContentFiles files, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.reference = reference;
		this.files = files;
		this.clock = clock;
	}

	/** A new item with its first version as a draft, with its file if one is given; returns the item id. */
	public long create(ContentDraft draft, Upload upload, ContentViewer author) {
		requireAuthor(author);
		ContentAudience audience = author.audienceOfNewItem();
		check(draft, audience, upload);
		Long fileId = store(upload, author);
		Instant now = this.clock.instant();
		Long itemId = this.jdbc.queryForObject("INSERT INTO content_item (audience, off_label, owner_department,"
				+ " created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id", Long.class, audience.name(),
				draft.offLabel(), author.department(), author.username(), Timestamp.from(now));
		long versionId = insertVersion(itemId, 1, draft, fileId, author.username(), now);
		this.audit.record(author.username(), "CREATE", "CONTENT_ITEM", itemId, null,
				auditState(draft, fileId, versionId, 1));
		return itemId;
	}

	/** Changes a draft (its author's department only); without an upload it keeps the file it has. */
	public void updateDraft(long versionId, long expectedVersion, ContentDraft draft, Upload upload, ContentViewer by) {
		VersionState state = lock(versionId, expectedVersion);
		requireOwner(state, by);
		if (!state.status().editable()) {
			throw DomainException.global("content.version.notDraft");
		}
		check(draft, state.audience(), upload);
		Long fileId = store(upload, by);
		if (draft.offLabel() != offLabel(state.itemId())) {
			this.jdbc.update("UPDATE content_item SET off_label = ?, version = version + 1 WHERE id = ?", draft.offLabel(),
					state.itemId());
		}
		this.jdbc.update("UPDATE content_version SET title = ?, kind = ?, therapeutic_area_id = ?, language = ?,"
				+ " summary = ?, body = ?, file_id = coalesce(?, file_id), need_categories = ?, topics = ?, topic_keys = ?,"
				+ " stages = ?, channels = ?, approval_ref = ?, expires_on = ?, updated_at = ?, version = version + 1"
				+ " WHERE id = ?", draft.title(), draft.kind().name(), draft.therapeuticAreaId(), draft.language(),
				draft.summary(), draft.body(), fileId, array("varchar", names(draft.needCategories())),
				array("varchar", draft.topics()), array("varchar", draft.topicKeys()),
				array("varchar", names(draft.stages())), array("varchar", names(draft.channels())), draft.approvalRef(),
				draft.expiresOn(), Timestamp.from(this.clock.instant()), versionId);
		this.jdbc.update("DELETE FROM content_version_product WHERE version_id = ?", versionId);
		insertProducts(versionId, draft);
		this.audit.record(by.username(), "UPDATE", "CONTENT_VERSION", versionId, null,
				auditState(draft, fileId, versionId, state.number()));
	}

	/**
	 * A new draft version of an item, copied from its latest version, to change what was approved (or to renew what
	 * expired). Refused while a draft or a version in review exists. Returns the new version's id.
	 */
	public long newVersion(long itemId, ContentViewer by) {
		Map<String, Object> item = this.jdbc.queryForList("SELECT owner_department FROM content_item WHERE id = ? FOR UPDATE",
				itemId).stream().findFirst().orElseThrow(() -> new NotFoundException("CONTENT_ITEM", itemId));
		if (!by.authors((String) item.get("owner_department"))) {
			throw DomainException.global("content.author.notOwner");
		}
		Boolean open = this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM content_version WHERE item_id = ?"
				+ " AND status IN ('DRAFT', 'IN_REVIEW'))", Boolean.class, itemId);
		if (Boolean.TRUE.equals(open)) {
			throw DomainException.global("content.version.openExists");
		}
		Instant now = this.clock.instant();
		Long versionId = this.jdbc.queryForObject("INSERT INTO content_version (item_id, number, title, kind,"
				+ " therapeutic_area_id, language, summary, body, file_id, need_categories, topics, topic_keys, stages,"
				+ " channels, approval_ref, expires_on, status, author, created_at, updated_at)"
				+ " SELECT item_id, number + 1, title, kind, therapeutic_area_id, language, summary, body, file_id,"
				+ " need_categories, topics, topic_keys, stages, channels, NULL, greatest(expires_on, ?::date), 'DRAFT', ?,"
				+ " ?, ? FROM content_version WHERE item_id = ? ORDER BY number DESC LIMIT 1 RETURNING id", Long.class,
				today().plusDays(1), by.username(), Timestamp.from(now), Timestamp.from(now), itemId);
		this.jdbc.update("INSERT INTO content_version_product (version_id, product_id) SELECT ?, p.product_id"
				+ " FROM content_version_product p WHERE p.version_id = (SELECT id FROM content_version WHERE item_id = ?"
				+ " AND id <> ? ORDER BY number DESC LIMIT 1)", versionId, itemId, versionId);
		this.audit.record(by.username(), "NEW_VERSION", "CONTENT_VERSION", versionId, null, Map.of("itemId", itemId));
		return versionId;
	}

	/** Sends a draft to its reviewers: it must have a file or a text, and still be valid. */
	public void submit(long versionId, long expectedVersion, ContentViewer by) {
		VersionState state = lock(versionId, expectedVersion);
		requireOwner(state, by);
		if (!state.status().canMoveTo(ContentStatus.IN_REVIEW)) {
			throw DomainException.global("content.version.notDraft");
		}
		if (!state.hasContent()) {
			throw new DomainException("content.submit.noContent", "file");
		}
		LocalDate expiresOn = this.jdbc.queryForObject("SELECT expires_on FROM content_version WHERE id = ?",
				LocalDate.class, versionId);
		if (!expiresOn.isAfter(today())) {
			throw new DomainException("content.expiresOn.past", "expiresOn");
		}
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE content_version SET status = 'IN_REVIEW', review_round = review_round + 1,"
				+ " submitted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?", Timestamp.from(now),
				Timestamp.from(now), versionId);
		this.audit.record(by.username(), "SUBMIT", "CONTENT_VERSION", versionId, Map.of("status", state.status().name()),
				Map.of("status", "IN_REVIEW", "round", state.round() + 1));
	}

	/** A review: approves one slot, or returns the version to its author; returns the version's status after it. */
	public ContentStatus review(long versionId, long expectedVersion, ReviewSlot slot, ReviewDecision decision,
			String comment, ContentViewer reviewer) {
		if (!Capability.REVIEW_CONTENT.heldByAny(reviewer.roles())) {
			throw DomainException.global("content.review.notReviewer");
		}
		VersionState state = lock(versionId, expectedVersion);
		if (!reviewer.sees(state.audience())) {
			throw new NotFoundException("CONTENT_VERSION", versionId);
		}
		String cleanComment = (comment == null || comment.isBlank()) ? null : comment.strip();
		if (cleanComment != null && cleanComment.length() > COMMENT_MAX) {
			throw ValidationException.of("comment", "content.review.commentTooLong", COMMENT_MAX);
		}
		ContentStatus after = ContentReviews.decide(state.status(), state.audience(), state.author(),
				round(versionId, state.round()), slot, decision, reviewer.username(), reviewer.roles(), cleanComment);
		Instant now = this.clock.instant();
		this.jdbc.update("INSERT INTO content_review (version_id, round, slot, decision, reviewer, comment, decided_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?)", versionId, state.round(), slot.name(), decision.name(),
				reviewer.username(), cleanComment, Timestamp.from(now));
		this.jdbc.update("UPDATE content_version SET status = ?, approved_at = ?, updated_at = ?, version = version + 1"
				+ " WHERE id = ?", after.name(), (after == ContentStatus.APPROVED) ? Timestamp.from(now) : null,
				Timestamp.from(now), versionId);
		Map<String, Object> audited = new LinkedHashMap<>();
		audited.put("slot", slot.name());
		audited.put("decision", decision.name());
		audited.put("round", state.round());
		audited.put("status", after.name());
		this.audit.record(reviewer.username(), "REVIEW", "CONTENT_VERSION", versionId,
				Map.of("status", state.status().name()), audited);
		return after;
	}

	/** Takes a version out of use for good, with a reason: its department's authors, or a reviewer. */
	public void withdraw(long versionId, long expectedVersion, String reason, ContentViewer by) {
		VersionState state = lock(versionId, expectedVersion);
		boolean reviewer = Capability.REVIEW_CONTENT.heldByAny(by.roles()) && by.sees(state.audience());
		if (!by.authors(state.ownerDepartment()) && !reviewer) {
			throw DomainException.global("content.author.notOwner");
		}
		if (reason == null || reason.isBlank()) {
			throw ValidationException.of("reason", "content.withdraw.reasonRequired");
		}
		if (reason.strip().length() > 500) {
			throw ValidationException.of("reason", "content.withdraw.reasonTooLong", 500);
		}
		if (!state.status().canMoveTo(ContentStatus.WITHDRAWN)) {
			throw DomainException.global("content.version.ended");
		}
		Instant now = this.clock.instant();
		this.jdbc.update("UPDATE content_version SET status = 'WITHDRAWN', ended_at = ?, ended_by = ?, end_reason = ?,"
				+ " updated_at = ?, version = version + 1 WHERE id = ?", Timestamp.from(now), by.username(), reason.strip(),
				Timestamp.from(now), versionId);
		this.audit.record(by.username(), "WITHDRAW", "CONTENT_VERSION", versionId, Map.of("status", state.status().name()),
				Map.of("status", "WITHDRAWN", "reason", reason.strip()));
	}

	/**
	 * Approved versions whose expiry date has passed become EXPIRED (run by {@link ContentExpiry}); returns how many.
	 * Queries treat a version past its date as expired already, so the job only makes it permanent.
	 */
	public int expireDue(String actor) {
		Instant now = this.clock.instant();
		List<Long> ids = this.jdbc.queryForList("UPDATE content_version SET status = 'EXPIRED', ended_at = ?, ended_by = ?,"
				+ " updated_at = ?, version = version + 1 WHERE status = 'APPROVED' AND expires_on < ? RETURNING id",
				Long.class, Timestamp.from(now), actor, Timestamp.from(now), today());
		for (Long id : ids) {
			this.audit.record(actor, "EXPIRE", "CONTENT_VERSION", id, Map.of("status", "APPROVED"),
					Map.of("status", "EXPIRED"));
		}
		return ids.size();
	}

	private List<ContentReviews.Given> round(long versionId, int round) {
		return this.jdbc.query("SELECT slot, decision, reviewer FROM content_review WHERE version_id = ? AND round = ?"
				+ " ORDER BY id", (rs, i) -> new ContentReviews.Given(ReviewSlot.valueOf(rs.getString(1)),
						ReviewDecision.valueOf(rs.getString(2)), rs.getString(3)), versionId, round);
	}

	private VersionState lock(long versionId, long expectedVersion) {
		VersionState state = this.jdbc.query("SELECT v.id, v.item_id, v.number, v.status, i.audience, i.owner_department,"
				+ " v.author, v.review_round, v.version, (v.body IS NOT NULL OR v.file_id IS NOT NULL)"
				+ " FROM content_version v JOIN content_item i ON i.id = v.item_id WHERE v.id = ? FOR UPDATE OF v",
				(rs, i) -> new VersionState(rs.getLong(1), rs.getLong(2), rs.getInt(3),
						ContentStatus.valueOf(rs.getString(4)), ContentAudience.valueOf(rs.getString(5)), rs.getString(6),
						rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getBoolean(10)),
				versionId).stream().findFirst().orElseThrow(() -> new NotFoundException("CONTENT_VERSION", versionId));
		if (state.version() != expectedVersion) {
			throw new StaleVersionException("CONTENT_VERSION", versionId, expectedVersion, state.version());
		}
		return state;
	}

	private static void requireAuthor(ContentViewer author) {
		if (!Capability.AUTHOR_CONTENT.heldByAny(author.roles())) {
			throw DomainException.global("content.author.notAuthor");
		}
	}

	private static void requireOwner(VersionState state, ContentViewer by) {
		if (!by.authors(state.ownerDepartment())) {
			throw DomainException.global("content.author.notOwner");
		}
	}

	private Long store(Upload upload, ContentViewer by) {
		return (upload != null) ? this.files.store(upload.name(), upload.bytes(), by.username()).id() : null;
	}

	private void check(ContentDraft draft, ContentAudience audience, Upload upload) {
		List<FieldViolation> violations = new ArrayList<>(draft.violations(audience, today()));
		if (draft.therapeuticAreaId() != null && !this.reference.therapeuticAreasExist(List.of(draft.therapeuticAreaId()))) {
			violations.add(new FieldViolation("therapeuticAreaId", "content.area.required"));
		}
		if (!draft.productIds().isEmpty() && draft.therapeuticAreaId() != null) {
			Integer outside = this.jdbc.queryForObject("SELECT count(*) FROM unnest(?::bigint[]) p(id)"
					+ " LEFT JOIN product pr ON pr.id = p.id WHERE pr.id IS NULL OR pr.therapeutic_area_id <> ?",
					Integer.class, (Object) draft.productIds().toArray(Long[]::new), draft.therapeuticAreaId());
			if (outside != null && outside > 0) {
				violations.add(new FieldViolation("productIds", "content.products.outsideArea"));
			}
		}
		if (upload != null) {
			violations.addAll(this.files.violations(upload.name(), upload.bytes()));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
	}

	private long insertVersion(long itemId, int number, ContentDraft draft, Long fileId, String author, Instant now) {
		Long versionId = this.jdbc.queryForObject("INSERT INTO content_version (item_id, number, title, kind,"
				+ " therapeutic_area_id, language, summary, body, file_id, need_categories, topics, topic_keys, stages,"
				+ " channels, approval_ref, expires_on, status, author, created_at, updated_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?) RETURNING id", Long.class,
				itemId, number, draft.title(), draft.kind().name(), draft.therapeuticAreaId(), draft.language(),
				draft.summary(), draft.body(), fileId, array("varchar", names(draft.needCategories())),
				array("varchar", draft.topics()), array("varchar", draft.topicKeys()),
				array("varchar", names(draft.stages())), array("varchar", names(draft.channels())), draft.approvalRef(),
				draft.expiresOn(), author, Timestamp.from(now), Timestamp.from(now));
		insertProducts(versionId, draft);
		return versionId;
	}

	private void insertProducts(long versionId, ContentDraft draft) {
		for (Long productId : draft.productIds()) {
			this.jdbc.update("INSERT INTO content_version_product (version_id, product_id) VALUES (?, ?)", versionId,
					productId);
		}
	}

	private boolean offLabel(long itemId) {
		return Boolean.TRUE.equals(
				this.jdbc.queryForObject("SELECT off_label FROM content_item WHERE id = ?", Boolean.class, itemId));
	}

	private Array array(String type, Collection<String> values) {
		return this.jdbc.execute((ConnectionCallback<Array>) c -> c.createArrayOf(type, values.toArray()));
	}

	private static List<String> names(Collection<? extends Enum<?>> values) {
		return values.stream().map(Enum::name).sorted().toList();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
	}

	private static Map<String, Object> auditState(ContentDraft draft, Long fileId, long versionId, int number) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("versionId", versionId);
		state.put("number", number);
		state.put("title", draft.title());
		state.put("kind", draft.kind().name());
		state.put("therapeuticAreaId", draft.therapeuticAreaId());
		state.put("productIds", draft.productIds());
		state.put("needCategories", names(draft.needCategories()));
		state.put("topics", draft.topics());
		state.put("stages", names(draft.stages()));
		state.put("channels", names(draft.channels()));
		state.put("language", draft.language());
		state.put("expiresOn", draft.expiresOn().toString());
		state.put("offLabel", draft.offLabel());
		state.put("fileId", fileId);
		return state;
	}

}
