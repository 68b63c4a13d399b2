package org.openpharma.crm.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.openpharma.crm.action.FatigueCap;
import org.openpharma.crm.action.StagePolicies;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPolicy.Decision;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.ContentEmails;
import org.openpharma.crm.delivery.ContentEmails.EmailRequest;
import org.openpharma.crm.delivery.ContentEmails.Queued;
import org.openpharma.crm.delivery.ContentPicker;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.AppUser;
import org.openpharma.crm.user.UserManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reaches a running campaign's members (docs/adr/0034), every few seconds ({@code crm.campaigns.dispatch-interval-ms})
 * on one node at a time (ShedLock {@code campaigns}); each member's row lock keeps a direct call from reaching them
 * twice. Starts scheduled campaigns whose time has come, then per pending member:
 * <ul>
 * <li>e-mail: in one transaction per member, checks that the HCP is active, has an address, consents to promotional
 * e-mail now (the ledger under the per-HCP lock, as every send), and is under the area's fatigue cap for e-mail;
 * then queues the approved mail through {@link ContentEmails} (which checks consent and content again) — or records
 * the exclusion and why;</li>
 * <li>push: marks the member SUGGESTED and their next actions stale, so the owning MR's list shows the campaign's
 * visit within seconds (the rules apply consent and fatigue as for any suggestion).</li>
 * </ul>
 * An e-mail campaign completes when no member is pending; a push campaign after its end day, when its suggestions
 * leave the lists.
 */
@Component
public class CampaignDispatcher {

	private static final Logger LOG = LoggerFactory.getLogger(CampaignDispatcher.class);

	/** Members per run: a run of mails stays well under the lock's five minutes. */
	static final int BATCH = 200;

	private final JdbcTemplate jdbc;

	private final Campaigns campaigns;

	private final ContentEmails emails;

	private final ContentPicker picker;

	private final ConsentLedger consents;

	private final StagePolicies policies;

	private final UserManagement users;

	private final TransactionTemplate transactions;

	private final Clock clock;

	CampaignDispatcher(JdbcTemplate jdbc, Campaigns campaigns, ContentEmails emails, ContentPicker picker,
			ConsentLedger consents, StagePolicies policies, UserManagement users,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.campaigns = campaigns;
		this.emails = emails;
		this.picker = picker;
		this.consents = consents;
		this.policies = policies;
		this.users = users;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${crm.campaigns.dispatch-interval-ms:5000}",
			initialDelayString = "${crm.campaigns.dispatch-interval-ms:5000}")
	@SchedulerLock(name = "campaigns", lockAtMostFor = "PT5M")
	void dispatchInBackground() {
		try {
			dispatch(BATCH);
		}
		catch (RuntimeException ex) {
			// Pending members stay pending; the next run picks them up.
			LOG.warn("Campaign run failed: {}", ex.toString());
		}
	}

	/** One run: starts due campaigns, reaches up to {@code limit} pending members, ends what is done. */
	public int dispatch(int limit) {
		Instant now = this.clock.instant();
		LocalDate today = now.atZone(Japan.ZONE).toLocalDate();
		this.transactions.executeWithoutResult(s -> this.jdbc.update("UPDATE campaign SET status = 'RUNNING',"
				+ " updated_at = ?, version = version + 1 WHERE status = 'SCHEDULED' AND starts_at <= ?",
				Timestamp.from(now), Timestamp.from(now)));
		int reached = 0;
		List<Long> running = this.jdbc.queryForList("SELECT id FROM campaign WHERE status = 'RUNNING' ORDER BY starts_at, id",
				Long.class);
		for (long id : running) {
			if (reached >= limit) {
				break;
			}
			Campaigns.Campaign campaign = this.campaigns.get(id);
			if (campaign.kind() == CampaignKind.PUSH) {
				reached += suggest(campaign, limit - reached, now, today);
			}
			else {
				reached += mail(campaign, limit - reached);
			}
		}
		return reached;
	}

	private int suggest(Campaigns.Campaign campaign, int limit, Instant now, LocalDate today) {
		if (campaign.endsOn().isBefore(today)) {
			this.transactions.executeWithoutResult(s -> {
				this.jdbc.update("UPDATE campaign SET status = 'COMPLETED', completed_at = ?, updated_at = ?,"
						+ " version = version + 1 WHERE id = ? AND status = 'RUNNING'", Timestamp.from(now),
						Timestamp.from(now), campaign.id());
				this.jdbc.update("UPDATE campaign_member SET status = 'EXCLUDED', exclusion = 'CANCELLED', handled_at = ?"
						+ " WHERE campaign_id = ? AND status = 'PENDING'", Timestamp.from(now), campaign.id());
				markStale(this.jdbc, campaign.id(), now);
			});
			return 0;
		}
		Integer marked = this.transactions.execute(s -> {
			List<Long> due = this.jdbc.queryForList("SELECT hcp_id FROM campaign_member WHERE campaign_id = ?"
					+ " AND status = 'PENDING' ORDER BY hcp_id LIMIT ? FOR UPDATE SKIP LOCKED", Long.class, campaign.id(),
					limit);
			if (due.isEmpty()) {
				return 0;
			}
			Long[] ids = due.toArray(Long[]::new);
			this.jdbc.update("UPDATE campaign_member SET status = 'SUGGESTED', handled_at = ? WHERE campaign_id = ?"
					+ " AND hcp_id = ANY (?)", Timestamp.from(now), campaign.id(), ids);
			this.jdbc.update("INSERT INTO next_action_stale (hcp_id, since) SELECT unnest(?::bigint[]), ?"
					+ " ON CONFLICT (hcp_id) DO NOTHING", ids, Timestamp.from(now));
			return due.size();
		});
		return (marked != null) ? marked : 0;
	}

	private int mail(Campaigns.Campaign campaign, int limit) {
		List<Long> due = this.jdbc.queryForList("SELECT hcp_id FROM campaign_member WHERE campaign_id = ?"
				+ " AND status = 'PENDING' ORDER BY hcp_id LIMIT ?", Long.class, campaign.id(), limit);
		if (due.isEmpty()) {
			Instant now = this.clock.instant();
			this.transactions.executeWithoutResult(s -> this.jdbc.update("UPDATE campaign SET status = 'COMPLETED',"
					+ " completed_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = 'RUNNING'"
					+ " AND NOT EXISTS (SELECT 1 FROM campaign_member WHERE campaign_id = ? AND status = 'PENDING')",
					Timestamp.from(now), Timestamp.from(now), campaign.id(), campaign.id()));
			return 0;
		}
		ContentViewer sender = senderOf(campaign);
		int handled = 0;
		for (long hcpId : due) {
			try {
				Boolean done = this.transactions.execute(s -> mailOne(campaign, hcpId, sender));
				handled += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (ValidationException ex) {
				// ContentEmails refused after the checks passed (consent withdrawn a moment ago, an item just expired):
				// its transaction rolled back; the exclusion is recorded on its own.
				Exclusion exclusion = exclusionOf(ex);
				this.transactions.executeWithoutResult(s -> exclude(campaign.id(), hcpId, exclusion));
				handled++;
			}
		}
		return handled;
	}

	/** Reaches one member inside the caller's transaction; false when another run holds or handled them. */
	private boolean mailOne(Campaigns.Campaign campaign, long hcpId, ContentViewer sender) {
		List<String> status = this.jdbc.queryForList("SELECT m.status FROM campaign_member m WHERE m.campaign_id = ?"
				+ " AND m.hcp_id = ? AND m.status = 'PENDING' FOR UPDATE SKIP LOCKED", String.class, campaign.id(), hcpId);
		if (status.isEmpty()) {
			return false;
		}
		Optional<Exclusion> exclusion = check(campaign, hcpId, sender);
		if (exclusion.isPresent()) {
			exclude(campaign.id(), hcpId, exclusion.get());
			return true;
		}
		Queued queued = this.emails.send(new EmailRequest(hcpId, campaign.templateVersionId(),
				List.of(campaign.contentVersionId()), null, false, null, null, null), sender);
		this.jdbc.update("UPDATE campaign_member SET status = 'QUEUED', email_id = ?, handled_at = ?"
				+ " WHERE campaign_id = ? AND hcp_id = ?", queued.emailId(), Timestamp.from(this.clock.instant()),
				campaign.id(), hcpId);
		return true;
	}

	/** Why a member cannot be mailed now, if anything: the checks a send makes, and the fatigue cap. */
	Optional<Exclusion> check(Campaigns.Campaign campaign, long hcpId, ContentViewer sender) {
		String hcpStatus = this.jdbc.query("SELECT status FROM hcp WHERE id = ?", rs -> rs.next() ? rs.getString(1) : null,
				hcpId);
		if (!"ACTIVE".equals(hcpStatus)) {
			return Optional.of(Exclusion.INACTIVE);
		}
		if (this.picker.usableVersion(campaign.contentVersionId()).isEmpty()
				|| this.picker.usableVersion(campaign.templateVersionId()).isEmpty()) {
			return Optional.of(Exclusion.CONTENT_UNUSABLE);
		}
		ConsentPurpose purpose = ConsentPurpose.ofSender(sender.department());
		Decision decision = this.consents.assessContact(hcpId, Optional.of(ConsentChannel.EMAIL), purpose);
		if (!decision.allowed()) {
			return Optional.of(switch (decision.reason()) {
				case WITHDRAWN -> Exclusion.WITHDRAWN;
				case EXPIRED -> Exclusion.EXPIRED;
				default -> Exclusion.NO_CONSENT;
			});
		}
		if (this.emails.addressOf(hcpId).isEmpty()) {
			return Optional.of(Exclusion.NO_ADDRESS);
		}
		Optional<FatigueCap> cap = this.policies.current(campaign.therapeuticAreaId()).policy().capFor(ConsentChannel.EMAIL);
		if (cap.isPresent() && purpose == ConsentPurpose.PROMOTIONAL) {
			LocalDate today = this.clock.instant().atZone(Japan.ZONE).toLocalDate();
			Long recent = this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ? AND channel = 'EMAIL_OUT'"
					+ " AND purpose = 'PROMOTIONAL' AND occurred_at >= ?", Long.class, hcpId,
					Timestamp.from(cap.get().windowStart(today).atStartOfDay(Japan.ZONE).toInstant()));
			if (recent != null && cap.get().reached(recent)) {
				return Optional.of(Exclusion.FATIGUE);
			}
		}
		return Optional.empty();
	}

	private void exclude(long campaignId, long hcpId, Exclusion exclusion) {
		this.jdbc.update("UPDATE campaign_member SET status = 'EXCLUDED', exclusion = ?, handled_at = ?"
				+ " WHERE campaign_id = ? AND hcp_id = ? AND status = 'PENDING'", exclusion.name(),
				Timestamp.from(this.clock.instant()), campaignId, hcpId);
	}

	static Exclusion exclusionOf(ValidationException ex) {
		for (FieldViolation violation : ex.getViolations()) {
			String code = violation.code();
			if (code.endsWith("WITHDRAWN")) {
				return Exclusion.WITHDRAWN;
			}
			if (code.endsWith("EXPIRED")) {
				return Exclusion.EXPIRED;
			}
			if (code.equals("delivery.email.noAddress")) {
				return Exclusion.NO_ADDRESS;
			}
			if ("recipient".equals(violation.field())) {
				return Exclusion.NO_CONSENT;
			}
		}
		return Exclusion.CONTENT_UNUSABLE;
	}

	private ContentViewer senderOf(Campaigns.Campaign campaign) {
		AppUser user = this.users.findByUsername(campaign.sender()).orElseThrow();
		return new ContentViewer(user.getUsername(), user.getRoles(), user.getDepartmentCode());
	}

	/** Marks every member a push campaign suggested to, so their next actions follow the campaign's end. */
	static void markStale(JdbcTemplate jdbc, long campaignId, Instant now) {
		jdbc.update("INSERT INTO next_action_stale (hcp_id, since) SELECT hcp_id, ? FROM campaign_member"
				+ " WHERE campaign_id = ? AND status = 'SUGGESTED' ON CONFLICT (hcp_id) DO NOTHING", Timestamp.from(now),
				campaignId);
	}

}
