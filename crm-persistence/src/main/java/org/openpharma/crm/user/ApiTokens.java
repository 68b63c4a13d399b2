package org.openpharma.crm.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.SecretTokens;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens of system users: created by an admin (the token is returned once, only its hash is
 * kept), checked on every API call, revocable at once.
 */
@Service
@Transactional
public class ApiTokens {

	/** How stale {@code last_used_at} may get before a call refreshes it. */
	static final java.time.Duration LAST_USED_PRECISION = java.time.Duration.ofMinutes(1);

	private final AppUserRepository users;

	private final ReferenceData reference;

	private final PasswordEncoder passwords;

	private final AuditTrail audit;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ApiTokens(AppUserRepository users, ReferenceData reference, PasswordEncoder passwords, AuditTrail audit,
			JdbcTemplate jdbc, Clock clock) {
		this.users = users;
		this.reference = reference;
		this.passwords = passwords;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A token as the admin list shows it (never the token itself). */
	public record TokenRow(long id, String name, String username, Instant createdAt, String createdBy,
			Instant lastUsedAt, Instant revokedAt) {
	}

	/** The system user a token authenticates, with its roles. */
	public record TokenUser(String username, String departmentCode, List<Role> roles) {
	}

	/**
	 * Creates a token for the system user {@code username}, creating that user (department as given,
	 * role MARKETING) if it does not exist. Returns the token; it cannot be shown again.
	 */
	public String create(String username, String tokenName, String departmentCode, String actor) {
		String name = (username == null) ? "" : username.strip().toLowerCase(Locale.ROOT);
		List<FieldViolation> violations = new ArrayList<>();
		if (!name.matches("[a-z0-9._-]{2,60}")) {
			violations.add(new FieldViolation("username", "user.username.format"));
		}
		if (tokenName == null || tokenName.isBlank() || tokenName.length() > 100) {
			violations.add(new FieldViolation("tokenName", "token.name.required"));
		}
		if (departmentCode == null || !this.reference.isDepartment(departmentCode)) {
			violations.add(new FieldViolation("departmentCode", "user.department.required"));
		}
		Optional<AppUser> existing = violations.isEmpty() ? this.users.findByUsername(name) : Optional.empty();
		if (existing.isPresent() && !existing.get().isSystemUser()) {
			violations.add(new FieldViolation("username", "token.user.notSystem"));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		Instant now = this.clock.instant();
		AppUser user = existing.orElseGet(() -> {
			AppUser created = this.users.saveAndFlush(AppUser.system(name, name, this.passwords.encode(randomToken()),
					departmentCode, EnumSet.of(Role.MARKETING), now));
			this.audit.record(actor, "CREATE_SYSTEM_USER", "USER", created.getId(), null, created.snapshot());
			return created;
		});
		String token = randomToken();
		Long id = this.jdbc.queryForObject("INSERT INTO api_token (user_id, name, token_hash, created_at, created_by)"
				+ " VALUES (?, ?, ?, ?, ?) RETURNING id", Long.class, user.getId(), tokenName.strip(), hash(token),
				Timestamp.from(now), actor);
		this.audit.record(actor, "CREATE_TOKEN", "API_TOKEN", id, null, Map.of("user", name, "name", tokenName.strip()));
		return token;
	}

	public void revoke(long id, String actor) {
		int updated = this.jdbc.update("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
				Timestamp.from(this.clock.instant()), id);
		if (updated == 0 && this.jdbc.queryForList("SELECT id FROM api_token WHERE id = ?", Long.class, id).isEmpty()) {
			throw new NotFoundException("API token", id);
		}
		this.audit.record(actor, "REVOKE_TOKEN", "API_TOKEN", id, null, Map.of("revoked", true));
	}

	/** The enabled system user behind a valid, unrevoked token. */
	public Optional<TokenUser> authenticate(String token) {
		if (token == null || token.length() < 20 || token.length() > 200) {
			return Optional.empty();
		}
		List<Object[]> rows = this.jdbc.query("SELECT t.id, u.username, u.department_code, u.id FROM api_token t"
				+ " JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.enabled"
				+ " AND u.system_user", (rs, i) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3),
						rs.getLong(4) }, hash(token));
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Object[] row = rows.get(0);
		// "Last used" to the minute: a write (and its commit flush) per call would cost more than the call.
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.update("UPDATE api_token SET last_used_at = ? WHERE id = ?"
				+ " AND (last_used_at IS NULL OR last_used_at < ?)", now, row[0],
				Timestamp.from(this.clock.instant().minus(LAST_USED_PRECISION)));
		List<Role> roles = this.jdbc.queryForList("SELECT role FROM app_user_role WHERE user_id = ?", String.class,
				row[3]).stream().map(Role::valueOf).toList();
		return Optional.of(new TokenUser((String) row[1], (String) row[2], roles));
	}

	@Transactional(readOnly = true)
	public List<TokenRow> all() {
		return this.jdbc.query("SELECT t.id, t.name, u.username, t.created_at, t.created_by, t.last_used_at, t.revoked_at"
				+ " FROM api_token t JOIN app_user u ON u.id = t.user_id ORDER BY t.created_at DESC",
				(rs, i) -> new TokenRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
						rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static String randomToken() {
		return SecretTokens.newToken();
	}

	static String hash(String token) {
		return SecretTokens.sha256(token);
	}

}
