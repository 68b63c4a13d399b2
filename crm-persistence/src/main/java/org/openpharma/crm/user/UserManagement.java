package org.openpharma.crm.user;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Users, their roles, department and territories; sign-in bookkeeping (failure count). Audited. */
@Service
@Transactional
public class UserManagement {

	/** Password policy: long enough to resist guessing, not a common one; no composition rules ({@link PasswordPolicy}). */
	public static final int PASSWORD_MIN = PasswordPolicy.MIN_LENGTH;

	private final AppUserRepository users;

	private final ReferenceData reference;

	private final PasswordEncoder passwords;

	private final AuditTrail audit;

	private final Clock clock;

	private final org.springframework.jdbc.core.JdbcTemplate jdbc;

	UserManagement(AppUserRepository users, ReferenceData reference, PasswordEncoder passwords, AuditTrail audit,
			Clock clock, org.springframework.jdbc.core.JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.users = users;
		this.reference = reference;
		this.passwords = passwords;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<AppUser> findByUsername(String username) {
		return this.users.findByUsername(username.toLowerCase(Locale.ROOT));
	}

	/**
	 * The department of an enabled user, e.g. for the record of what the user logs. Plain SQL: this runs
	 * on every write, and loading the user entity with its roles cost more than the write itself.
	 */
	public Optional<String> departmentOf(String username) {
		return this.jdbc.queryForList("SELECT department_code FROM app_user WHERE username = ? AND enabled",
				String.class, username.toLowerCase(Locale.ROOT)).stream().findFirst();
	}

	/** How a page names the user: the display name, or the user name itself for a user that does not exist. */
	public String displayNameOf(String username) {
		return (username == null) ? "" : displayNamesOf(java.util.List.of(username)).getOrDefault(username, username);
	}

	/**
	 * Display names of these users by user name (one query); a user name without a user (a system, an API token)
	 * is absent.
	 */
	public java.util.Map<String, String> displayNamesOf(java.util.Collection<String> usernames) {
		String[] wanted = usernames.stream().filter(java.util.Objects::nonNull).distinct().toArray(String[]::new);
		java.util.Map<String, String> names = new java.util.HashMap<>();
		if (wanted.length == 0) {
			return names;
		}
		this.jdbc.query("SELECT username, display_name FROM app_user WHERE username = ANY (?)",
				(org.springframework.jdbc.core.RowCallbackHandler) rs -> names.put(rs.getString(1), rs.getString(2)),
				(Object) wanted);
		return names;
	}

	/**
	 * Where the user works (WorkScope): national by role, else the prefectures of their territories. An
	 * unknown or disabled user has an empty territorial scope. Plain SQL, one round trip.
	 */
	public WorkScope scopeOf(String username) {
		List<WorkScope> scope = this.jdbc.query("SELECT u.department_code,"
				+ " array_to_string(array(SELECT r.role FROM app_user_role r WHERE r.user_id = u.id), ',') AS roles,"
				+ " array_to_string(array(SELECT DISTINCT tp.prefecture_code FROM app_user_territory ut"
				+ "   JOIN territory_prefecture tp ON tp.territory_id = ut.territory_id WHERE ut.user_id = u.id), ',')"
				+ " AS prefectures FROM app_user u WHERE u.username = ? AND u.enabled", (rs, n) -> {
					Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
					for (String role : rs.getString("roles").split(",")) {
						if (!role.isBlank()) {
							roles.add(Role.valueOf(role));
						}
					}
					Set<Integer> prefectures = new java.util.HashSet<>();
					for (String code : rs.getString("prefectures").split(",")) {
						if (!code.isBlank()) {
							prefectures.add(Integer.valueOf(code));
						}
					}
					return WorkScope.of(roles, prefectures, rs.getString("department_code"));
				}, username.toLowerCase(Locale.ROOT));
		return scope.isEmpty() ? new WorkScope(false, Set.of(), null) : scope.get(0);
	}

	@Transactional(readOnly = true)
	public AppUser get(long id) {
		return this.users.findWithRolesById(id).orElseThrow(() -> new NotFoundException("user", id));
	}

	@Transactional(readOnly = true)
	public List<AppUser> all() {
		return this.users.findAllByOrderByUsernameAsc();
	}

	public AppUser create(String username, String displayName, String password, String departmentCode,
			Set<Role> roles, Set<Long> territoryIds, String actor) {
		String name = (username == null) ? "" : username.strip().toLowerCase(Locale.ROOT);
		List<FieldViolation> violations = new ArrayList<>();
		if (!name.matches("[a-z0-9._-]{2,60}")) {
			violations.add(new FieldViolation("username", "user.username.format"));
		}
		else if (this.users.existsByUsername(name)) {
			violations.add(new FieldViolation("username", "user.username.duplicate"));
		}
		checkPassword(password, name, violations);
		checkAssignment(displayName, departmentCode, roles, territoryIds, violations);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		AppUser user = this.users.saveAndFlush(AppUser.create(name, displayName.strip(), this.passwords.encode(password),
				departmentCode, roles, territoryIds, this.clock.instant()));
		this.audit.record(actor, "CREATE", "USER", user.getId(), null, user.snapshot());
		return user;
	}

	public AppUser assign(long id, long expectedVersion, String displayName, String departmentCode, Set<Role> roles,
			Set<Long> territoryIds, String actor) {
		AppUser user = current(id, expectedVersion);
		List<FieldViolation> violations = new ArrayList<>();
		checkAssignment(displayName, departmentCode, roles, territoryIds, violations);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		Map<String, Object> before = user.snapshot();
		user.assign(displayName.strip(), departmentCode, roles, territoryIds, this.clock.instant());
		user = this.users.saveAndFlush(user);
		this.audit.record(actor, "ASSIGN", "USER", id, before, user.snapshot());
		return user;
	}

	public void resetPassword(long id, long expectedVersion, String password, String actor) {
		AppUser user = current(id, expectedVersion);
		List<FieldViolation> violations = new ArrayList<>();
		checkPassword(password, user.getUsername(), violations);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		user.resetPassword(this.passwords.encode(password), this.clock.instant());
		this.users.saveAndFlush(user);
		clearSignInFailures(id);
		this.audit.record(actor, "RESET_PASSWORD", "USER", id, null, Map.of("username", user.getUsername()));
	}

	public void setEnabled(long id, long expectedVersion, boolean enabled, String actor) {
		AppUser user = current(id, expectedVersion);
		if (enabled == user.isEnabled()) {
			return;
		}
		if (!enabled && user.getUsername().equals(actor)) {
			throw ValidationException.of("enabled", "user.disable.self");
		}
		Map<String, Object> before = user.snapshot();
		if (enabled) {
			user.enable(this.clock.instant());
		}
		else {
			user.disable(this.clock.instant());
		}
		this.users.saveAndFlush(user);
		if (enabled) {
			clearSignInFailures(id);
		}
		this.audit.record(actor, enabled ? "ENABLE" : "DISABLE", "USER", id, before, user.snapshot());
	}

	/**
	 * Bookkeeping of a failed sign-in, in its own transaction so that it survives the failure. One UPDATE
	 * counts: concurrent failures queue on the row lock and each adds to the count the previous one left,
	 * so none is lost and none fails (a read-modify-write through the entity lost counts and failed with
	 * an optimistic-locking exception, a 500 at the sign-in form). The count locks nothing: guessing is
	 * slowed down by the sign-in throttle instead (docs/adr/0013).
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordFailedLogin(String username) {
		this.jdbc.query("UPDATE app_user SET failed_attempts = failed_attempts + 1 WHERE username = ?"
				+ " RETURNING id, username", rs -> {
					this.audit.record(rs.getString("username"), "LOGIN_FAILED", "USER", rs.getLong("id"), null, null);
				}, username.toLowerCase(Locale.ROOT));
	}

	/** The id of a user, if the name exists (for the audit of sign-in throttling). */
	@Transactional(readOnly = true)
	public Optional<Long> idOf(String username) {
		return this.jdbc.queryForList("SELECT id FROM app_user WHERE username = ?", Long.class,
				username.toLowerCase(Locale.ROOT)).stream().findFirst();
	}

	/** Bookkeeping of a successful sign-in: the failure count starts again. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordSuccessfulLogin(String username) {
		this.jdbc.query("UPDATE app_user SET failed_attempts = 0 WHERE username = ?"
				+ " RETURNING id, username", rs -> {
					this.audit.record(rs.getString("username"), "LOGIN", "USER", rs.getLong("id"), null, null);
				}, username.toLowerCase(Locale.ROOT));
	}

	/** An admin's new password or re-enabling starts the failure count again. */
	private void clearSignInFailures(long id) {
		this.jdbc.update("UPDATE app_user SET failed_attempts = 0 WHERE id = ?", id);
	}

	private AppUser current(long id, long expectedVersion) {
		AppUser user = get(id);
		if (user.getVersion() != expectedVersion) {
			throw new StaleVersionException("user", id, expectedVersion, user.getVersion());
		}
		return user;
	}

	private static void checkPassword(String password, String username, List<FieldViolation> violations) {
		PasswordPolicy.standard().check(password, username).ifPresent(violations::add);
	}

	private void checkAssignment(String displayName, String departmentCode, Set<Role> roles, Set<Long> territoryIds,
			List<FieldViolation> violations) {
		if (displayName == null || displayName.isBlank()) {
			violations.add(new FieldViolation("displayName", "user.displayName.required"));
		}
		else if (displayName.strip().length() > 100) {
			violations.add(new FieldViolation("displayName", "validation.tooLong", 100));
		}
		if (departmentCode == null || !this.reference.isDepartment(departmentCode)) {
			violations.add(new FieldViolation("departmentCode", "user.department.required"));
		}
		if (roles == null || roles.isEmpty()) {
			violations.add(new FieldViolation("roles", "user.roles.required"));
		}
		if (!this.reference.territoriesExist(territoryIds)) {
			violations.add(new FieldViolation("territoryIds", "user.territory.unknown"));
		}
	}

}
