package org.openpharma.crm.delivery.web;

import org.openpharma.crm.delivery.ContentRating;

/** How helpful an item was (1–5) and why. */
record RatingForm(Integer helpful, String comment) {

	static RatingForm empty() {
		return new RatingForm(null, null);
	}

	ContentRating toRating(boolean byRep) {
		return new ContentRating(this.helpful, this.comment, byRep);
	}

}
