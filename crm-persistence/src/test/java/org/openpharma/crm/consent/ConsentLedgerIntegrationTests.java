package org.openpharma.crm.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.consent.ConsentPolicy.Reason;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.testsupport.MutableClock;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PostgresTest
class ConsentLedgerIntegrationTests extends PostgresTestBase {

	static final MutableClock CLOCK = MutableClock.startingNow();

	@TestBean
	java.time.Clock clock;

	static java.time.Clock clock() {
		return CLOCK;
	}

	@Autowired
	ConsentLedger ledger;

	@Autowired
	ConsentLinks links;

	@Autowired
	ConsentBreaches breaches;

	@Autowired
	InteractionManagement interactions;

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	Hcp hcp;

	@BeforeEach
	void anHcpWithoutConsent() {
		if (this.users.findByUsername("mr-consent").isEmpty()) {
			this.users.create("mr-consent", "MR", "consent-password-1", "SALES", EnumSet.of(Role.MR), Set.of(), "test");
		}
		UniqueNames.Name name = UniqueNames.next();
		this.hcp = this.hcps.create(new HcpDetails(name.kanji() + " 一郎", name.kana() + " イチロウ", null, null, null, null,
				null, null), "test");
	}

	private ConsentEntry entry(ConsentChannel channel, ConsentPurpose purpose, ConsentState state) {
		return new ConsentEntry(channel, purpose, state, ConsentSource.VERBAL, "visit note", "mr-consent",
				CLOCK.instant(), null);
	}

	private InteractionCapture contact(Channel channel) {
		return new InteractionCapture(this.hcp.getId(),
				new InteractionFacts(channel, CLOCK.instant().minusSeconds(60), 5, null, null, null, null, null),
				List.of(), List.of(), null, List.of());
	}

	/** A contact the company plans: dated an hour ahead, so it needs consent in force. */
	private InteractionCapture planned(Channel channel) {
		return new InteractionCapture(this.hcp.getId(),
				new InteractionFacts(channel, CLOCK.instant().plus(Duration.ofHours(1)), 5, null, null, null, null, null),
				List.of(), List.of(), null, List.of());
	}

	private boolean someoneWaitsForAConsentLock() {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype ="
				+ " 'advisory' AND classid = ? AND NOT granted)", Boolean.class, ConsentLedger.LOCK_SPACE));
	}

	private long interactions() {
		return this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ?", Long.class, this.hcp.getId());
	}

	@Test
	void recordsAreAppendedAndTheLatestDecides() {
		this.ledger.record(this.hcp.getId(), entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED),
				"mr-consent");
		assertThat(this.ledger.matrix(this.hcp.getId()).get(ConsentChannel.EMAIL).get(ConsentPurpose.PROMOTIONAL).reason())
			.isEqualTo(Reason.GRANTED);
		CLOCK.advance(Duration.ofMinutes(1));
		this.ledger.record(this.hcp.getId(),
				entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.WITHDRAWN), "mr-consent");
		assertThat(this.ledger.matrix(this.hcp.getId()).get(ConsentChannel.EMAIL).get(ConsentPurpose.PROMOTIONAL).reason())
			.isEqualTo(Reason.WITHDRAWN);
		assertThat(this.ledger.history(this.hcp.getId())).extracting(r -> r.entry().state())
			.containsExactly(ConsentState.GRANTED, ConsentState.WITHDRAWN);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE entity_type = 'CONSENT'"
				+ " AND (after_state ->> 'hcpId')::bigint = ?", Long.class, this.hcp.getId())).isEqualTo(2);
	}

	@Test
	void theDatabaseRefusesToChangeOrDeleteConsentRecords() {
		this.ledger.record(this.hcp.getId(), entry(ConsentChannel.PHONE, ConsentPurpose.SURVEY, ConsentState.GRANTED),
				"mr-consent");
		for (String sql : List.of("UPDATE consent_record SET state = 'WITHDRAWN' WHERE hcp_id = " + this.hcp.getId(),
				"DELETE FROM consent_record WHERE hcp_id = " + this.hcp.getId(), "TRUNCATE consent_record")) {
			assertThatThrownBy(() -> this.jdbc.execute(sql)).rootCause().hasMessageContaining("permission denied");
		}
		assertThat(this.ledger.history(this.hcp.getId())).hasSize(1);
	}

	@Test
	void badInputIsRefusedFieldByFieldAndNothingIsSaved() {
		ConsentEntry pastExpiry = new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED,
				ConsentSource.PAPER, null, "mr-consent", CLOCK.instant(), CLOCK.instant().minusSeconds(3600));
		assertThatThrownBy(() -> this.ledger.record(this.hcp.getId(), pastExpiry, "mr-consent"))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().stream().map(FieldViolation::code).toList())
			.isEqualTo(List.of("consent.expiresAt.past"));
		assertThatThrownBy(() -> this.ledger.record(-1, entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL,
				ConsentState.GRANTED), "mr-consent")).isInstanceOf(NotFoundException.class);
		assertThat(this.ledger.history(this.hcp.getId())).isEmpty();
	}

	@Test
	void aPlannedOutboundContactNeedsConsentForItsChannelAndPurposeAndInboundOnesDoNot() {
		assertThatThrownBy(() -> this.interactions.log(planned(Channel.EMAIL_OUT), "mr-consent"))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().get(0))
			.satisfies(v -> {
				assertThat(v.field()).isEqualTo("channel");
				assertThat(v.code()).isEqualTo("consent.decision.NO_CONSENT");
			});
		this.interactions.log(contact(Channel.WEB_CONTENT), "mr-consent");
		this.ledger.record(this.hcp.getId(), entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED),
				"mr-consent");
		var sent = this.interactions.log(planned(Channel.EMAIL_OUT), "mr-consent");
		assertThat(sent.getPurpose()).isEqualTo(ConsentPurpose.PROMOTIONAL);
		assertThat(sent.getConsentBreach()).isNull();
		CLOCK.advance(Duration.ofMinutes(1));
		this.ledger.record(this.hcp.getId(),
				entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.WITHDRAWN), "mr-consent");
		assertThatThrownBy(() -> this.interactions.log(planned(Channel.EMAIL_OUT), "mr-consent"))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().get(0).code())
			.isEqualTo("consent.decision.WITHDRAWN");
		assertThat(interactions()).isEqualTo(2);
	}

	@Test
	void thePurposeFollowsFromTheSenderNotFromWhatTheCallerSays() {
		// Withdrawn from promotional e-mail, granted medical-information e-mail: an MR's e-mail stays promotional.
		this.ledger.record(this.hcp.getId(), entry(ConsentChannel.EMAIL, ConsentPurpose.MEDICAL_INFORMATION,
				ConsentState.GRANTED), "mr-consent");
		this.ledger.record(this.hcp.getId(), entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL,
				ConsentState.WITHDRAWN), "mr-consent");
		for (ConsentPurpose claimed : ConsentPurpose.values()) {
			InteractionCapture plan = planned(Channel.EMAIL_OUT);
			InteractionCapture claimedPlan = new InteractionCapture(plan.hcpId(), plan.facts().withPurpose(claimed),
					List.of(), List.of(), null, List.of());
			assertThatThrownBy(() -> this.interactions.log(claimedPlan, "mr-consent")).as("claimed %s", claimed)
				.isInstanceOf(ValidationException.class)
				.extracting(ex -> ((ValidationException) ex).getViolations().get(0).code())
				.isEqualTo("consent.decision.WITHDRAWN");
			InteractionCapture record = contact(Channel.EMAIL_OUT);
			var logged = this.interactions.log(new InteractionCapture(record.hcpId(), record.facts().withPurpose(claimed),
					List.of(), List.of(), null, List.of()), "mr-consent");
			assertThat(logged.getPurpose()).isEqualTo(ConsentPurpose.PROMOTIONAL);
			assertThat(logged.getConsentBreach()).isEqualTo(Reason.WITHDRAWN);
		}
	}

	@Test
	void aContactThatAlreadyHappenedIsNeverRefusedButFlaggedWhereConsentWasMissing() {
		// Visits and calls are opt-out in Japan: no record means no objection, no flag.
		var visit = this.interactions.log(contact(Channel.VISIT), "mr-consent");
		assertThat(visit.getConsentBreach()).isNull();
		assertThat(this.interactions.log(contact(Channel.PHONE_OUT), "mr-consent").getConsentBreach()).isNull();
		// E-mail is opt-in: an e-mail the MR already sent without consent is kept and flagged.
		var email = this.interactions.log(contact(Channel.EMAIL_OUT), "mr-consent");
		assertThat(email.getConsentBreach()).isEqualTo(Reason.NO_CONSENT);
		// The HCP objected to visits: a visit that happened anyway is kept and flagged as well.
		this.ledger.record(this.hcp.getId(), entry(ConsentChannel.VISIT, ConsentPurpose.PROMOTIONAL,
				ConsentState.WITHDRAWN), "mr-consent");
		var afterObjection = this.interactions.log(contact(Channel.VISIT), "mr-consent");
		assertThat(afterObjection.getConsentBreach()).isEqualTo(Reason.WITHDRAWN);
		assertThat(interactions()).isEqualTo(4);
		// An edit is assessed again: the e-mail turned into a phone call is no longer a breach.
		var edited = this.interactions.edit(email.getId(), email.getVersion(), new InteractionFacts(Channel.PHONE_OUT,
				email.getOccurredAt(), 5, null, null, null, null, null), "mr-consent");
		assertThat(edited.getConsentBreach()).isNull();
		assertThat(this.breaches.forHcp(this.hcp.getId(), 10)).singleElement().satisfies(b -> {
			assertThat(b.interactionId()).isEqualTo(afterObjection.getId());
			assertThat(b.reason()).isEqualTo("WITHDRAWN");
			assertThat(b.purpose()).isEqualTo("PROMOTIONAL");
			assertThat(b.author()).isEqualTo("mr-consent");
		});
		// The lists below hold the breaches of every test (the user is shared): read for this test's HCP.
		assertThat(this.breaches.recordedBy("mr-consent", 1000)).filteredOn(this::ofThisHcp)
			.extracting(ConsentBreaches.Breach::interactionId).containsExactly(afterObjection.getId());
		// A manager's view: within the prefectures of their territories, or nationwide.
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('同意テスト病院', 'ドウイテストビョウイン', 'HOSPITAL', 47) RETURNING id", Long.class);
		this.jdbc.update("UPDATE hcp SET primary_hco_id = ? WHERE id = ?", hco, this.hcp.getId());
		assertThat(this.breaches.within(Set.of(47), 1000)).filteredOn(this::ofThisHcp)
			.extracting(ConsentBreaches.Breach::interactionId).containsExactly(afterObjection.getId());
		assertThat(this.breaches.within(Set.of(1), 1000)).filteredOn(this::ofThisHcp).isEmpty();
		assertThat(this.breaches.within(null, 1000)).filteredOn(this::ofThisHcp)
			.extracting(ConsentBreaches.Breach::interactionId).containsExactly(afterObjection.getId());
	}

	private boolean ofThisHcp(ConsentBreaches.Breach breach) {
		return breach.hcpId() == this.hcp.getId();
	}

	@Test
	void onceAWithdrawalHasCommittedNoPlannedContactOnThatChannelIsSaved() throws Exception {
		this.ledger.record(this.hcp.getId(), entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED),
				"mr-consent");
		CLOCK.advance(Duration.ofMinutes(1));
		TransactionTemplate tx = new TransactionTemplate(this.transactionManager);
		CountDownLatch withdrawalWritten = new CountDownLatch(1);
		CountDownLatch commitWithdrawal = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<?> withdrawal = pool.submit(() -> tx.executeWithoutResult(status -> {
				this.ledger.record(this.hcp.getId(),
						entry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.WITHDRAWN), "mr-consent");
				withdrawalWritten.countDown();
				try {
					// Commit only once the logging request waits for this transaction's consent lock.
					commitWithdrawal.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(withdrawalWritten.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Throwable> logging = pool.submit(() -> {
				try {
					this.interactions.log(planned(Channel.EMAIL_OUT), "mr-consent");
					return null;
				}
				catch (RuntimeException ex) {
					return ex;
				}
			});
			await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForAConsentLock);
			commitWithdrawal.countDown();
			withdrawal.get(20, TimeUnit.SECONDS);
			assertThat(logging.get(20, TimeUnit.SECONDS)).isInstanceOf(ValidationException.class);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(interactions()).isZero();
	}

	@Test
	void aLinkLetsTheHcpChangeTheirOwnConsentUntilItExpires() {
		String token = this.links.create(this.hcp.getId(), "mr-consent");
		ConsentLinks.LinkView view = this.links.open(token).orElseThrow();
		assertThat(view.hcpId()).isEqualTo(this.hcp.getId());
		assertThat(this.links.apply(token, List.of(new ConsentLinks.Choice(ConsentChannel.EMAIL,
				ConsentPurpose.EVENT_INVITATION, true), new ConsentLinks.Choice(ConsentChannel.PHONE, ConsentPurpose.SURVEY,
						false)))).contains(2);
		// E-mail is opt-in: ticking it grants; phone is opt-out: unticking it is the HCP's objection.
		assertThat(this.ledger.history(this.hcp.getId())).extracting(r -> r.entry().state(), r -> r.entry().source())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(ConsentState.GRANTED, ConsentSource.WEB_LINK),
					org.assertj.core.groups.Tuple.tuple(ConsentState.WITHDRAWN, ConsentSource.WEB_LINK));
		assertThat(this.links.open(token + "x")).isEmpty();
		assertThat(this.links.open("short")).isEmpty();
		CLOCK.advance(ConsentLinks.VALID_FOR.plusMinutes(1));
		assertThat(this.links.open(token)).isEmpty();
		assertThat(this.links.apply(token, List.of(new ConsentLinks.Choice(ConsentChannel.EMAIL,
				ConsentPurpose.EVENT_INVITATION, false)))).isEmpty();
		assertThat(this.ledger.history(this.hcp.getId())).hasSize(2);
	}

	@Test
	void aMergeCarriesTheDuplicatesConsentToTheSurvivor() {
		UniqueNames.Name name = UniqueNames.next();
		Hcp duplicate = this.hcps.create(new HcpDetails(name.kanji() + " 一郎", name.kana() + " イチロウ", null, null, null,
				null, null, null), "test");
		this.ledger.record(duplicate.getId(), entry(ConsentChannel.VISIT, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED),
				"mr-consent");
		String token = this.links.create(duplicate.getId(), "mr-consent");
		this.hcps.merge(this.hcp.getId(), duplicate.getId(), "test");
		assertThat(this.ledger.matrix(this.hcp.getId()).get(ConsentChannel.VISIT).get(ConsentPurpose.PROMOTIONAL)
			.allowed()).isTrue();
		assertThat(this.ledger.history(duplicate.getId())).hasSize(1);
		assertThat(this.links.open(token)).isEmpty();
		assertThatThrownBy(() -> this.ledger.record(duplicate.getId(), entry(ConsentChannel.VISIT,
				ConsentPurpose.PROMOTIONAL, ConsentState.WITHDRAWN), "mr-consent")).isInstanceOf(ValidationException.class);
	}

}
