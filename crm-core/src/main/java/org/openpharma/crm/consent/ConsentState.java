package org.openpharma.crm.consent;

/** A ledger record grants or withdraws consent. */
public enum ConsentState {

	GRANTED, WITHDRAWN

}
