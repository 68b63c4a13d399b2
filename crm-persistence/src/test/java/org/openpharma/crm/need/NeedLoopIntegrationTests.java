package org.openpharma.crm.need;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.audit.AuditEntry;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Closing the loop on a need (issue 14, item 14): met in one of the HCP's interactions, answered by one of the HCP's
 * medical inquiries, confirmed with what the HCP said; each link is about the need's own HCP, audited and
 * version-checked, and the firewall keeps the medical part with medical affairs.
 */
@PostgresTest
class NeedLoopIntegrationTests extends PostgresTestBase {

	@Autowired
	NeedManagement needs;

	@Autowired
	NeedQueries queries;

	@Autowired
	InformationNeedRepository repository;

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement users;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	String msl;

	long hcpId;

	long otherHcpId;

	@BeforeEach
	void aMedicalUserAndTwoHcps() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.msl = "msl-loop-" + n;
		this.users.create(this.msl, "ループ 医学", "a medical test passphrase", "MEDICAL", EnumSet.of(Role.MEDICAL),
				Set.of(), "test");
		this.hcpId = hcp();
		this.otherHcpId = hcp();
	}

	private long hcp() {
		UniqueNames.Name name = UniqueNames.next();
		return this.hcps.create(new HcpDetails(name.kanji() + " 三郎", name.kana() + " サブロウ", null, null, null, null, null,
				null), "test").getId();
	}

	private long interaction(long hcp, Instant at, String channel, String author, String keyMessages) {
		Timestamp when = Timestamp.from(at);
		return this.jdbc.queryForObject("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code,"
				+ " key_messages, recorded_at, updated_at, purpose) VALUES (?, ?, ?, ?, 'MEDICAL', ?, ?, ?, 'MEDICAL_INFORMATION')"
				+ " RETURNING id", Long.class, hcp, channel, when, author, keyMessages, when, when);
	}

	private long inquiry(long hcp, String subject, String status, Instant receivedAt) {
		Timestamp at = Timestamp.from(receivedAt);
		boolean assigned = !status.equals("RECEIVED") && !status.equals("TRIAGED");
		boolean answered = status.equals("ANSWERED") || status.equals("CLOSED");
		return this.jdbc.queryForObject("INSERT INTO medical_inquiry (hcp_id, subject, question, answer_channel, urgency,"
				+ " priority, status, received_at, aware_at, received_by, received_via, due_at, updated_at, assignee,"
				+ " answer_text, answer_author, answer_approved_by, delivered_at) VALUES (?, ?, 'eGFR 25 の患者での用量は？',"
				+ " 'EMAIL', 'NORMAL', 'NORMAL', ?, ?, ?, 'cc01', 'CALL_CENTER', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
				Long.class, hcp, subject, status, at, at, at, at, assigned ? "msl01" : null,
				answered ? "腎機能別の用量表のとおりです。" : null, answered ? "msl01" : null, answered ? "msl02" : null,
				answered ? at : null);
	}

	/** A need of the HCP routed to {@code department} and started. */
	private InformationNeed started(RoutedTo department) {
		InformationNeed need = this.repository.saveAndFlush(InformationNeed.raise(this.hcpId, null, "腎機能低下時の用量",
				NeedCategory.DOSING, null, null, Urgency.HIGH, null, "mr07", this.clock.instant()));
		need = this.needs.triage(need.getId(), need.getVersion(), department, "医学的な質問", this.msl);
		return this.needs.start(need.getId(), need.getVersion(), this.msl);
	}

	@Test
	void aNeedIsMetInAnInteractionAnsweredByAnInquiryAndConfirmedWithWhatTheHcpSaid() {
		Instant now = this.clock.instant();
		long call = interaction(this.hcpId, now.minus(Duration.ofHours(2)), "PHONE_OUT", this.msl, "腎機能別の用量表を説明");
		long inquiry = inquiry(this.hcpId, "腎機能低下時の用量", "ANSWERED", now.minus(Duration.ofDays(1)));
		InformationNeed need = started(RoutedTo.MEDICAL);
		need = this.needs.fulfil(need.getId(), need.getVersion(), "標準回答書を送付", call, inquiry, this.msl);
		need = this.needs.confirm(need.getId(), need.getVersion(), true, 5, "  表が診療で役立った  ", "mr07");

		NeedQueries.NeedView view = this.queries.detail(need.getId(), Set.of(Role.MEDICAL)).orElseThrow();
		assertThat(view.status()).isEqualTo(NeedStatus.CONFIRMED_BY_HCP);
		assertThat(view.feedbackComment()).isEqualTo("表が診療で役立った");
		assertThat(view.fulfilledBy().id()).isEqualTo(call);
		assertThat(view.fulfilledBy().channel()).isEqualTo("PHONE_OUT");
		assertThat(view.fulfilledBy().who()).isEqualTo("ループ 医学");
		assertThat(view.fulfilledBy().keyMessages()).isEqualTo("腎機能別の用量表を説明");
		assertThat(view.inquiryLinked()).isTrue();
		assertThat(view.answeredBy().id()).isEqualTo(inquiry);
		assertThat(view.answeredBy().subject()).isEqualTo("腎機能低下時の用量");
		assertThat(view.answeredBy().status()).isEqualTo("ANSWERED");
		assertThat(this.queries.answeredBy(inquiry)).extracting(NeedQueries.AnsweredNeed::id).containsExactly(need.getId());

		// The audit keeps each step with what it recorded.
		List<AuditEntry> history = this.audit.history("NEED", need.getId(), 10);
		assertThat(history).extracting(AuditEntry::action).containsExactly("CONFIRM", "FULFIL", "START", "TRIAGE");
		assertThat(history.get(0).after()).containsEntry("feedbackComment", "表が診療で役立った");
		// (JSON numbers come back as the smallest type that holds them.)
		assertThat(((Number) history.get(1).after().get("answeredByInquiryId")).longValue()).isEqualTo(inquiry);
		assertThat(((Number) history.get(1).after().get("fulfilledByInteractionId")).longValue()).isEqualTo(call);
	}

	@Test
	void anInteractionOrInquiryOfAnotherHcpOrOneThatDoesNotExistIsRefusedOnItsFieldAndNothingChanges() {
		Instant now = this.clock.instant();
		long othersCall = interaction(this.otherHcpId, now, "VISIT", this.msl, "別の医師");
		long othersInquiry = inquiry(this.otherHcpId, "別の医師の質問", "ANSWERED", now);
		InformationNeed need = started(RoutedTo.MEDICAL);
		long id = need.getId();
		long version = need.getVersion();
		assertThatThrownBy(() -> this.needs.fulfil(id, version, "送付", othersCall, null, this.msl))
			.isInstanceOfSatisfying(DomainException.class, ex -> {
				assertThat(ex.getCode()).isEqualTo("need.fulfilledBy.otherHcp");
				assertThat(ex.getField()).isEqualTo("interactionId");
			});
		assertThatThrownBy(() -> this.needs.fulfil(id, version, "送付", Long.MAX_VALUE, null, this.msl))
			.hasMessageContaining("need.fulfilledBy.otherHcp");
		assertThatThrownBy(() -> this.needs.fulfil(id, version, "送付", null, othersInquiry, this.msl))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.getField()).isEqualTo("inquiryId"));
		assertThatThrownBy(() -> this.needs.linkInquiry(id, version, othersInquiry, this.msl))
			.hasMessageContaining("need.inquiry.otherHcp");
		InformationNeed unchanged = this.needs.get(id);
		assertThat(unchanged.getStatus()).isEqualTo(NeedStatus.IN_PROGRESS);
		assertThat(unchanged.getVersion()).isEqualTo(version);
		assertThat(unchanged.getFulfilledByInteractionId()).isNull();
		assertThat(unchanged.getAnsweredByInquiryId()).isNull();
		assertThat(this.audit.actions("NEED", id, 10)).extracting(AuditEntry::action).containsExactly("START", "TRIAGE");
	}

	@Test
	void linkingLaterIsAuditedVersionCheckedAndShownOnTheInquiry() {
		long first = inquiry(this.hcpId, "用量の問い合わせ", "CLOSED", this.clock.instant());
		long second = inquiry(this.hcpId, "用量の再問い合わせ", "ASSIGNED", this.clock.instant());
		InformationNeed need = started(RoutedTo.MEDICAL);
		need = this.needs.fulfil(need.getId(), need.getVersion(), "口頭で回答", null, null, this.msl);
		long stale = need.getVersion();
		need = this.needs.linkInquiry(need.getId(), need.getVersion(), first, this.msl);
		assertThat(need.getVersion()).isEqualTo(stale + 1);
		long id = need.getId();
		assertThatThrownBy(() -> this.needs.linkInquiry(id, stale, second, this.msl))
			.isInstanceOf(StaleVersionException.class);
		assertThat(this.queries.answeredBy(first)).extracting(NeedQueries.AnsweredNeed::id).containsExactly(id);
		need = this.needs.linkInquiry(id, need.getVersion(), second, this.msl);
		assertThat(this.queries.answeredBy(first)).isEmpty();
		assertThat(this.queries.answeredBy(second)).singleElement().satisfies(row -> {
			assertThat(row.topic()).isEqualTo("腎機能低下時の用量");
			assertThat(row.status()).isEqualTo(NeedStatus.FULFILLED);
			assertThat(row.routedTo()).isEqualTo(RoutedTo.MEDICAL);
		});
		this.needs.linkInquiry(id, need.getVersion(), null, this.msl);
		assertThat(this.queries.answeredBy(second)).isEmpty();
		List<AuditEntry> links = this.audit.history("NEED", id, 10)
			.stream()
			.filter(e -> e.action().equals("LINK_INQUIRY"))
			.toList();
		assertThat(links).hasSize(3);
		assertThat(links.get(2).changes()).singleElement()
			.satisfies(change -> assertThat(((Number) change.after()).longValue()).isEqualTo(first));
		assertThat(links.get(0).after().get("answeredByInquiryId")).isNull();
	}

	@Test
	void aMrOutsideTheHcpsTerritoryMayNotLinkAnInquiry() {
		long n = System.nanoTime() % 1_000_000_000L;
		Long territory = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en)"
				+ " VALUES (?, '東京', 'Tokyo') RETURNING id", Long.class, "LNK" + n);
		this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, 13)", territory);
		String mr = "mr-lnk-" + n;
		this.users.create(mr, "MR Tokyo", "a tokyo test passphrase", "SALES", EnumSet.of(Role.MR), Set.of(territory),
				"test");
		long inquiry = inquiry(this.hcpId, "用量", "ANSWERED", this.clock.instant());
		InformationNeed need = started(RoutedTo.MEDICAL);
		long id = need.getId();
		long version = need.getVersion();
		assertThatThrownBy(() -> this.needs.linkInquiry(id, version, inquiry, mr))
			.hasMessageContaining("scope.otherTerritory");
		assertThat(this.needs.get(id).getAnsweredByInquiryId()).isNull();
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void whatTheHcpSaidAboutAMedicalAnswerAndTheInquiryStayWithMedicalAffairs(Role role) {
		long inquiry = inquiry(this.hcpId, "腎機能低下時の用量", "ANSWERED", this.clock.instant());
		InformationNeed medical = started(RoutedTo.MEDICAL);
		medical = this.needs.fulfil(medical.getId(), medical.getVersion(), "標準回答書を送付", null, inquiry, this.msl);
		medical = this.needs.confirm(medical.getId(), medical.getVersion(), true, 4, "表が役立った", "mr07");
		InformationNeed marketing = started(RoutedTo.MARKETING);
		marketing = this.needs.fulfil(marketing.getId(), marketing.getVersion(), "資材を手渡し", null, inquiry, this.msl);
		marketing = this.needs.confirm(marketing.getId(), marketing.getVersion(), false, 2, "もっと簡潔に", "mr07");
		boolean reads = role == Role.MEDICAL;

		NeedQueries.NeedView medicalView = this.queries.detail(medical.getId(), Set.of(role)).orElseThrow();
		assertThat(medicalView.feedbackComment()).isEqualTo(reads ? "表が役立った" : null);
		assertThat(medicalView.feedbackScore()).isEqualTo(4);
		assertThat(medicalView.inquiryLinked()).isTrue();
		assertThat(medicalView.answeredBy()).isEqualTo(reads ? medicalView.answeredBy() : null);
		assertThat(medicalView.answeredBy() != null).isEqualTo(reads);
		// What the HCP said about a leaflet is not medical; the inquiry that answered it still is.
		NeedQueries.NeedView marketingView = this.queries.detail(marketing.getId(), Set.of(role)).orElseThrow();
		assertThat(marketingView.feedbackComment()).isEqualTo("もっと簡潔に");
		assertThat(marketingView.inquiryLinked()).isTrue();
		assertThat(marketingView.answeredBy() != null).isEqualTo(reads);
	}

	@Test
	void thePickListsTheHcpsLatestInteractionsNewestFirstWithoutCorrectedOnesAndItsInquiries() {
		Instant now = this.clock.instant();
		for (int day = 1; day <= 22; day++) {
			interaction(this.hcpId, now.minus(Duration.ofDays(day)), "VISIT", "mr07", "訪問 " + day);
		}
		long corrected = interaction(this.hcpId, now.minus(Duration.ofHours(3)), "VISIT", "mr07", "誤り");
		Timestamp at = Timestamp.from(now.minus(Duration.ofHours(2)));
		long correction = this.jdbc.queryForObject("INSERT INTO interaction (hcp_id, channel, occurred_at, author,"
				+ " department_code, key_messages, recorded_at, updated_at, purpose, corrects_id, correction_reason)"
				+ " VALUES (?, 'VISIT', ?, 'mr07', 'SALES', '訂正', ?, ?, 'PROMOTIONAL', ?, '日時の誤り') RETURNING id",
				Long.class, this.hcpId, at, at, at, corrected);
		long latest = interaction(this.hcpId, now.minus(Duration.ofHours(1)), "PHONE_OUT", this.msl, "電話で回答");
		interaction(this.otherHcpId, now, "VISIT", "mr07", "別の医師");

		List<NeedQueries.InteractionChoice> picks = this.queries.recentInteractions(this.hcpId, 20);
		assertThat(picks).hasSize(20);
		assertThat(picks.get(0).id()).isEqualTo(latest);
		assertThat(picks.get(0).who()).isEqualTo("ループ 医学");
		assertThat(picks.get(1).id()).isEqualTo(correction);
		assertThat(picks).extracting(NeedQueries.InteractionChoice::id).doesNotContain(corrected);
		assertThat(picks.get(2).keyMessages()).isEqualTo("訪問 1");
		assertThat(picks.get(19).keyMessages()).isEqualTo("訪問 18");
		assertThat(picks.get(2).who()).isEqualTo("mr07");

		long older = inquiry(this.hcpId, "古い問い合わせ", "CLOSED", now.minus(Duration.ofDays(30)));
		long newer = inquiry(this.hcpId, "新しい問い合わせ", "RECEIVED", now);
		inquiry(this.otherHcpId, "別の医師の問い合わせ", "RECEIVED", now);
		assertThat(this.queries.inquiriesOf(this.hcpId, 50)).extracting(NeedQueries.InquiryChoice::id)
			.containsExactly(newer, older);
	}

}
