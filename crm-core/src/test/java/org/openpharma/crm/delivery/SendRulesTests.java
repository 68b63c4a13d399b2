package org.openpharma.crm.delivery;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.content.ContentAudience;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.user.Role;

import static org.assertj.core.api.Assertions.assertThat;

class SendRulesTests {

	static final ContentViewer MR = new ContentViewer("mr", Set.of(Role.MR), "SALES");

	static final ContentViewer MARKETING = new ContentViewer("mkt", Set.of(Role.MARKETING), "MARKETING");

	static final ContentViewer MEDICAL = new ContentViewer("med", Set.of(Role.MEDICAL), "MEDICAL");

	static final ContentViewer MANAGER = new ContentViewer("mgr", Set.of(Role.MANAGER), "SALES");

	@Test
	void commercialSendersSendPromotionalOnLabelItemsOnly() {
		for (ContentViewer sender : new ContentViewer[] { MR, MARKETING }) {
			assertThat(SendRules.maySend(sender, ContentAudience.PROMOTIONAL, false, false)).isTrue();
			assertThat(SendRules.maySend(sender, ContentAudience.MEDICAL, false, true)).isFalse();
			assertThat(SendRules.maySend(sender, ContentAudience.MEDICAL, true, true)).isFalse();
		}
	}

	@Test
	void medicalAffairsSendsMedicalItemsAndOffLabelOnlyAnsweringAnInquiry() {
		assertThat(SendRules.maySend(MEDICAL, ContentAudience.PROMOTIONAL, false, false)).isTrue();
		assertThat(SendRules.maySend(MEDICAL, ContentAudience.MEDICAL, false, false)).isTrue();
		assertThat(SendRules.maySend(MEDICAL, ContentAudience.MEDICAL, true, false)).isFalse();
		assertThat(SendRules.maySend(MEDICAL, ContentAudience.MEDICAL, true, true)).isTrue();
	}

	@Test
	void withoutTheCapabilityNothingIsSent() {
		assertThat(SendRules.maySend(MANAGER, ContentAudience.PROMOTIONAL, false, false)).isFalse();
	}

}
