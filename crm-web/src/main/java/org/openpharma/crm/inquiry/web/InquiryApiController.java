package org.openpharma.crm.inquiry.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.inquiry.AdverseEventFacts;
import org.openpharma.crm.inquiry.InquiryDraft;
import org.openpharma.crm.inquiry.InquiryManagement;
import org.openpharma.crm.inquiry.InquiryPriority;
import org.openpharma.crm.inquiry.InquiryQueries;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.user.Capability;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Medical inquiries from other systems: the company's web form, call-center telephony. The answer names
 * the inquiry, its status and due time — never its content, which only medical affairs reads.
 */
@RestController
@Tag(name = "Medical inquiries", description = "Intake of medical inquiries from other systems")
class InquiryApiController {

	private final InquiryManagement inquiries;

	private final InquiryQueries queries;

	private final HcpManagement hcps;

	InquiryApiController(InquiryManagement inquiries, InquiryQueries queries, HcpManagement hcps) {
		this.inquiries = inquiries;
		this.queries = queries;
		this.hcps = hcps;
	}

	@PostMapping("/api/v1/inquiries")
	@ResponseStatus(HttpStatus.CREATED)
	@Allowed(Capability.TAKE_INQUIRIES)
	@SecurityRequirement(name = "apiToken")
	@Operation(summary = "Take in a medical inquiry",
			description = "The HCP by hcpId or registryNumber; the question verbatim and a short subject (the only"
					+ " text commercial roles see); answerChannel VISIT, REMOTE, PHONE, EMAIL or WEB, which needs the HCP's"
					+ " MEDICAL_INFORMATION consent; receivedChannel (optional) how the inquiry came in, same codes: PHONE"
					+ " also logs the inbound call on the HCP's timeline; urgency URGENT or NORMAL. With adverseEvent, its minimum facts are"
					+ " required (suspectProductId, description, seriousness SERIOUS/NON_SERIOUS/UNKNOWN, expectedness"
					+ " UNEXPECTED/EXPECTED/UNKNOWN (listed in the label), fatal true/false, reporter,"
					+ " ageBand UNDER_10/TEENS/…/EIGHTY_PLUS/UNKNOWN, sex FEMALE/MALE/UNKNOWN; never a name) and a"
					+ " pharmacovigilance hand-off is created. awareAt (ISO-8601, with an offset or in Japan time) is when"
					+ " the company first learned of it — day 0 of an adverse event's clocks; by default when it is"
					+ " received; never in the future. Bad input: 400 with field errors; nothing is saved.")
	Received take(@RequestBody InquiryRequest request, Authentication caller) {
		if (request == null) {
			throw ValidationException.of("question", "inquiry.question.required");
		}
		List<FieldViolation> violations = new ArrayList<>();
		Long hcpId = request.hcpId();
		if (hcpId == null && request.registryNumber() != null) {
			hcpId = this.hcps.findByRegistryNumber(request.registryNumber().strip().toUpperCase(Locale.ROOT))
				.map(h -> (h.getMergedIntoId() != null) ? h.getMergedIntoId() : h.getId()).orElse(null);
			if (hcpId == null) {
				violations.add(new FieldViolation("registryNumber", "inquiry.hcp.unknown"));
			}
		}
		ConsentChannel channel = code(ConsentChannel.class, request.answerChannel(), "answerChannel", violations);
		ConsentChannel received = (request.receivedChannel() == null || request.receivedChannel().isBlank()) ? null
				: code(ConsentChannel.class, request.receivedChannel(), "receivedChannel", violations);
		InquiryPriority urgency = (request.urgency() == null) ? InquiryPriority.NORMAL
				: code(InquiryPriority.class, request.urgency(), "urgency", violations);
		Instant awareAt = instant(request.awareAt(), "awareAt", violations);
		AdverseEventFacts facts = null;
		boolean mentioned = request.adverseEvent() != null;
		if (mentioned) {
			AdverseEventRequest ae = request.adverseEvent();
			facts = new AdverseEventFacts(ae.suspectProductId(), ae.description(), ae.onsetDate(),
					(ae.seriousness() == null) ? null
							: code(AdverseEventFacts.Seriousness.class, ae.seriousness(), "ae.seriousness", violations),
					(ae.expectedness() == null) ? null
							: code(AdverseEventFacts.Expectedness.class, ae.expectedness(), "ae.expectedness", violations),
					ae.fatal(), ae.reporter(),
					(ae.ageBand() == null) ? null : code(AdverseEventFacts.AgeBand.class, ae.ageBand(), "ae.ageBand", violations),
					(ae.sex() == null) ? null : code(AdverseEventFacts.Sex.class, ae.sex(), "ae.sex", violations));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		long id = this.inquiries.take(new InquiryDraft(hcpId, request.subject(), request.question(), request.productId(),
				channel, urgency, Boolean.TRUE.equals(request.offLabel()), awareAt, mentioned, facts), caller.getName(),
				InquiryManagement.Via.API, received);
		InquiryQueries.InquirySummary summary = this.queries.summary(id).orElseThrow();
		return new Received(id, summary.status(), summary.dueAt(), mentioned);
	}

	private static <E extends Enum<E>> E code(Class<E> type, String value, String field, List<FieldViolation> violations) {
		if (value == null || value.isBlank()) {
			violations.add(new FieldViolation(field, "inquiry." + field + ".required"));
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(new FieldViolation(field, "inquiry.code.unknown"));
			return null;
		}
	}

	/** An ISO-8601 date-time with an offset ("2026-11-20T17:30+09:00") or without one (Japan time); null: none. */
	private static Instant instant(String value, String field, List<FieldViolation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value.strip()).atZone(Japan.ZONE).toInstant();
			}
			catch (DateTimeParseException again) {
				violations.add(new FieldViolation(field, "inquiry." + field + ".invalid"));
				return null;
			}
		}
	}

	/** The request body. */
	record InquiryRequest(Long hcpId, String registryNumber, String subject, String question, Long productId,
			String answerChannel, String urgency, Boolean offLabel, String awareAt, AdverseEventRequest adverseEvent,
			String receivedChannel) {
	}

	/** An adverse event the HCP mentioned: facts only, never the patient's identity. */
	record AdverseEventRequest(Long suspectProductId, String description, LocalDate onsetDate, String seriousness,
			String expectedness, Boolean fatal, String reporter, String ageBand, String sex) {
	}

	/** What was taken in: no medical content. */
	record Received(long id, String status, Instant dueAt, boolean adverseEventHandedOff) {
	}

}
