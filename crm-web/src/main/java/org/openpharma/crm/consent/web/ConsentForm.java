package org.openpharma.crm.consent.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import jakarta.validation.constraints.Size;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentEntry;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.consent.ConsentSource;
import org.openpharma.crm.consent.ConsentState;
import org.openpharma.crm.shared.Japan;
import org.springframework.format.annotation.DateTimeFormat;

/** "Record consent" on the HCP's consent page: what the HCP said, how, when, and until when. */
public record ConsentForm(ConsentChannel channel, ConsentPurpose purpose, ConsentState state, ConsentSource source,
		@Size(max = 200) String evidenceRef,
		@DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm") LocalDateTime capturedAt,
		@DateTimeFormat(pattern = "yyyy-MM-dd") LocalDate expiresOn) {

	/** Sources a person records on this page; IMPORT and WEB_LINK come from the import and the HCP's link. */
	static final ConsentSource[] MANUAL_SOURCES = { ConsentSource.VERBAL, ConsentSource.PAPER, ConsentSource.WEB_FORM,
			ConsentSource.EMAIL_LINK };

	static ConsentForm empty(Instant now) {
		return new ConsentForm(null, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED, ConsentSource.VERBAL, null,
				LocalDateTime.ofInstant(now, Japan.ZONE).withSecond(0).withNano(0), null);
	}

	/** The ledger record; an expiry date means "valid through that day" (Japan time). */
	ConsentEntry toEntry(String actor) {
		return new ConsentEntry(this.channel, this.purpose, this.state, this.source, this.evidenceRef, actor,
				(this.capturedAt != null) ? this.capturedAt.atZone(Japan.ZONE).toInstant() : null,
				(this.expiresOn != null) ? this.expiresOn.plusDays(1).atStartOfDay(Japan.ZONE).toInstant() : null);
	}

}
