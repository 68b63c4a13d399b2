package org.openpharma.crm.delivery;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPolicy.Decision;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.shared.Japan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's sender (docs/adr/0029). Each due mail is sent in a transaction of its own that locks its row (a
 * second node skips it), checks consent again under the HCP's shared consent lock (a withdrawal committed since the
 * mail was queued stops it; one arriving while it is handed to the SMTP server waits for that) and checks that the
 * template and every item are still approved and unexpired. A temporary failure is retried with exponential
 * backoff; a permanent rejection (5xx) is BOUNCED; after the last attempt the mail is FAILED with the reason.
 * Without a mail server ({@code spring.mail.host} unset, the one-machine demo) nothing is sent: the mails stay
 * QUEUED with their rendered text, which the sent-mail page shows.
 */
@Service
public class MailOutbox {

	private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);

	static final String ACTOR = "mail-outbox";

	/** What happened to one mail in one run. */
	public enum Outcome {

		SENT, RETRY, BOUNCED, FAILED, STOPPED, SKIPPED

	}

	private final JdbcTemplate jdbc;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final ConsentLedger consents;

	private final AuditTrail audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final RetryPolicy retries;

	private final String from;

	MailOutbox(JdbcTemplate jdbc, ObjectProvider<JavaMailSender> mailSender, ConsentLedger consents, AuditTrail audit,
			Clock clock, PlatformTransactionManager transactionManager,
			@Value("${crm.mail.from:no-reply@crm.example.jp}") String from,
			@Value("${crm.mail.retry-base:30s}") Duration retryBase,
			@Value("${crm.mail.retry-cap:1h}") Duration retryCap,
			@Value("${crm.mail.max-attempts:8}") int maxAttempts) {
		this.jdbc = jdbc;
		this.mailSender = mailSender;
		this.consents = consents;
		this.audit = audit;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.retries = new RetryPolicy(retryBase, retryCap, maxAttempts);
		this.from = from;
	}

	/** Whether a mail server is configured ({@code spring.mail.host}); without one nothing is sent. */
	public boolean configured() {
		return this.mailSender.getIfAvailable() != null;
	}

	/** How many mails wait to be sent, and how many of them have failed at least once. */
	public record Backlog(long queued, long retrying) {
	}

	public Backlog backlog() {
		return this.jdbc.queryForObject("SELECT count(*), count(*) FILTER (WHERE attempts > 0) FROM content_email"
				+ " WHERE status = 'QUEUED'", (rs, i) -> new Backlog(rs.getLong(1), rs.getLong(2)));
	}

	/** Sends up to {@code limit} due mails, one transaction each; returns what happened to each. */
	public List<Outcome> sendDue(int limit) {
		JavaMailSender sender = this.mailSender.getIfAvailable();
		if (sender == null) {
			return List.of();
		}
		List<Long> due = this.jdbc.queryForList("SELECT id FROM content_email WHERE status = 'QUEUED'"
				+ " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?", Long.class,
				Timestamp.from(this.clock.instant()), limit);
		return due.stream().map(id -> this.transactions.execute(tx -> sendOne(id, sender))).toList();
	}

	/** Sends one mail if it is queued and due (SKIPPED otherwise, or without a mail server). */
	public Outcome send(long id) {
		JavaMailSender sender = this.mailSender.getIfAvailable();
		if (sender == null) {
			return Outcome.SKIPPED;
		}
		return this.transactions.execute(tx -> sendOne(id, sender));
	}

	private record Mail(long id, long hcpId, String purpose, String recipient, String subject, String body, int attempts,
			String unsubscribeTokenHash) {
	}

	private Outcome sendOne(long id, JavaMailSender sender) {
		Instant now = this.clock.instant();
		Optional<Mail> locked = this.jdbc.query("SELECT id, hcp_id, purpose, recipient, subject, body, attempts,"
				+ " unsubscribe_token_hash FROM content_email WHERE id = ? AND status = 'QUEUED' AND next_attempt_at <= ?"
				+ " FOR UPDATE SKIP LOCKED",
				(rs, i) -> new Mail(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getString(6), rs.getInt(7), rs.getString(8)),
				id, Timestamp.from(now)).stream().findFirst();
		if (locked.isEmpty()) {
			return Outcome.SKIPPED;
		}
		Mail mail = locked.get();
		Decision consent = this.consents.assessContact(mail.hcpId(), Optional.of(ConsentChannel.EMAIL),
				ConsentPurpose.valueOf(mail.purpose()));
		if (!consent.allowed()) {
			return finish(mail, MailStatus.STOPPED, "consent: " + consent.messageCode(), now);
		}
		LocalDate today = LocalDate.ofInstant(now, Japan.ZONE);
		Long unusable = this.jdbc.queryForObject("SELECT count(*) FROM content_version v WHERE (v.id IN (SELECT"
				+ " d.version_id FROM content_delivery d WHERE d.email_id = ?) OR v.id = (SELECT e.template_version_id"
				+ " FROM content_email e WHERE e.id = ?)) AND (v.status <> 'APPROVED' OR v.expires_on < ?)", Long.class,
				mail.id(), mail.id(), Date.valueOf(today));
		if (unusable != null && unusable > 0) {
			return finish(mail, MailStatus.STOPPED, "content expired or withdrawn", now);
		}
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			helper.setFrom(this.from);
			helper.setTo(mail.recipient());
			helper.setSubject(mail.subject());
			helper.setText(mail.body(), false);
			String unsubscribe = unsubscribeUrl(mail.body());
			if (unsubscribe != null) {
				// RFC 2369 and RFC 8058: mail clients offer "unsubscribe" and POST to the link without a page.
				message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
				message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
			message.setHeader("X-CRM-Mail-Id", Long.toString(mail.id()));
			sender.send(message);
		}
		catch (MailException | MessagingException ex) {
			String error = Bounces.describe(ex);
			int attempts = mail.attempts() + 1;
			if (Bounces.permanent(ex)) {
				return finish(mail, MailStatus.BOUNCED, error, now, attempts);
			}
			if (this.retries.givesUpAfter(attempts)) {
				return finish(mail, MailStatus.FAILED, error, now, attempts);
			}
			this.jdbc.update("UPDATE content_email SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?,"
					+ " version = version + 1 WHERE id = ?", attempts,
					Timestamp.from(now.plus(this.retries.delayAfter(attempts))), clip(error, 1000), Timestamp.from(now),
					mail.id());
			LOG.info("Mail #{} not sent (attempt {}), retrying: {}", mail.id(), attempts, error);
			return Outcome.RETRY;
		}
		this.jdbc.update("UPDATE content_email SET status = 'SENT', attempts = attempts + 1, sent_at = ?,"
				+ " next_attempt_at = NULL, updated_at = ?, version = version + 1 WHERE id = ?", Timestamp.from(now),
				Timestamp.from(now), mail.id());
		this.audit.record(ACTOR, "SEND", "CONTENT_EMAIL", mail.id(), null,
				Map.of("status", "SENT", "attempts", mail.attempts() + 1));
		return Outcome.SENT;
	}

	private Outcome finish(Mail mail, MailStatus status, String reason, Instant now) {
		return finish(mail, status, reason, now, mail.attempts());
	}

	private Outcome finish(Mail mail, MailStatus status, String reason, Instant now, int attempts) {
		this.jdbc.update("UPDATE content_email SET status = ?, status_reason = ?, attempts = ?, next_attempt_at = NULL,"
				+ " last_error = coalesce(?, last_error), updated_at = ?, version = version + 1 WHERE id = ?",
				status.name(), clip(reason, 500), attempts, (status == MailStatus.STOPPED) ? null : clip(reason, 1000),
				Timestamp.from(now), mail.id());
		this.audit.record(ACTOR, "SEND", "CONTENT_EMAIL", mail.id(), null,
				Map.of("status", status.name(), "reason", clip(reason, 500), "attempts", attempts));
		LOG.info("Mail #{} {}: {}", mail.id(), status, reason);
		return Outcome.valueOf(status.name());
	}

	/** The unsubscribe link rendered into the body (the token itself is not stored, only its hash). */
	private static String unsubscribeUrl(String body) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(https?://\\S+/u/[A-Za-z0-9_-]+)").matcher(body);
		return m.find() ? m.group(1) : null;
	}

	private static String clip(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

}
