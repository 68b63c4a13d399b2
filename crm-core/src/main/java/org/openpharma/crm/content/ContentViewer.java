package org.openpharma.crm.content;

import java.util.Set;

import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;

/**
 * Who looks at the library, and so what they may see of it (the firewall, principle 3): medical items only with
 * {@link Capability#READ_MEDICAL_CONTENT}; drafts and versions in review only for authors and reviewers; everyone
 * else sees approved, unexpired versions only.
 *
 * @param department the user's department: an author works on the items their department owns
 */
public record ContentViewer(String username, Set<Role> roles, String department) {

	public ContentViewer {
		roles = Set.copyOf(roles);
	}

	public boolean seesMedical() {
		return Capability.READ_MEDICAL_CONTENT.heldByAny(this.roles);
	}

	public boolean seesUnapproved() {
		return Capability.AUTHOR_CONTENT.heldByAny(this.roles) || Capability.REVIEW_CONTENT.heldByAny(this.roles);
	}

	/** Whether they may see an item of this audience at all. */
	public boolean sees(ContentAudience audience) {
		return audience == ContentAudience.PROMOTIONAL || seesMedical();
	}

	/** Whether they may write versions of an item their department owns: marketing promotional, medical affairs medical. */
	public boolean authors(String ownerDepartment) {
		return Capability.AUTHOR_CONTENT.heldByAny(this.roles) && ownerDepartment.equals(this.department);
	}

	/** The audience of an item they create. */
	public ContentAudience audienceOfNewItem() {
		return ContentAudience.ofAuthor(this.department);
	}

}
