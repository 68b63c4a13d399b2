package org.openpharma.crm.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.openpharma.crm.shared.DomainException;

/** A person (or a system) who signs in, with roles, a department and territories. */
@Entity
@Table(name = "app_user")
public class AppUser {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String username;

	@Column(name = "display_name", nullable = false)
	private String displayName;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Column(name = "department_code", nullable = false)
	private String departmentCode;

	@Column(nullable = false)
	private boolean enabled = true;

	@Column(name = "system_user", nullable = false)
	private boolean systemUser;

	/**
	 * Failed sign-ins since the last successful one, for the admin's eyes: counted in SQL by
	 * {@code UserManagement}, never written through the entity. It locks nothing (docs/adr/0013).
	 */
	@Column(name = "failed_attempts", nullable = false, insertable = false, updatable = false)
	private int failedAttempts;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@ElementCollection
	@CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "user_id"))
	@Enumerated(EnumType.STRING)
	@Column(name = "role")
	private Set<Role> roles = new HashSet<>();

	@ElementCollection
	@CollectionTable(name = "app_user_territory", joinColumns = @JoinColumn(name = "user_id"))
	@Column(name = "territory_id")
	private Set<Long> territoryIds = new HashSet<>();

	@Version
	private long version;

	protected AppUser() {
	}

	public static AppUser create(String username, String displayName, String passwordHash, String departmentCode,
			Set<Role> roles, Set<Long> territoryIds, Instant now) {
		if (roles.isEmpty()) {
			throw new DomainException("user.roles.required", "roles");
		}
		AppUser user = new AppUser();
		user.username = username;
		user.displayName = displayName;
		user.passwordHash = passwordHash;
		user.departmentCode = departmentCode;
		user.roles = new HashSet<>(roles);
		user.territoryIds = new HashSet<>(territoryIds);
		user.createdAt = now;
		user.updatedAt = now;
		return user;
	}

	/** A user for another system (API tokens only): it has a password hash nobody knows. */
	public static AppUser system(String username, String displayName, String unusablePasswordHash,
			String departmentCode, Set<Role> roles, Instant now) {
		AppUser user = create(username, displayName, unusablePasswordHash, departmentCode, roles, Set.of(), now);
		user.systemUser = true;
		return user;
	}

	public void assign(String displayName, String departmentCode, Set<Role> roles, Set<Long> territoryIds,
			Instant now) {
		if (roles.isEmpty()) {
			throw new DomainException("user.roles.required", "roles");
		}
		this.displayName = displayName;
		this.departmentCode = departmentCode;
		this.roles.clear();
		this.roles.addAll(roles);
		this.territoryIds.clear();
		this.territoryIds.addAll(territoryIds);
		this.updatedAt = now;
	}

	public void resetPassword(String passwordHash, Instant now) {
		this.passwordHash = passwordHash;
		this.updatedAt = now;
	}

	public void disable(Instant now) {
		this.enabled = false;
		this.updatedAt = now;
	}

	public void enable(Instant now) {
		this.enabled = true;
		this.updatedAt = now;
	}

	public Map<String, Object> snapshot() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("username", this.username);
		state.put("displayName", this.displayName);
		state.put("departmentCode", this.departmentCode);
		state.put("enabled", this.enabled);
		state.put("roles", new TreeSet<>(this.roles.stream().map(Enum::name).toList()));
		state.put("territoryIds", new TreeSet<>(this.territoryIds));
		return state;
	}

	public Long getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public String getDepartmentCode() {
		return this.departmentCode;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public boolean isSystemUser() {
		return this.systemUser;
	}

	public int getFailedAttempts() {
		return this.failedAttempts;
	}

	public Set<Role> getRoles() {
		return this.roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(this.roles);
	}

	public Set<Long> getTerritoryIds() {
		return Set.copyOf(this.territoryIds);
	}

	public long getVersion() {
		return this.version;
	}

}
