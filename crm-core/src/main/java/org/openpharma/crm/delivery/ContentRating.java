package org.openpharma.crm.delivery;

import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StorableText;

/**
 * An HCP's rating of an item they received: how helpful (1–5) and, if they said, why.
 *
 * @param byRep true when a rep recorded what the HCP said; false when the HCP rated it on the tracked page
 */
public record ContentRating(Integer helpful, String comment, boolean byRep) {

	public static final int COMMENT_MAX = 1000;

	public ContentRating {
		comment = (comment == null || comment.isBlank()) ? null : comment.strip();
	}

	public List<FieldViolation> violations() {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.helpful == null || this.helpful < 1 || this.helpful > 5) {
			violations.add(new FieldViolation("helpful", "delivery.rating.helpful.range"));
		}
		if (this.comment != null && (this.comment.length() > COMMENT_MAX || !StorableText.isStorable(this.comment))) {
			violations.add(new FieldViolation("comment", "validation.tooLong", COMMENT_MAX));
		}
		return violations;
	}

}
