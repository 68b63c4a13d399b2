package org.openpharma.crm.need;

/** How soon the HCP needs an answer. */
public enum Urgency {

	LOW, NORMAL, HIGH

}
