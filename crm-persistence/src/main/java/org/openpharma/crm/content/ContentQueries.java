package org.openpharma.crm.content;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.openpharma.crm.shared.JapaneseText;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.PagedSql;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.user.UserManagement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the library as a viewer may see it ({@link ContentViewer}): the filtered list, an item with its versions
 * and reviews. A version past its expiry date reads as EXPIRED even before {@link ContentExpiry} marks it.
 */
@Service
@Transactional(readOnly = true)
public class ContentQueries {

	public static final int PAGE_SIZE = 50;

	/** How soon "expiring soon" is. */
	public static final int EXPIRING_DAYS = 30;

	/** The list's filters; null or empty means any. */
	public record Filter(Long areaId, Long productId, String category, String stage, String channel, String status,
			boolean expiringSoon, String text) {

		public static Filter none() {
			return new Filter(null, null, null, null, null, null, false, null);
		}

	}

	/** One version as lists and pages show it. */
	public record VersionRow(long itemId, long versionId, int number, String title, ContentKind kind,
			ContentAudience audience, boolean offLabel, long areaId, String areaJa, String areaEn, String language,
			ContentStatus status, LocalDate expiresOn, List<String> categories, List<String> topics,
			List<String> stages, List<String> channels, String summary, String approvalRef, String author,
			Instant updatedAt, long version) {

		public String area(Locale locale) {
			return Locale.JAPANESE.getLanguage().equals(locale.getLanguage()) ? this.areaJa : this.areaEn;
		}

		public boolean usable() {
			return this.status == ContentStatus.APPROVED;
		}

	}

	/** A review as the item page shows it. */
	public record Review(int round, ReviewSlot slot, ReviewDecision decision, String reviewer, String reviewerName,
			String comment, Instant decidedAt) {
	}

	/** The whole of one version: its text, products, file and reviews. */
	public record VersionDetail(VersionRow row, String body, List<ProductName> products, Long fileId, int round,
			Instant submittedAt, Instant approvedAt, Instant endedAt, String endedBy, String endReason,
			String authorName, List<Review> reviews) {

		/** The current round's reviews, for the review rules. */
		public List<ContentReviews.Given> currentRound() {
			return this.reviews.stream()
				.filter(r -> r.round() == this.round)
				.map(r -> new ContentReviews.Given(r.slot(), r.decision(), r.reviewer()))
				.toList();
		}

	}

	public record ProductName(long id, String nameJa, String nameEn) {

		public String name(Locale locale) {
			return Locale.JAPANESE.getLanguage().equals(locale.getLanguage()) ? this.nameJa : this.nameEn;
		}

	}

	/** An item: who owns it and its versions, newest first. */
	public record Item(long id, ContentAudience audience, boolean offLabel, String ownerDepartment, List<VersionRow> versions) {

		public VersionRow latest() {
			return this.versions.get(0);
		}

		/** Whether a draft or a version in review exists (then no new version can be started). */
		public boolean hasOpenVersion() {
			return this.versions.stream()
				.anyMatch(v -> v.status() == ContentStatus.DRAFT || v.status() == ContentStatus.IN_REVIEW);
		}

	}

	private static final String COLUMNS = "i.id AS item_id, v.id AS version_id, v.number, v.title, v.kind, i.audience,"
			+ " i.off_label, v.therapeutic_area_id, a.name_ja AS area_ja, a.name_en AS area_en, v.language,"
			+ " CASE WHEN v.status = 'APPROVED' AND v.expires_on < ? THEN 'EXPIRED' ELSE v.status END AS status,"
			+ " v.expires_on, v.need_categories, v.topics, v.stages, v.channels, v.summary, v.approval_ref, v.author,"
			+ " v.updated_at, v.version";

	private static final RowMapper<VersionRow> ROW = (rs, n) -> new VersionRow(rs.getLong("item_id"),
			rs.getLong("version_id"), rs.getInt("number"), rs.getString("title"), ContentKind.valueOf(rs.getString("kind")),
			ContentAudience.valueOf(rs.getString("audience")), rs.getBoolean("off_label"),
			rs.getLong("therapeutic_area_id"), rs.getString("area_ja"), rs.getString("area_en"),
			rs.getString("language"), ContentStatus.valueOf(rs.getString("status")),
			rs.getObject("expires_on", LocalDate.class), strings(rs, "need_categories"), strings(rs, "topics"),
			strings(rs, "stages"), strings(rs, "channels"), rs.getString("summary"), rs.getString("approval_ref"),
			rs.getString("author"), rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));

	private final JdbcTemplate jdbc;

	private final UserManagement users;

	private final Clock clock;

	ContentQueries(JdbcTemplate jdbc, UserManagement users, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * The library as the viewer may see it: per item, the newest version they may see (authors and reviewers: the
	 * newest of all; everyone else: the newest approved and unexpired one), filtered, most recently changed first.
	 */
	public SearchPage<VersionRow> search(Filter filter, ContentViewer viewer, int page) {
		LocalDate today = today();
		List<Object> args = new ArrayList<>();
		args.add(today);
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM content_item i JOIN LATERAL (SELECT * FROM"
				+ " content_version cv WHERE cv.item_id = i.id");
		if (!viewer.seesUnapproved()) {
			sql.append(" AND cv.status = 'APPROVED' AND cv.expires_on >= ?");
			args.add(today);
		}
		sql.append(" ORDER BY cv.number DESC LIMIT 1) v ON true JOIN therapeutic_area a ON a.id = v.therapeutic_area_id"
				+ " WHERE true");
		if (!viewer.seesMedical()) {
			sql.append(" AND i.audience = 'PROMOTIONAL'");
		}
		if (filter.areaId() != null) {
			sql.append(" AND v.therapeutic_area_id = ?");
			args.add(filter.areaId());
		}
		if (filter.productId() != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM content_version_product p WHERE p.version_id = v.id AND p.product_id = ?)");
			args.add(filter.productId());
		}
		arrayFilter(sql, args, "v.need_categories", filter.category());
		arrayFilter(sql, args, "v.stages", filter.stage());
		arrayFilter(sql, args, "v.channels", filter.channel());
		if (filter.status() != null && !filter.status().isBlank()) {
			ContentStatus status = ContentStatus.valueOf(filter.status());
			switch (status) {
				case APPROVED -> {
					sql.append(" AND v.status = 'APPROVED' AND v.expires_on >= ?");
					args.add(today);
				}
				case EXPIRED -> {
					sql.append(" AND (v.status = 'EXPIRED' OR (v.status = 'APPROVED' AND v.expires_on < ?))");
					args.add(today);
				}
				default -> {
					sql.append(" AND v.status = ?");
					args.add(status.name());
				}
			}
		}
		if (filter.expiringSoon()) {
			sql.append(" AND v.status = 'APPROVED' AND v.expires_on BETWEEN ? AND ?");
			args.add(today);
			args.add(today.plusDays(EXPIRING_DAYS));
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			String key = JapaneseText.topicKey(filter.text());
			sql.append(" AND (v.title ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM unnest(v.topic_keys) t WHERE t LIKE ?"
					+ " ESCAPE '\\'))");
			args.add("%" + JapaneseText.escapeLike(JapaneseText.normalize(filter.text())) + "%");
			args.add("%" + JapaneseText.escapeLike(key) + "%");
		}
		return PagedSql.page(this.jdbc, sql.toString(), "ORDER BY v.updated_at DESC, i.id DESC", args, ROW, page,
				PAGE_SIZE);
	}

	/** The item with the versions the viewer may see; not found when they may see none (or not its audience). */
	public Item item(long itemId, ContentViewer viewer) {
		List<VersionRow> versions = versions(itemId, viewer);
		if (versions.isEmpty() || !viewer.sees(versions.get(0).audience())) {
			throw new NotFoundException("CONTENT_ITEM", itemId);
		}
		String owner = this.jdbc.queryForObject("SELECT owner_department FROM content_item WHERE id = ?", String.class,
				itemId);
		VersionRow latest = versions.get(0);
		return new Item(itemId, latest.audience(), latest.offLabel(), owner, versions);
	}

	private List<VersionRow> versions(long itemId, ContentViewer viewer) {
		LocalDate today = today();
		List<Object> args = new ArrayList<>(List.of(today, itemId));
		String visible = "";
		if (!viewer.seesUnapproved()) {
			visible = " AND v.status = 'APPROVED' AND v.expires_on >= ?";
			args.add(today);
		}
		return this.jdbc.query("SELECT " + COLUMNS + " FROM content_item i JOIN content_version v ON v.item_id = i.id"
				+ " JOIN therapeutic_area a ON a.id = v.therapeutic_area_id WHERE i.id = ?" + visible
				+ " ORDER BY v.number DESC", ROW, args.toArray());
	}

	/** One version of the item, in full. */
	public VersionDetail version(long itemId, long versionId, ContentViewer viewer) {
		Item item = item(itemId, viewer);
		VersionRow row = item.versions().stream()
			.filter(v -> v.versionId() == versionId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("CONTENT_VERSION", versionId));
		return this.jdbc.queryForObject("SELECT body, file_id, review_round, submitted_at, approved_at, ended_at,"
				+ " ended_by, end_reason FROM content_version WHERE id = ?", (rs, n) -> {
					List<Review> reviews = reviews(versionId);
					return new VersionDetail(row, rs.getString(1), products(versionId), (Long) rs.getObject(2),
							rs.getInt(3), instant(rs, 4), instant(rs, 5), instant(rs, 6), rs.getString(7),
							rs.getString(8), this.users.displayNameOf(row.author()), reviews);
				}, versionId);
	}

	/** The file of a version the viewer may see, if it has one. */
	public Optional<Long> fileOf(long versionId, ContentViewer viewer) {
		Long itemId = this.jdbc.query("SELECT item_id FROM content_version WHERE id = ?", (rs, n) -> rs.getLong(1),
				versionId).stream().findFirst().orElseThrow(() -> new NotFoundException("CONTENT_VERSION", versionId));
		return Optional.ofNullable(version(itemId, versionId, viewer).fileId());
	}

	/** The versions waiting for a review this viewer could give, oldest submission first. */
	public List<VersionRow> awaitingReview(ContentViewer viewer, int limit) {
		List<Object> args = new ArrayList<>(List.of(today(), viewer.username()));
		String audience = viewer.seesMedical() ? "" : " AND i.audience = 'PROMOTIONAL'";
		args.add(limit);
		return this.jdbc.query("SELECT " + COLUMNS + " FROM content_version v JOIN content_item i ON i.id = v.item_id"
				+ " JOIN therapeutic_area a ON a.id = v.therapeutic_area_id WHERE v.status = 'IN_REVIEW' AND v.author <> ?"
				+ audience + " ORDER BY v.submitted_at, v.id LIMIT ?", ROW, args.toArray());
	}

	private List<Review> reviews(long versionId) {
		List<Review> reviews = this.jdbc.query("SELECT round, slot, decision, reviewer, comment, decided_at"
				+ " FROM content_review WHERE version_id = ? ORDER BY id", (rs, n) -> new Review(rs.getInt(1),
						ReviewSlot.valueOf(rs.getString(2)), ReviewDecision.valueOf(rs.getString(3)), rs.getString(4),
						null, rs.getString(5), rs.getTimestamp(6).toInstant()), versionId);
		var names = this.users.displayNamesOf(reviews.stream().map(Review::reviewer).toList());
		return reviews.stream()
			.map(r -> new Review(r.round(), r.slot(), r.decision(), r.reviewer(),
					names.getOrDefault(r.reviewer(), r.reviewer()), r.comment(), r.decidedAt()))
			.toList();
	}

	private List<ProductName> products(long versionId) {
		return this.jdbc.query("SELECT p.id, p.name_ja, p.name_en FROM content_version_product vp JOIN product p"
				+ " ON p.id = vp.product_id WHERE vp.version_id = ? ORDER BY p.code", (rs, n) -> new ProductName(
						rs.getLong(1), rs.getString(2), rs.getString(3)), versionId);
	}

	private static void arrayFilter(StringBuilder sql, List<Object> args, String column, String value) {
		if (value != null && !value.isBlank()) {
			sql.append(" AND ? = ANY (").append(column).append(")");
			args.add(value);
		}
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

}
