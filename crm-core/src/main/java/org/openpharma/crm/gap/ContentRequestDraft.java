package org.openpharma.crm.gap;

import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StorableText;

/**
 * A content request as raised from a group of the report: the group and an optional note for the department
 * that is to make the content ({@link RequestDepartment#forCategory}).
 */
public record ContentRequestDraft(GapKey group, String note) {

	public static final int NOTE_MAX = 1000;

	public ContentRequestDraft {
		note = (note == null || note.isBlank()) ? null : note.strip();
	}

	public RequestDepartment department() {
		return RequestDepartment.forCategory(this.group.category());
	}

	/** What is wrong with it, field by field; empty when it can be raised. */
	public List<FieldViolation> violations() {
		List<FieldViolation> violations = new ArrayList<>();
		if (!this.group.hasArea()) {
			violations.add(new FieldViolation("group", "gap.request.noArea"));
		}
		if (this.note != null && (this.note.length() > NOTE_MAX || !StorableText.isStorable(this.note))) {
			violations.add(new FieldViolation("note", "gap.request.note.tooLong", NOTE_MAX));
		}
		return violations;
	}

}
