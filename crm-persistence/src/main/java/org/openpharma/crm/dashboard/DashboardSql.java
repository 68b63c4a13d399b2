package org.openpharma.crm.dashboard;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openpharma.crm.inquiry.InquiryStatus;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.need.NeedStatus;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.stage.AdoptionStage;

/**
 * The SQL the dashboard queries share: the domain's sets as SQL lists (taken from the enums, so a new channel
 * or status is counted where it belongs), the optional filter conditions, and shares in percent.
 */
final class DashboardSql {

	/** Channels the company initiates ({@link Channel#isPush()}); every other channel is pull. */
	static final String PUSH_CHANNELS = list(Arrays.stream(Channel.values()).filter(Channel::isPush));

	/** Needs still waiting for an answer ({@link NeedStatus#isOpen()}). */
	static final String OPEN_NEEDS = list(Arrays.stream(NeedStatus.values()).filter(NeedStatus::isOpen));

	/** Inquiries off the medical team's clock: answered or closed ({@link InquiryStatus#isOpen()}). */
	static final String FINISHED_INQUIRIES = list(Arrays.stream(InquiryStatus.values()).filter(s -> !s.isOpen()));

	/** What the rollups record as the stage of an HCP who had none yet in the area. */
	static final String NO_STAGE = "NONE";

	/** The stages in order, from none toward advocacy. */
	static final List<String> STAGES = Stream
		.concat(Stream.of(NO_STAGE), Arrays.stream(AdoptionStage.values()).map(AdoptionStage::name))
		.toList();

	private DashboardSql() {
	}

	/** Enum names as an SQL list, e.g. {@code ('OPEN', 'TRIAGED')}; names are plain identifiers, safe to inline. */
	private static String list(Stream<? extends Enum<?>> values) {
		return values.map(v -> "'" + v.name() + "'").collect(Collectors.joining(", ", "(", ")"));
	}

	/** A stage's place in {@link #STAGES} (-1 for anything else). */
	static int rank(String stage) {
		return STAGES.indexOf(stage);
	}

	/** {@code part} of {@code whole} in whole percent, or null when there is no whole. */
	static Integer share(long part, long whole) {
		return (whole == 0) ? null : (int) Math.round(100.0 * part / whole);
	}

	/** A WHERE clause of optional conditions and its arguments. */
	static final class Where {

		private final StringBuilder sql = new StringBuilder();

		private final List<Object> args = new ArrayList<>();

		/** {@code column = value}, unless the value is null (not filtered). */
		Where eq(String column, Object value) {
			if (value != null) {
				add(column + " = ?", value);
			}
			return this;
		}

		/** The filter's months, as first days of the month. */
		Where period(String column, DashboardFilter filter) {
			add(column + " >= ?", Date.valueOf(filter.from().atDay(1)));
			add(column + " <= ?", Date.valueOf(filter.to().atDay(1)));
			return this;
		}

		/** The prefectures of a region, unless the region is null. */
		Where prefectureRegion(String column, String region) {
			if (region != null) {
				add(column + " IN (SELECT code FROM prefecture WHERE region_code = ?)", region);
			}
			return this;
		}

		private void add(String condition, Object value) {
			this.sql.append(this.sql.isEmpty() ? " WHERE " : " AND ").append(condition);
			this.args.add(value);
		}

		String sql() {
			return this.sql.toString();
		}

		/** " WHERE " or " AND ", whichever continues this clause with one more condition. */
		String and() {
			return this.sql.isEmpty() ? " WHERE " : " AND ";
		}

		Object[] args() {
			return this.args.toArray();
		}

	}

}
