package org.openpharma.crm.shared;

/** One broken rule about one input field, as a message code. */
public record FieldViolation(String field, String code, Object... arguments) {
}
