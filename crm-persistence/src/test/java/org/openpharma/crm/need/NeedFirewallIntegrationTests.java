package org.openpharma.crm.need;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commercial/medical firewall for needs is in the query (docs/adr/0024): how a need routed to medical affairs
 * was met, and why it was closed unmet, never leave the database for a reader who may not read medical content.
 */
@PostgresTest
class NeedFirewallIntegrationTests extends PostgresTestBase {

	static final String HOW_MET = "Answered with the renal dosing letter MI-0042";

	static final String WHY_UNMET = "Off-label question, MI-0043 declined";

	@Autowired
	NeedManagement needs;

	@Autowired
	InformationNeedRepository repository;

	@Autowired
	NeedQueries queries;

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long hcpId;

	/** A call center agent: works needs nationwide. */
	String agent;

	/** An interaction of the HCP, the one a need was met in. */
	long interactionId;

	@BeforeEach
	void anHcpAndACallCenterAgent() {
		this.agent = "cc-fw-" + (System.nanoTime() % 1_000_000_000L);
		this.users.create(this.agent, "Call center", "a call center test passphrase", "CALL_CENTER",
				EnumSet.of(Role.CALL_CENTER), Set.of(), "test");
		UniqueNames.Name name = UniqueNames.next();
		this.hcpId = this.hcps.create(new HcpDetails(name.kanji() + " 次郎", name.kana() + " ジロウ", null, null, null, null,
				null, null), "test").getId();
		java.sql.Timestamp now = java.sql.Timestamp.from(this.clock.instant());
		this.interactionId = this.jdbc.queryForObject("INSERT INTO interaction (hcp_id, channel, occurred_at, author,"
				+ " department_code, recorded_at, updated_at, purpose) VALUES (?, 'VISIT', ?, ?, 'CALL_CENTER', ?, ?,"
				+ " 'PROMOTIONAL')"
				+ " RETURNING id", Long.class, this.hcpId, now, this.agent, now, now);
	}

	/** A need routed to {@code department} and fulfilled, or closed unmet, by national users. */
	private long need(RoutedTo department, boolean fulfilled) {
		InformationNeed need = this.repository.saveAndFlush(InformationNeed.raise(this.hcpId, null, "renal dosing",
				NeedCategory.DOSING, null, null, Urgency.HIGH, "eGFR 25", "mr07", this.clock.instant()));
		need = this.needs.triage(need.getId(), need.getVersion(), department, "routed", this.agent);
		if (fulfilled) {
			need = this.needs.start(need.getId(), need.getVersion(), this.agent);
		}
		need = fulfilled ? this.needs.fulfil(need.getId(), need.getVersion(), HOW_MET, this.interactionId, null, this.agent)
				: this.needs.closeUnmet(need.getId(), need.getVersion(), WHY_UNMET, this.agent);
		return need.getId();
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void onlyMedicalAffairsReceivesHowANeedRoutedToMedicalWasMetOrWhyItWasClosed(Role role) {
		long met = need(RoutedTo.MEDICAL, true);
		long unmet = need(RoutedTo.MEDICAL, false);
		boolean medical = role == Role.MEDICAL;
		NeedQueries.NeedView metView = this.queries.detail(met, Set.of(role)).orElseThrow();
		NeedQueries.NeedView unmetView = this.queries.detail(unmet, Set.of(role)).orElseThrow();
		assertThat(metView.medicalWithheld()).isEqualTo(!medical);
		assertThat(metView.fulfilment()).isEqualTo(medical ? HOW_MET : null);
		assertThat(metView.fulfilledByInteractionId()).isEqualTo(medical ? this.interactionId : null);
		assertThat(unmetView.closeReason()).isEqualTo(medical ? WHY_UNMET : null);
		assertThat(unmetView.medicalWithheld()).isEqualTo(!medical);
		// What everyone may know stays: the topic, the details the MR wrote, the route and the status.
		assertThat(metView.topic()).isEqualTo("renal dosing");
		assertThat(metView.details()).isEqualTo("eGFR 25");
		assertThat(metView.routedTo()).isEqualTo(RoutedTo.MEDICAL);
		assertThat(metView.status()).isEqualTo(NeedStatus.FULFILLED);
		assertThat(unmetView.status()).isEqualTo(NeedStatus.CLOSED_UNMET);
	}

	@Test
	void aReaderWithAMedicalRoleAmongOthersReadsItAndOneWithoutAnyRoleDoesNot() {
		long met = need(RoutedTo.MEDICAL, true);
		assertThat(this.queries.detail(met, EnumSet.of(Role.MR, Role.MEDICAL)).orElseThrow().fulfilment()).isEqualTo(HOW_MET);
		assertThat(this.queries.detail(met, Set.of()).orElseThrow().fulfilment()).isNull();
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyoneReadsHowANeedRoutedElsewhereWasMet(Role role) {
		long marketing = need(RoutedTo.MARKETING, true);
		long sales = need(RoutedTo.SALES, false);
		assertThat(this.queries.detail(marketing, Set.of(role)).orElseThrow().fulfilment()).isEqualTo(HOW_MET);
		assertThat(this.queries.detail(sales, Set.of(role)).orElseThrow().closeReason()).isEqualTo(WHY_UNMET);
		assertThat(this.queries.detail(marketing, Set.of(role)).orElseThrow().medicalWithheld()).isFalse();
	}

	@Test
	void anUntriagedNeedWithholdsNothingAndAnUnknownOneIsEmpty() {
		long open = this.repository.saveAndFlush(InformationNeed.raise(this.hcpId, null, "leaflet", NeedCategory.DOSING,
				null, null, null, null, "mr07", this.clock.instant())).getId();
		NeedQueries.NeedView view = this.queries.detail(open, Set.of(Role.MR)).orElseThrow();
		assertThat(view.routedTo()).isNull();
		assertThat(view.medicalWithheld()).isFalse();
		assertThat(this.queries.detail(-1, Set.of(Role.MEDICAL))).isEmpty();
	}

}
