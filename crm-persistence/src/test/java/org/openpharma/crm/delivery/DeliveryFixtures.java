package org.openpharma.crm.delivery;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.openpharma.crm.ApprovedContent;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentDraft;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.stage.AdoptionStage;

/** Approved library content for delivery tests: the drafts they need, approved through {@link ApprovedContent}. */
record DeliveryFixtures(ApprovedContent content, ContentViewer medicalReviewer, ContentViewer regulatoryReviewer,
		ContentViewer secondMedicalReviewer) {

	static final String TEMPLATE_BODY = "{{hcp.name}} 先生\n\nいつもお世話になっております。{{sender.department}}の{{sender.name}}です。\n"
			+ "ご関心をお寄せいただいた情報をお送りいたします。\n\n{{content.links}}\n\n配信停止: {{unsubscribe.link}}";

	/** An approved version; returns its id. */
	long approved(ContentViewer author, String title, ContentKind kind, long area, Set<Long> products,
			Set<NeedCategory> categories, List<String> topics, Set<AdoptionStage> stages, boolean offLabel, String body,
			LocalDate expiresOn) {
		ContentDraft draft = new ContentDraft(title, kind, area, products, categories, topics, stages,
				Set.of(ConsentChannel.EMAIL, ConsentChannel.VISIT), "ja", null, body, expiresOn, offLabel, null);
		// A medical item's regulatory slot is medical affairs' too (ReviewSlot.reviewerRole).
		return this.content.approve(draft, null, author, this.medicalReviewer,
				author.seesMedical() ? this.secondMedicalReviewer : this.regulatoryReviewer).versionId();
	}

	long template(ContentViewer author, long area, LocalDate expiresOn) {
		return approved(author, "{{hcp.name}} 先生へ：ご依頼の資料", ContentKind.EMAIL_TEMPLATE, area, Set.of(), Set.of(),
				List.of(), Set.of(), false, TEMPLATE_BODY, expiresOn);
	}

}
