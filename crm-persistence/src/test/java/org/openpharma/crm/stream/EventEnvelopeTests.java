package org.openpharma.crm.stream;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.hcp.HcpMerged;
import org.openpharma.crm.inquiry.InquiryAnswered;
import org.openpharma.crm.inquiry.InquiryClosed;
import org.openpharma.crm.inquiry.InquiryPriority;
import org.openpharma.crm.inquiry.InquiryReceived;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.InteractionLogged;
import org.openpharma.crm.shared.DomainEvent;
import org.openpharma.crm.stage.PatientCountReported;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EventEnvelopeTests {

	final JsonMapper json = JsonMapper.builder().build();

	final Instant now = Instant.parse("2026-12-04T01:02:03Z");

	@Test
	void medicalInquiryEventsAreRoutedToTheMedicalTopicOnly() {
		List<DomainEvent> medical = List.of(
				new InquiryReceived(DomainEvent.newId(), this.now, 1, 2L, null, ConsentChannel.PHONE, ConsentChannel.EMAIL,
						InquiryPriority.NORMAL, false, true, this.now, "callcenter"),
				new InquiryAnswered(DomainEvent.newId(), this.now, 1, 2, ConsentChannel.EMAIL, "medical"),
				new InquiryClosed(DomainEvent.newId(), this.now, 1, 2, true, 5, "medical"));
		assertThat(medical).extracting(event -> EventEnvelope.of(event).routingKey())
			.containsExactly("medical.inquiry.received", "medical.inquiry.answered", "medical.inquiry.closed");
	}

	@Test
	void commercialEventsCarryTheirTypeAndVersionInTheRoutingKeyAndEnvelope() {
		HcpMerged merged = HcpMerged.of(1, 2, "admin", this.now);
		EventEnvelope envelope = EventEnvelope.of(merged);
		assertThat(envelope.routingKey()).isEqualTo("commercial.hcp.merged");
		JsonNode tree = this.json.readTree(this.json.writeValueAsString(envelope));
		assertThat(tree.get("id").asString()).isEqualTo(merged.eventId().toString());
		assertThat(tree.get("type").asString()).isEqualTo("hcp.merged");
		assertThat(tree.get("schemaVersion").asInt()).isEqualTo(1);
		assertThat(tree.get("occurredAt").asString()).isEqualTo("2026-12-04T01:02:03Z");
		assertThat(tree.get("data").get("survivorId").asLong()).isEqualTo(1);
		assertThat(tree.get("data").get("duplicateId").asLong()).isEqualTo(2);
	}

	@Test
	void eventsSerialiseCodesAndNumbersNotText() {
		InteractionLogged logged = new InteractionLogged(DomainEvent.newId(), this.now, 10, 20, Channel.VISIT, null,
				"SALES", this.now, List.of(3L), List.of(), false, null, "mr01");
		JsonNode data = this.json.readTree(this.json.writeValueAsString(EventEnvelope.of(logged))).get("data");
		assertThat(data.get("channel").asString()).isEqualTo("VISIT");
		assertThat(data.get("therapeuticAreaIds").get(0).asLong()).isEqualTo(3);
		PatientCountReported count = new PatientCountReported(DomainEvent.newId(), this.now, 20, 3L, null,
				YearMonth.of(2026, 11), 40, 12, 10L, "mr01");
		JsonNode counted = this.json.readTree(this.json.writeValueAsString(EventEnvelope.of(count))).get("data");
		assertThat(counted.get("period").asString()).isEqualTo("2026-11");
		assertThat(counted.get("eligiblePatients").asInt()).isEqualTo(40);
	}

}
