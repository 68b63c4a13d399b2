package org.openpharma.crm.delivery;

/**
 * Where an e-mail in the outbox stands. QUEUED waits for the background sender (also with no mail server
 * configured); SENT was accepted by the SMTP server; BOUNCED was rejected permanently (5xx); FAILED gave up after
 * the last retry; STOPPED was not sent because consent was withdrawn or its content stopped being usable after it
 * was queued.
 */
public enum MailStatus {

	QUEUED, SENT, BOUNCED, FAILED, STOPPED;

	public boolean isFinal() {
		return this != QUEUED;
	}

}
