package org.openpharma.crm.user;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkScopeTests {

	static final int TOKYO = 13;

	static final int ISHIKAWA = 17;

	@Test
	void marketingMedicalAndTheCallCenterWorkNationwide() {
		for (Role role : EnumSet.of(Role.MARKETING, Role.MEDICAL, Role.CALL_CENTER)) {
			WorkScope scope = WorkScope.of(Set.of(role), Set.of(TOKYO), "X");
			assertThat(scope.national()).isTrue();
			assertThat(scope.covers(ISHIKAWA)).isTrue();
			assertThat(scope.covers(null)).isTrue();
		}
	}

	@Test
	void anMrActsInTheirTerritoryOnWhatTheyRaisedAndOnWhatWasRoutedToSales() {
		WorkScope mr = WorkScope.of(Set.of(Role.MR), Set.of(TOKYO), "SALES");
		assertThat(mr.national()).isFalse();
		assertThat(mr.mayActOn(TOKYO, null, "someone", "mr01")).isTrue();
		assertThat(mr.mayActOn(ISHIKAWA, null, "mr07", "mr01")).isFalse();
		assertThat(mr.mayActOn(ISHIKAWA, "MEDICAL", "mr07", "mr01")).isFalse();
		assertThat(mr.mayActOn(ISHIKAWA, "SALES", "mr07", "mr01")).isTrue();
		assertThat(mr.mayActOn(ISHIKAWA, null, "mr01", "mr01")).isTrue();
		// An HCP without a known institution belongs to no territory.
		assertThat(mr.mayActOn(null, null, "mr07", "mr01")).isFalse();
		assertThatThrownBy(() -> mr.requireMayActOn(ISHIKAWA, null, "mr07", "mr01"))
			.hasMessageContaining("scope.otherTerritory");
	}

	@Test
	void aManagerIsScopedToTheirTerritoriesUnlessAlsoNational() {
		WorkScope manager = WorkScope.of(Set.of(Role.MANAGER), Set.of(TOKYO, 11, 12), "MANAGEMENT");
		assertThat(manager.covers(TOKYO)).isTrue();
		assertThat(manager.covers(40)).isFalse();
		assertThat(WorkScope.of(Set.of(Role.MANAGER, Role.MARKETING), Set.of(TOKYO), "MARKETING").covers(40)).isTrue();
	}

	@Test
	void aTerritorialManagersDashboardsShowTheirRegionsOnly() {
		java.util.List<String> regions = java.util.List.of("HOKKAIDO", "KANTO", "CHUBU", "KYUSHU");
		java.util.Map<Integer, String> regionOf = java.util.Map.of(TOKYO, "KANTO", 11, "KANTO", ISHIKAWA, "CHUBU", 40,
				"KYUSHU");
		WorkScope kanto = WorkScope.of(Set.of(Role.MANAGER), Set.of(TOKYO, 11), "MANAGEMENT");
		assertThat(kanto.dashboardRegions(regions, regionOf)).containsExactly("KANTO");
		assertThat(kanto.dashboardRegion(null, regions, regionOf)).isEqualTo("KANTO");
		assertThat(kanto.dashboardRegion("KANTO", regions, regionOf)).isEqualTo("KANTO");
		assertThatThrownBy(() -> kanto.dashboardRegion("KYUSHU", regions, regionOf))
			.isInstanceOfSatisfying(org.openpharma.crm.shared.DomainException.class,
					ex -> assertThat(ex.getField()).isEqualTo("region"))
			.hasMessageContaining("dashboard.region.outOfScope");
		WorkScope twoRegions = WorkScope.of(Set.of(Role.MANAGER), Set.of(ISHIKAWA, TOKYO), "MANAGEMENT");
		assertThat(twoRegions.dashboardRegions(regions, regionOf)).containsExactly("KANTO", "CHUBU");
		assertThat(twoRegions.dashboardRegion(null, regions, regionOf)).isEqualTo("KANTO");
		// A manager without a territory is head office: the whole country.
		assertThat(WorkScope.of(Set.of(Role.MANAGER), Set.of(), "MANAGEMENT").dashboardRegion(null, regions, regionOf))
			.isNull();
		// An MR without a territory has no region to show.
		assertThatThrownBy(() -> WorkScope.of(Set.of(Role.MR), Set.of(), "SALES").dashboardRegion(null, regions, regionOf))
			.hasMessageContaining("dashboard.region.noTerritory");
		WorkScope marketing = WorkScope.of(Set.of(Role.MARKETING), Set.of(), "MARKETING");
		assertThat(marketing.dashboardRegions(regions, regionOf)).isNull();
		assertThat(marketing.dashboardRegion(null, regions, regionOf)).isNull();
		assertThat(marketing.dashboardRegion("KYUSHU", regions, regionOf)).isEqualTo("KYUSHU");
	}

}
