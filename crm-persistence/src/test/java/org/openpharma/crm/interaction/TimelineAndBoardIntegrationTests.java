package org.openpharma.crm.interaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.TimelineQueries.Filter;
import org.openpharma.crm.need.InformationNeed;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.NeedManagement;
import org.openpharma.crm.need.NeedQueries;
import org.openpharma.crm.need.NeedStatus;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class TimelineAndBoardIntegrationTests extends PostgresTestBase {

	@Autowired
	TimelineQueries timeline;

	@Autowired
	NeedQueries board;

	@Autowired
	NeedManagement needs;

	@Autowired
	InteractionManagement interactions;

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.openpharma.crm.consent.ConsentLedger consents;

	@Autowired
	Clock clock;

	Hcp hcp;

	long area;

	@BeforeEach
	void setUp() {
		for (String[] u : new String[][] { { "tl-mr", "SALES" }, { "tl-cc", "CALL_CENTER" } }) {
			if (this.users.findByUsername(u[0]).isEmpty()) {
				this.users.create(u[0], u[0], "timeline-password-1", u[1],
						EnumSet.of(u[1].equals("SALES") ? Role.MR : Role.CALL_CENTER), Set.of(), "test");
			}
		}
		UniqueNames.Name name = UniqueNames.next();
		this.hcp = this.hcps.create(new HcpDetails(name.kanji() + " 次郎", name.kana() + " ジロウ", null, null, null, null,
				null, null), "test");
		org.openpharma.crm.ConsentFixtures.grantEverything(this.consents, this.hcp.getId(), this.clock.instant());
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '循環器', 'CV')"
				+ " RETURNING id", Long.class, "TL" + Math.abs(name.romaji().hashCode()));
	}

	private Interaction log(String user, Channel channel, Instant at, Set<Long> areas, List<NeedDraft> needs) {
		return this.interactions.log(new InteractionCapture(this.hcp.getId(),
				new InteractionFacts(channel, at, 5, null, "msg " + channel, null, null, areas), needs, List.of(), null,
				List.of()), user);
	}

	@Test
	void theTimelineShowsEveryDepartmentNewestFirstAndFilters() {
		Instant now = this.clock.instant();
		Interaction visit = log("tl-mr", Channel.VISIT, now.minus(Duration.ofDays(10)), Set.of(this.area), List.of());
		Interaction call = log("tl-cc", Channel.PHONE_IN, now.minus(Duration.ofDays(1)), Set.of(), List.of(
				new NeedDraft("q", NeedCategory.SAFETY, null, null, null, null)));
		assertThat(this.timeline.interactions(this.hcp.getId(), Filter.none(), 0, 20).items())
			.extracting(TimelineQueries.TimelineEntry::id).containsExactly(call.getId(), visit.getId());
		assertThat(this.timeline.interactions(this.hcp.getId(), Filter.none(), 0, 20).items().get(0).needCount())
			.isEqualTo(1);
		assertThat(ids(new Filter("SALES", null, null, null, null))).containsExactly(visit.getId());
		assertThat(ids(new Filter(null, Channel.PHONE_IN, null, null, null))).containsExactly(call.getId());
		assertThat(ids(new Filter(null, null, this.area, null, null))).containsExactly(visit.getId());
		LocalDate fiveDaysAgo = now.minus(Duration.ofDays(5)).atZone(ZoneOffset.UTC).toLocalDate();
		assertThat(ids(new Filter(null, null, null, fiveDaysAgo, null))).containsExactly(call.getId());
		assertThat(ids(new Filter(null, null, null, null, fiveDaysAgo))).containsExactly(visit.getId());
		SearchPage<TimelineQueries.TimelineEntry> secondPage = this.timeline.interactions(this.hcp.getId(),
				Filter.none(), 1, 1);
		assertThat(secondPage.total()).isEqualTo(2);
		assertThat(secondPage.items()).extracting(TimelineQueries.TimelineEntry::id).containsExactly(visit.getId());
	}

	@Test
	void theBoardFiltersByStatusUrgencyDepartmentAndAge() {
		log("tl-mr", Channel.VISIT, this.clock.instant(), Set.of(), List.of(
				new NeedDraft("urgent dosing", NeedCategory.DOSING, this.area, null, Urgency.HIGH, null),
				new NeedDraft("leaflet", NeedCategory.PATIENT_SUPPORT, this.area, null, Urgency.LOW, null)));
		List<Long> ours = this.timeline.needs(this.hcp.getId(), 10).stream().map(TimelineQueries.NeedEntry::id).toList();
		long dosing = this.timeline.needs(this.hcp.getId(), 10).stream().filter(n -> n.topic().equals("urgent dosing"))
			.findFirst().orElseThrow().id();
		long leaflet = ours.stream().filter(id -> id != dosing).findFirst().orElseThrow();
		InformationNeed need = this.needs.get(dosing);
		this.needs.triage(dosing, need.getVersion(), RoutedTo.MEDICAL, "medical question", "tl-mr");

		assertThat(boardIds(new NeedQueries.Filter(null, this.area, null, null, null, null))).containsExactly(dosing,
				leaflet);
		assertThat(boardIds(new NeedQueries.Filter(NeedStatus.TRIAGED, this.area, null, null, RoutedTo.MEDICAL, null)))
			.containsExactly(dosing);
		assertThat(boardIds(new NeedQueries.Filter(NeedStatus.OPEN, this.area, NeedCategory.PATIENT_SUPPORT,
				Urgency.LOW, null, null))).containsExactly(leaflet);
		assertThat(boardIds(new NeedQueries.Filter(null, this.area, null, null, null, 2))).isEmpty();
		assertThat(boardIds(new NeedQueries.Filter(null, null, null, null, null, null, this.hcp.getId())))
			.containsExactly(dosing, leaflet);
		assertThat(boardIds(new NeedQueries.Filter(null, null, null, null, null, null, -1L))).isEmpty();
	}

	private List<Long> ids(Filter filter) {
		return this.timeline.interactions(this.hcp.getId(), filter, 0, 20).items().stream()
			.map(TimelineQueries.TimelineEntry::id).toList();
	}

	private List<Long> boardIds(NeedQueries.Filter filter) {
		return this.board.board(filter, 0, 50).items().stream().map(NeedQueries.BoardRow::id).toList();
	}

}
