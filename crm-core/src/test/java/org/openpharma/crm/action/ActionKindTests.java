package org.openpharma.crm.action;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentPurpose;

import static org.assertj.core.api.Assertions.assertThat;

class ActionKindTests {

	@Test
	void theMrsContactsArePushOnTheirOwnChannel() {
		assertThat(ActionKind.VISIT.isPush()).isTrue();
		assertThat(ActionKind.VISIT.consentChannel()).contains(ConsentChannel.VISIT);
		assertThat(ActionKind.REMOTE_DETAIL.consentChannel()).contains(ConsentChannel.REMOTE);
		assertThat(ActionKind.APPROVED_EMAIL.consentChannel()).contains(ConsentChannel.EMAIL);
		assertThat(ActionKind.APPROVED_EMAIL.isPush()).isTrue();
		assertThat(ActionKind.VISIT.defaultDepartment()).isEqualTo("SALES");
		assertThat(ActionKind.VISIT.defaultPurpose()).isEqualTo(ConsentPurpose.PROMOTIONAL);
	}

	@Test
	void webinarInvitationsAndWebLinksArePullButStillNeedConsent() {
		assertThat(ActionKind.WEBINAR_INVITATION.isPull()).isTrue();
		assertThat(ActionKind.WEBINAR_INVITATION.consentChannel()).contains(ConsentChannel.EMAIL);
		assertThat(ActionKind.WEB_CONTENT.isPull()).isTrue();
		assertThat(ActionKind.WEB_CONTENT.consentChannel()).contains(ConsentChannel.WEB);
		assertThat(ActionKind.WEB_CONTENT.defaultDepartment()).isEqualTo("MARKETING");
	}

	@Test
	void aHandOffToMedicalAffairsIsInternalAndMedicalInformation() {
		assertThat(ActionKind.MEDICAL_HANDOFF.isPush()).isTrue();
		assertThat(ActionKind.MEDICAL_HANDOFF.consentChannel()).isEmpty();
		assertThat(ActionKind.MEDICAL_HANDOFF.defaultDepartment()).isEqualTo("MEDICAL");
		assertThat(ActionKind.MEDICAL_HANDOFF.defaultPurpose()).isEqualTo(ConsentPurpose.MEDICAL_INFORMATION);
	}

	@Test
	void noContactIsNeitherPushNorPull() {
		assertThat(ActionKind.NO_CONTACT.isContact()).isFalse();
		assertThat(ActionKind.NO_CONTACT.isPush()).isFalse();
		assertThat(ActionKind.NO_CONTACT.isPull()).isFalse();
		assertThat(ActionKind.NO_CONTACT.approach()).isEmpty();
		assertThat(ActionKind.NO_CONTACT.consentChannel()).isEmpty();
	}

}
