package org.openpharma.crm.content;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.user.Role;

/**
 * The review of one version: two approvals, one per {@link ReviewSlot}, by two different people who are not its
 * author, each holding the slot's role; a return sends the version back to its author and the next submission
 * starts a new round. Pure: the caller hands over the current round's reviews.
 */
public final class ContentReviews {

	/** A review given in the current round. */
	public record Given(ReviewSlot slot, ReviewDecision decision, String reviewer) {
	}

	private ContentReviews() {
	}

	/**
	 * Checks that {@code reviewer} may give this review now and returns the version's status after it: IN_REVIEW
	 * while a slot is open, APPROVED when both are approved, DRAFT when returned. Throws a DomainException naming
	 * the rule otherwise.
	 */
	public static ContentStatus decide(ContentStatus status, ContentAudience audience, String author,
			Collection<Given> round, ReviewSlot slot, ReviewDecision decision, String reviewer,
			Collection<Role> reviewerRoles, String comment) {
		if (status != ContentStatus.IN_REVIEW) {
			throw DomainException.global("content.review.notInReview");
		}
		if (reviewer.equals(author)) {
			throw DomainException.global("content.review.ownVersion");
		}
		if (!reviewerRoles.contains(slot.reviewerRole(audience))) {
			throw DomainException.global("content.review.wrongRole", "content.reviewSlot." + slot.name());
		}
		Set<ReviewSlot> approved = EnumSet.noneOf(ReviewSlot.class);
		for (Given given : round) {
			if (given.decision() == ReviewDecision.APPROVED) {
				approved.add(given.slot());
				if (given.reviewer().equals(reviewer)) {
					throw DomainException.global("content.review.secondReviewByOnePerson");
				}
			}
		}
		if (approved.contains(slot)) {
			throw DomainException.global("content.review.slotDone");
		}
		if (decision == ReviewDecision.RETURNED) {
			if (comment == null || comment.isBlank()) {
				throw new DomainException("content.review.commentRequired", "comment");
			}
			return ContentStatus.DRAFT;
		}
		approved.add(slot);
		return approved.containsAll(List.of(ReviewSlot.values())) ? ContentStatus.APPROVED : ContentStatus.IN_REVIEW;
	}

	/** The slots this user could review now: open in this round, their role, not their own, not reviewed by them. */
	public static Set<ReviewSlot> open(ContentStatus status, ContentAudience audience, String author,
			Collection<Given> round, String user, Collection<Role> roles) {
		Set<ReviewSlot> open = EnumSet.noneOf(ReviewSlot.class);
		if (status != ContentStatus.IN_REVIEW || user.equals(author)) {
			return open;
		}
		boolean reviewedAlready = round.stream()
			.anyMatch(g -> g.decision() == ReviewDecision.APPROVED && g.reviewer().equals(user));
		if (reviewedAlready) {
			return open;
		}
		for (ReviewSlot slot : ReviewSlot.values()) {
			boolean done = round.stream().anyMatch(g -> g.slot() == slot && g.decision() == ReviewDecision.APPROVED);
			if (!done && roles.contains(slot.reviewerRole(audience))) {
				open.add(slot);
			}
		}
		return open;
	}

}
