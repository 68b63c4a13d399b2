package org.openpharma.crm;

import java.time.Instant;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentEntry;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.consent.ConsentSource;
import org.openpharma.crm.consent.ConsentState;

/** Consent for tests whose subject is not consent: the HCP agreed to every contact a minute ago. */
public final class ConsentFixtures {

	private ConsentFixtures() {
	}

	public static void grantEverything(ConsentLedger ledger, long hcpId, Instant now) {
		for (ConsentChannel channel : ConsentChannel.values()) {
			for (ConsentPurpose purpose : ConsentPurpose.values()) {
				ledger.record(hcpId, new ConsentEntry(channel, purpose, ConsentState.GRANTED, ConsentSource.PAPER,
						"test", "test", now.minusSeconds(60), null), "test");
			}
		}
	}

}
