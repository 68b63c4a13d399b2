package org.openpharma.crm.interaction;

import java.util.Optional;

import org.openpharma.crm.consent.ConsentChannel;

/**
 * How a contact with an HCP happened. Push channels are company-initiated; pull channels are
 * HCP-initiated (they need no outbound consent and are never "detailing"). The push set is mirrored in SQL by
 * rollup_push (db/migration/R__dashboard_rollups.sql); DashboardQueriesIntegrationTests compares the two.
 */
public enum Channel {

	VISIT(true), REMOTE_DETAIL(true), PHONE_OUT(true), EMAIL_OUT(true),

	WEB_CONTENT(false), WEBINAR(false), EMAIL_OPENED(false), PHONE_IN(false);

	private final boolean push;

	Channel(boolean push) {
		this.push = push;
	}

	public boolean isPush() {
		return this.push;
	}

	public boolean isPull() {
		return !this.push;
	}

	/** The consent an outbound contact on this channel needs; empty for inbound (HCP-initiated) ones. */
	public Optional<ConsentChannel> consentChannel() {
		return switch (this) {
			case VISIT -> Optional.of(ConsentChannel.VISIT);
			case REMOTE_DETAIL -> Optional.of(ConsentChannel.REMOTE);
			case PHONE_OUT -> Optional.of(ConsentChannel.PHONE);
			case EMAIL_OUT -> Optional.of(ConsentChannel.EMAIL);
			default -> Optional.empty();
		};
	}

}
