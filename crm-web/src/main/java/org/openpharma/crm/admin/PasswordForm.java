package org.openpharma.crm.admin;

import java.util.Objects;

import jakarta.validation.constraints.Size;

/** An admin sets a new password for a user: typed twice, with the version the admin loaded. */
public record PasswordForm(@Size(max = 128) String password, @Size(max = 128) String passwordConfirmation,
		Long version) {

	static PasswordForm forVersion(long version) {
		return new PasswordForm(null, null, version);
	}

	boolean passwordsMatch() {
		return Objects.equals(Objects.toString(this.password, ""), Objects.toString(this.passwordConfirmation, ""));
	}

}
