package org.openpharma.crm.gap;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.NeedStatus;
import org.openpharma.crm.shared.PagedSql;
import org.openpharma.crm.shared.SearchPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Content requests as their readers see them. A request is answered as soon as some approved, unexpired content
 * answers its group ({@link ContentMatch}), read at the time of the query: nothing in the content library has to
 * tell the request, and content that expires or is withdrawn stops answering it. The needs of an answered request
 * that are still open are offered for fulfilment (the request page, the marker on the needs board).
 */
@Service
@Transactional(readOnly = true)
public class ContentRequestQueries {

	/** The statuses of a need that can still be fulfilled. */
	static final List<String> OPEN = List.of("OPEN", "TRIAGED", "IN_PROGRESS");

	/**
	 * One request. {@code stillOpen}: how many of its needs are open now; {@code answer}: the content that answers
	 * it as this reader may see it ({@link GapAnswer}).
	 */
	public record RequestRow(long id, GapKey group, String topic, RequestDepartment assignedTo, String note,
			int hcpCount, int needCount, String requestedBy, Instant requestedAt, long stillOpen, GapAnswer answer) {

		public boolean answered() {
			return this.answer.answered();
		}

	}

	/** One need of a request's snapshot, with whether it is offered for fulfilment now. */
	public record RequestNeed(long id, long hcpId, String hcpName, String topic, NeedStatus status, String routedTo,
			Instant createdAt, boolean offered) {
	}

	public record RequestDetail(RequestRow request, List<RequestNeed> needs) {
	}

	private static final String SELECT = "SELECT r.id, r.ta_id, coalesce(r.product_id, 0), r.category, r.topic_key,"
			+ " r.topic, r.assigned_to, r.note, r.hcp_count, r.need_count, r.requested_by, r.requested_at,"
			+ " (SELECT count(*) FROM content_request_need rn JOIN information_need n ON n.id = rn.need_id"
			+ "  WHERE rn.request_id = r.id AND n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS'))"
			+ " FROM content_request r";

	private final JdbcTemplate jdbc;

	private final ContentGapQueries gaps;

	ContentRequestQueries(JdbcTemplate jdbc, ContentGapQueries gaps) {
		this.jdbc = jdbc;
		this.gaps = gaps;
	}

	/** The requests assigned to a department (null: all), newest first. */
	public SearchPage<RequestRow> list(RequestDepartment department, boolean seesMedical, int page, int size) {
		List<Object> args = new ArrayList<>();
		String where = "";
		if (department != null) {
			where = " WHERE r.assigned_to = ?";
			args.add(department.name());
		}
		SearchPage<RequestRow> rows = PagedSql.page(this.jdbc, SELECT + where, "ORDER BY r.requested_at DESC, r.id DESC",
				args, (rs, i) -> row(rs, null), page, size);
		List<UsableContent> usable = this.gaps.usableContent(null);
		return new SearchPage<>(rows.items().stream().map(r -> answered(r, usable, seesMedical)).toList(), rows.page(),
				rows.size(), rows.total(), false);
	}

	public Optional<RequestDetail> detail(long id, boolean seesMedical) {
		List<RequestRow> rows = this.jdbc.query(SELECT + " WHERE r.id = ?", (rs, i) -> row(rs, null), id);
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		RequestRow request = answered(rows.get(0), this.gaps.usableContent(rows.get(0).group().therapeuticAreaId()),
				seesMedical);
		List<RequestNeed> needs = this.jdbc.query("SELECT n.id, n.hcp_id, h.name_kanji, n.topic, n.status, n.routed_to,"
				+ " n.created_at FROM content_request_need rn JOIN information_need n ON n.id = rn.need_id"
				+ " JOIN hcp h ON h.id = n.hcp_id WHERE rn.request_id = ? ORDER BY n.created_at, n.id",
				(rs, i) -> {
					NeedStatus status = NeedStatus.valueOf(rs.getString(5));
					return new RequestNeed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), status,
							rs.getString(6), rs.getTimestamp(7).toInstant(),
							request.answered() && OPEN.contains(status.name()));
				}, id);
		return Optional.of(new RequestDetail(request, needs));
	}

	/**
	 * Of these needs, those offered for fulfilment: still open and in a request that content answers now, with that
	 * answer as the reader may see it (the newest request's when a need is in several).
	 */
	public Map<Long, GapAnswer> offers(Collection<Long> needIds, boolean seesMedical) {
		Map<Long, GapAnswer> offers = new HashMap<>();
		if (needIds.isEmpty()) {
			return offers;
		}
		Map<Long, RequestRow> requests = new HashMap<>();
		Map<Long, Long> requestOfNeed = new HashMap<>();
		this.jdbc.query(SELECT.replace(" FROM content_request r", ", rn.need_id FROM content_request r"
				+ " JOIN content_request_need rn ON rn.request_id = r.id JOIN information_need n ON n.id = rn.need_id")
				+ " WHERE rn.need_id = ANY (?) AND n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS')"
				+ " ORDER BY r.requested_at, r.id", rs -> {
					RequestRow row = row(rs, null);
					requests.put(row.id(), row);
					requestOfNeed.put(rs.getLong(14), row.id());
				}, (Object) needIds.toArray(Long[]::new));
		if (requests.isEmpty()) {
			return offers;
		}
		List<UsableContent> usable = this.gaps.usableContent(null);
		Map<Long, GapAnswer> answers = new HashMap<>();
		requests.values().forEach(r -> answers.put(r.id(), answered(r, usable, seesMedical).answer()));
		requestOfNeed.forEach((need, request) -> {
			GapAnswer answer = answers.get(request);
			if (answer.answered()) {
				offers.put(need, answer);
			}
		});
		return offers;
	}

	private static RequestRow answered(RequestRow row, List<UsableContent> usable, boolean seesMedical) {
		GapAnswer answer = GapAnswer.of(ContentMatch.answering(usable, row.group()), seesMedical);
		return new RequestRow(row.id(), row.group(), row.topic(), row.assignedTo(), row.note(), row.hcpCount(),
				row.needCount(), row.requestedBy(), row.requestedAt(), row.stillOpen(), answer);
	}

	private static RequestRow row(ResultSet rs, GapAnswer answer) throws SQLException {
		return new RequestRow(rs.getLong(1), new GapKey(rs.getLong(2), rs.getLong(3),
				NeedCategory.valueOf(rs.getString(4)), rs.getString(5)), rs.getString(6),
				RequestDepartment.valueOf(rs.getString(7)), rs.getString(8), rs.getInt(9), rs.getInt(10),
				rs.getString(11), rs.getTimestamp(12).toInstant(), rs.getLong(13),
				(answer != null) ? answer : GapAnswer.NONE);
	}

}
