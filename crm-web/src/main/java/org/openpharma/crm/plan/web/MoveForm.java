package org.openpharma.crm.plan.web;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;

import org.springframework.format.annotation.DateTimeFormat;

/** A card dropped on another day, or the card's own date form: the new day and the version the user saw. */
public record MoveForm(@NotNull Long version, @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {

}
