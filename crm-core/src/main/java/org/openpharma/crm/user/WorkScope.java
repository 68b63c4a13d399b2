package org.openpharma.crm.user;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openpharma.crm.shared.DomainException;

/**
 * Where a user works. The HCP record is company-wide and everyone may read it; acting is scoped. National
 * scope is a property of the role: marketing, medical affairs and the call center serve the whole country.
 * MRs and their managers work their territories (the prefectures of their territories): they act on what
 * belongs to an HCP of those prefectures, on what they raised themselves, and on what was routed to their
 * own department.
 *
 * @param national acts anywhere
 * @param prefectures the prefecture codes of the user's territories (empty for national users)
 * @param departmentCode the user's department
 */
public record WorkScope(boolean national, Set<Integer> prefectures, String departmentCode) {

	/** Roles whose work covers the whole country. */
	public static final Set<Role> NATIONAL_ROLES = EnumSet.of(Role.MARKETING, Role.MEDICAL, Role.CALL_CENTER,
			Role.ADMIN, Role.PRIVACY_OFFICER, Role.REVIEWER);

	public WorkScope {
		prefectures = (prefectures != null) ? Set.copyOf(prefectures) : Set.of();
	}

	/**
	 * The scope of a user with these roles: national if any role is national, or for a manager without any
	 * territory (head office manages the whole country); an MR is always territorial.
	 */
	public static WorkScope of(Collection<Role> roles, Set<Integer> prefectures, String departmentCode) {
		boolean headOffice = roles.contains(Role.MANAGER) && !roles.contains(Role.MR)
				&& (prefectures == null || prefectures.isEmpty());
		boolean national = headOffice || roles.stream().anyMatch(NATIONAL_ROLES::contains);
		return new WorkScope(national, national ? Set.of() : prefectures, departmentCode);
	}

	/** Whether an HCP whose institution lies in {@code prefecture} (null: none known) is in this scope. */
	public boolean covers(Integer prefecture) {
		return this.national || (prefecture != null && this.prefectures.contains(prefecture));
	}

	/**
	 * Whether the user may move a need of an HCP in {@code hcpPrefecture}, routed to {@code routedTo}
	 * (a department code, null before triage), raised by {@code raisedBy}.
	 */
	public boolean mayActOn(Integer hcpPrefecture, String routedTo, String raisedBy, String user) {
		return covers(hcpPrefecture) || (routedTo != null && routedTo.equals(this.departmentCode))
				|| (raisedBy != null && raisedBy.equals(user));
	}

	/** Throws the refusal a user outside the scope gets. */
	public void requireMayActOn(Integer hcpPrefecture, String routedTo, String raisedBy, String user) {
		if (!mayActOn(hcpPrefecture, routedTo, raisedBy, user)) {
			throw DomainException.global("scope.otherTerritory");
		}
	}

	/**
	 * The regions a territorial user's dashboards may show, in the order given: those holding any of their
	 * prefectures. Dashboards count by region, the finest grain their rollups keep. Null for national users
	 * (every region and the whole country).
	 */
	public List<String> dashboardRegions(List<String> regionsInOrder,
			Map<Integer, String> regionOfPrefecture) {
		if (this.national) {
			return null;
		}
		Set<String> mine = new HashSet<>();
		this.prefectures.forEach(p -> {
			if (regionOfPrefecture.get(p) != null) {
				mine.add(regionOfPrefecture.get(p));
			}
		});
		return regionsInOrder.stream().filter(mine::contains).toList();
	}

	/**
	 * The region a dashboard shows: for national users what they asked (null: the whole country); for a
	 * territorial user the region asked if it is one of theirs, else their first. Throws a field-level
	 * refusal for a region outside their scope, and for a user without territories.
	 */
	public String dashboardRegion(String requested, List<String> regionsInOrder,
			Map<Integer, String> regionOfPrefecture) {
		List<String> mine = dashboardRegions(regionsInOrder, regionOfPrefecture);
		if (mine == null) {
			return requested;
		}
		if (mine.isEmpty()) {
			throw new DomainException("dashboard.region.noTerritory", "region");
		}
		if (requested == null) {
			return mine.get(0);
		}
		if (!mine.contains(requested)) {
			throw new DomainException("dashboard.region.outOfScope", "region");
		}
		return requested;
	}

}
