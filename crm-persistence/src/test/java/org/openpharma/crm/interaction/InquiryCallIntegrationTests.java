package org.openpharma.crm.interaction;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.ConsentFixtures;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.inquiry.AdverseEventFacts;
import org.openpharma.crm.inquiry.InquiryDraft;
import org.openpharma.crm.inquiry.InquiryManagement;
import org.openpharma.crm.inquiry.InquiryPriority;
import org.openpharma.crm.interaction.TimelineQueries.TimelineEntry;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An inquiry taken by phone is an inbound call on the HCP's shared timeline (issue 14, item 7): logged by the
 * interaction module on {@code InquiryReceived}, in the intake's transaction, with none of the inquiry's text.
 */
@PostgresTest
class InquiryCallIntegrationTests extends PostgresTestBase {

	private static final String QUESTION = "eGFR 25 の患者への用量は？";

	private static final String AE = "初回投与2日後に発疹";

	@Autowired
	InquiryManagement inquiries;

	@Autowired
	TimelineQueries timelines;

	@Autowired
	InteractionManagement interactions;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	Hcp hcp;

	long area;

	long product;

	@BeforeEach
	void anHcpAndACallCenterAgent() {
		if (this.users.findByUsername("cc-call").isEmpty()) {
			this.users.create("cc-call", "受付 二", "callcenter-password-2", "CALL_CENTER", EnumSet.of(Role.CALL_CENTER),
					Set.of(), "test");
			this.users.create("mr-call", "営業 二", "sales-password-2", "SALES", EnumSet.of(Role.MR), Set.of(), "test");
		}
		UniqueNames.Name name = UniqueNames.next();
		this.hcp = this.hcps.create(new HcpDetails(name.kanji() + " 七郎", name.kana() + " シチロウ", null, null, null,
				null, null, null), "test");
		ConsentFixtures.grantEverything(this.consents, this.hcp.getId(), this.clock.instant());
		String code = "IC" + Math.abs(name.romaji().hashCode());
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '領域', 'Area')"
				+ " RETURNING id", Long.class, code);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '薬', 'Drug', ?) RETURNING id", Long.class, code + "P", this.area);
	}

	private InquiryDraft draft(boolean adverseEvent) {
		return new InquiryDraft(this.hcp.getId(), "腎機能低下時の用量", QUESTION, this.product, ConsentChannel.PHONE,
				InquiryPriority.NORMAL, false, null, adverseEvent,
				adverseEvent ? new AdverseEventFacts(this.product, AE, null, AdverseEventFacts.Seriousness.NON_SERIOUS,
						AdverseEventFacts.Expectedness.EXPECTED, false, "主治医", AdverseEventFacts.AgeBand.SIXTIES,
						AdverseEventFacts.Sex.FEMALE) : null);
	}

	private List<TimelineEntry> timeline() {
		return this.timelines.interactions(this.hcp.getId(), TimelineQueries.Filter.none(), 0, 50).items();
	}

	@Test
	void aPhoneInquiryIsAnInboundCallOnTheSharedTimelineWithoutItsText() {
		long inquiry = this.inquiries.take(draft(true), "cc-call", InquiryManagement.Via.CALL_CENTER, ConsentChannel.PHONE);

		List<TimelineEntry> timeline = timeline();
		assertThat(timeline).hasSize(1);
		TimelineEntry call = timeline.get(0);
		assertThat(call.channel()).isEqualTo("PHONE_IN");
		assertThat(call.push()).isFalse();
		assertThat(call.departmentCode()).isEqualTo("CALL_CENTER");
		assertThat(call.author()).isEqualTo("cc-call");
		assertThat(call.inquiryId()).isEqualTo(inquiry);
		assertThat(call.occurredAt()).isEqualTo(this.jdbc.queryForObject(
				"SELECT received_at FROM medical_inquiry WHERE id = ?", Timestamp.class, inquiry).toInstant());
		assertThat(call.keyMessages()).isNull();
		assertThat(call.outcome()).isNull();
		assertThat(call.notes()).isNull();
		assertThat(call.consentBreach()).isNull();
		// Counted under the product and its area, like any contact about it; no purpose (the HCP initiated it).
		Interaction saved = this.interactions.get(call.id());
		assertThat(saved.getProductIds()).containsExactly(this.product);
		assertThat(saved.getTherapeuticAreaIds()).containsExactly(this.area);
		assertThat(saved.getPurpose()).isNull();
		// Neither the question nor the adverse event reaches the interaction's row or its audit trail.
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM interaction WHERE id = ?", call.id());
		assertThat(row.toString()).doesNotContain(QUESTION).doesNotContain(AE).doesNotContain("腎機能");
		assertThat(this.jdbc.queryForList("SELECT after_state::text FROM audit_event WHERE entity_type = 'INTERACTION'"
				+ " AND entity_id = ?", String.class, call.id())).singleElement()
			.asString().contains("\"inquiryId\": " + inquiry).doesNotContain(QUESTION).doesNotContain(AE);
	}

	@Test
	void inquiriesTakenOnOtherChannelsLogNoCall() {
		this.inquiries.take(draft(false), "mr-call", InquiryManagement.Via.SALES, ConsentChannel.VISIT);
		this.inquiries.take(draft(false), "cc-call", InquiryManagement.Via.CALL_CENTER, ConsentChannel.EMAIL);
		this.inquiries.take(draft(false), "cc-call", InquiryManagement.Via.CALL_CENTER, ConsentChannel.WEB);
		this.inquiries.take(draft(false), "api", InquiryManagement.Via.API);
		assertThat(timeline()).isEmpty();
	}

	@Test
	void aRefusedIntakeLogsNoCallEither() {
		InquiryDraft noQuestion = new InquiryDraft(this.hcp.getId(), "件名", " ", this.product, ConsentChannel.PHONE,
				InquiryPriority.NORMAL, false, null, false, null);
		assertThatThrownBy(() -> this.inquiries.take(noQuestion, "cc-call", InquiryManagement.Via.CALL_CENTER,
				ConsentChannel.PHONE)).isInstanceOf(ValidationException.class);
		assertThat(timeline()).isEmpty();
	}

	@Test
	void theCallIsNeitherEditedNorCorrectedHere() {
		this.inquiries.take(draft(false), "cc-call", InquiryManagement.Via.CALL_CENTER, ConsentChannel.PHONE);
		long id = timeline().get(0).id();
		assertThat(this.interactions.mayCorrect(id, "cc-call")).isFalse();
		Interaction call = this.interactions.get(id);
		assertThatThrownBy(() -> this.interactions.edit(id, call.getVersion(), call.facts(), "cc-call"))
			.hasMessageContaining("interaction.inquiryCall.readOnly");
	}

}
