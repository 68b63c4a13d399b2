package org.openpharma.crm.admin;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.validation.constraints.Size;

import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.AppUser;
import org.openpharma.crm.user.Role;

/**
 * The user create/edit form. Roles and territories arrive as strings so that a tampered value becomes
 * a field error instead of a type mismatch; user name and passwords are only used when creating. The
 * version is the one the admin loaded, so that a concurrent change is detected.
 */
public record UserForm(@Size(max = 60) String username, @Size(max = 100) String displayName,
		@Size(max = 20) String departmentCode, List<String> roles, List<String> territoryIds,
		@Size(max = 128) String password, @Size(max = 128) String passwordConfirmation, Long version) {

	public UserForm {
		roles = (roles != null) ? List.copyOf(roles.stream().filter(r -> r != null).toList()) : List.of();
		territoryIds = (territoryIds != null) ? List.copyOf(territoryIds.stream().filter(t -> t != null).toList())
				: List.of();
	}

	static UserForm empty() {
		return new UserForm("", "", "", List.of(), List.of(), null, null, null);
	}

	static UserForm of(AppUser user) {
		return new UserForm(user.getUsername(), user.getDisplayName(), user.getDepartmentCode(),
				user.getRoles().stream().map(Enum::name).toList(),
				user.getTerritoryIds().stream().sorted().map(String::valueOf).toList(), null, null, user.getVersion());
	}

	/** The chosen roles; an unknown name (only possible in a tampered request) is a field error. */
	Set<Role> roleSet() {
		Set<Role> set = EnumSet.noneOf(Role.class);
		for (String name : this.roles) {
			if (name.isBlank()) {
				continue;
			}
			try {
				set.add(Role.valueOf(name));
			}
			catch (IllegalArgumentException ex) {
				throw ValidationException.of("roles", "admin.user.roles.unknown");
			}
		}
		return set;
	}

	/** The chosen territory ids; a value that is not a number is a field error like an unknown id. */
	Set<Long> territorySet() {
		Set<Long> set = new LinkedHashSet<>();
		for (String id : this.territoryIds) {
			if (id.isBlank()) {
				continue;
			}
			try {
				set.add(Long.valueOf(id.strip()));
			}
			catch (NumberFormatException ex) {
				throw ValidationException.of("territoryIds", "user.territory.unknown");
			}
		}
		return set;
	}

	boolean passwordsMatch() {
		return Objects.equals(Objects.toString(this.password, ""), Objects.toString(this.passwordConfirmation, ""));
	}

	UserForm withVersion(long newVersion) {
		return new UserForm(this.username, this.displayName, this.departmentCode, this.roles, this.territoryIds, null,
				null, newVersion);
	}

}
