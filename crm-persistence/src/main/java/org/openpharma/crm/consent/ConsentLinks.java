package org.openpharma.crm.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentPolicy.Decision;
import org.openpharma.crm.shared.SecretTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Self-service links: an MR, the call center or an admin creates one for an HCP and sends it; the HCP
 * opens it without a login to see and change their own consent. A link is 32 random bytes (only its
 * SHA-256 is stored), belongs to one HCP, and stops working after {@link #VALID_FOR}.
 */
@Service
@Transactional(readOnly = true)
public class ConsentLinks {

	public static final Duration VALID_FOR = Duration.ofDays(14);

	/** What an open link shows: the HCP's name and current consent. */
	public record LinkView(long linkId, long hcpId, String hcpName, Instant expiresAt,
			Map<ConsentChannel, Map<ConsentPurpose, Decision>> matrix) {
	}

	/** A change the HCP asks for. */
	public record Choice(ConsentChannel channel, ConsentPurpose purpose, boolean granted) {
	}

	private final JdbcTemplate jdbc;

	private final ConsentLedger ledger;

	private final AuditTrail audit;

	private final Clock clock;

	ConsentLinks(JdbcTemplate jdbc, ConsentLedger ledger, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.audit = audit;
		this.clock = clock;
	}

	/** Creates a link for a live HCP; returns the token (shown once, never stored). */
	@Transactional
	public String create(long hcpId, String actor) {
		this.ledger.requireLiveHcp(hcpId);
		String token = SecretTokens.newToken();
		Instant now = this.clock.instant();
		Long id = this.jdbc.queryForObject("INSERT INTO consent_link (hcp_id, token_hash, created_by, created_at,"
				+ " expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id", Long.class, hcpId, SecretTokens.sha256(token), actor,
				Timestamp.from(now), Timestamp.from(now.plus(VALID_FOR)));
		this.audit.record(actor, "CREATE", "CONSENT_LINK", id, null,
				Map.of("hcpId", hcpId, "expiresAt", now.plus(VALID_FOR).toString()));
		return token;
	}

	/** The link's HCP and consent, if the token is one we issued, unexpired, for a live HCP. */
	public Optional<LinkView> open(String token) {
		if (token == null || token.length() < 20 || token.length() > 100) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.jdbc.query("SELECT l.id, l.hcp_id, h.name_kanji, l.expires_at FROM consent_link l"
				+ " JOIN hcp h ON h.id = l.hcp_id WHERE l.token_hash = ? AND l.expires_at > ? AND h.status <> 'MERGED'",
				(rs, i) -> new LinkView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
						this.ledger.matrix(rs.getLong(2))),
				SecretTokens.sha256(token), Timestamp.from(now)).stream().findFirst();
	}

	/**
	 * Applies the HCP's choices: one WEB_LINK record per cell whose state changes, nothing for the rest.
	 * Returns how many records were appended; empty when the link is not (or no longer) valid.
	 */
	@Transactional
	public Optional<Integer> apply(String token, List<Choice> choices) {
		Optional<LinkView> view = open(token);
		if (view.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		List<ConsentEntry> changes = new ArrayList<>();
		for (Choice choice : choices) {
			boolean current = view.get().matrix().get(choice.channel()).get(choice.purpose()).allowed();
			if (current != choice.granted()) {
				changes.add(new ConsentEntry(choice.channel(), choice.purpose(),
						choice.granted() ? ConsentState.GRANTED : ConsentState.WITHDRAWN, ConsentSource.WEB_LINK,
						"link #" + view.get().linkId(), "hcp-self-service", now, null));
			}
		}
		for (ConsentEntry change : changes) {
			this.ledger.record(view.get().hcpId(), change, "hcp-self-service");
		}
		this.jdbc.update("UPDATE consent_link SET last_used_at = ? WHERE id = ?", Timestamp.from(now),
				view.get().linkId());
		return Optional.of(changes.size());
	}

}
