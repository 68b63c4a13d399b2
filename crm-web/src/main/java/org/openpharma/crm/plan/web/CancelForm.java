package org.openpharma.crm.plan.web;

import jakarta.validation.constraints.NotNull;

/** Calling a plan off: the reason (required, kept) and the version the user saw. */
public record CancelForm(@NotNull Long version, String reason) {

}
