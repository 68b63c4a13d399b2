package org.openpharma.crm;

import org.openpharma.crm.content.ContentDraft;
import org.openpharma.crm.content.ContentLibrary;
import org.openpharma.crm.content.ContentQueries;
import org.openpharma.crm.content.ContentQueries.VersionRow;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.content.ReviewDecision;
import org.openpharma.crm.content.ReviewSlot;

/**
 * Approved library content for tests whose subject is not the review, written through the library itself: the
 * author creates and submits the draft, a medical and a regulatory reviewer (both other than the author) approve it.
 * The same helper as crm-persistence's test {@code ApprovedContent}: that module publishes no test-jar, which would
 * put its PersistenceTestApplication, a second @SpringBootConfiguration, on this module's test classpath.
 */
public final class WebApprovedContent {

	private final ContentLibrary library;

	private final ContentQueries queries;

	public WebApprovedContent(ContentLibrary library, ContentQueries queries) {
		this.library = library;
		this.queries = queries;
	}

	/**
	 * Creates the item, submits its first version and approves it in both review slots. For a medical item the
	 * regulatory slot is medical affairs' too (ReviewSlot.reviewerRole), so both reviewers are then medical users.
	 */
	public Approved approve(ContentDraft draft, ContentLibrary.Upload upload, ContentViewer author,
			ContentViewer medicalReviewer, ContentViewer regulatoryReviewer) {
		long item = this.library.create(draft, upload, author);
		VersionRow v = this.queries.item(item, author).latest();
		this.library.submit(v.versionId(), v.version(), author);
		v = this.queries.item(item, author).latest();
		this.library.review(v.versionId(), v.version(), ReviewSlot.MEDICAL, ReviewDecision.APPROVED, null,
				medicalReviewer);
		v = this.queries.item(item, author).latest();
		this.library.review(v.versionId(), v.version(), ReviewSlot.REGULATORY, ReviewDecision.APPROVED, null,
				regulatoryReviewer);
		return new Approved(item, v.versionId());
	}

	/** The approved item and its (first) version. */
	public record Approved(long itemId, long versionId) {
	}

}
