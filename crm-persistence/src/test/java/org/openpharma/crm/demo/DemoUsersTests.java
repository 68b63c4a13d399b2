package org.openpharma.crm.demo;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.user.PasswordPolicy;

import static org.assertj.core.api.Assertions.assertThat;

class DemoUsersTests {

	@Test
	void theDemoPasswordPassesThePasswordPolicyForEveryDemoUser() {
		for (DemoUsers.DemoUser user : DemoUsers.USERS) {
			assertThat(PasswordPolicy.standard().check(DemoUsers.PASSWORD, user.username())).as(user.username()).isEmpty();
		}
	}

}
