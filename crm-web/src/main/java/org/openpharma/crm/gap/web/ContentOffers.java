package org.openpharma.crm.gap.web;

import java.util.List;
import java.util.Map;

import org.openpharma.crm.gap.ContentRequestQueries;
import org.openpharma.crm.gap.GapAnswer;
import org.openpharma.crm.need.NeedQueries.BoardRow;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The "content available" marker of the needs board: of the needs on the page, those offered for fulfilment (still
 * open, in a content request that approved content answers now), with the content as the reader may see it. Called
 * from the board's template once per page ({@code ${@contentOffers.forBoard(results.items)}}), so that the board's
 * controller stays as it is.
 */
@Component("contentOffers")
class ContentOffers {

	private final ContentRequestQueries queries;

	ContentOffers(ContentRequestQueries queries) {
		this.queries = queries;
	}

	public Map<Long, GapAnswer> forBoard(List<BoardRow> rows) {
		return this.queries.offers(rows.stream().map(BoardRow::id).toList(),
				GapSupport.seesMedical(SecurityContextHolder.getContext().getAuthentication()));
	}

}
