package org.openpharma.crm.hcp.web;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.hcp.web.HcpController.SearchParams;
import org.openpharma.crm.hcp.web.HcpController.TimelineParams;
import org.openpharma.crm.interaction.Channel;

import static org.assertj.core.api.Assertions.assertThat;

/** The query parameters of the HCP list and of the 360 page's timeline, as records. */
class SearchParamsTests {

	@Test
	void whatWasNotSentTakesTheDefaults() {
		SearchParams params = new SearchParams(null, null, null, null, null, null, null);
		assertThat(params).isEqualTo(new SearchParams("", "", "", null, "kana", "asc", 0));
		assertThat(params.safePage()).isZero();
		assertThat(params.toUrl("/hcps")).isEqualTo("/hcps?sort=kana&dir=asc");
	}

	@Test
	void textsAreCutTo100CharactersAndAPrefectureOutside1To47IsDropped() {
		SearchParams params = new SearchParams("あ".repeat(150), "病".repeat(101), "IM", 48, "kana", "asc", 0);
		assertThat(params.q()).hasSize(100);
		assertThat(params.institution()).hasSize(100);
		assertThat(params.prefecture()).isNull();
		assertThat(new SearchParams("", "", "", 0, null, null, null).prefecture()).isNull();
		assertThat(new SearchParams("", "", "", 1, null, null, null).prefecture()).isEqualTo(1);
		assertThat(new SearchParams("", "", "", 47, null, null, null).prefecture()).isEqualTo(47);
	}

	@Test
	void thePageStaysWithin0To500() {
		assertThat(new SearchParams(null, null, null, null, null, null, -3).safePage()).isZero();
		assertThat(new SearchParams(null, null, null, null, null, null, 7).safePage()).isEqualTo(7);
		assertThat(new SearchParams(null, null, null, null, null, null, 9999).safePage()).isEqualTo(500);
	}

	@Test
	void theUrlCarriesTheCriteriaInForce() {
		SearchParams params = new SearchParams(" 佐藤 ", "東京病院", "IM", 13, "nonsense", "DESC", 3);
		assertThat(params.toCriteria().query()).isEqualTo("佐藤");
		assertThat(params.toCriteria().sort()).isEqualTo("kana");
		assertThat(params.toCriteria().descending()).isTrue();
		assertThat(params.toUrl("/hcps/export.csv")).startsWith("/hcps/export.csv?q=")
			.endsWith("&specialty=IM&prefecture=13&sort=kana&dir=desc")
			.doesNotContain("page");
	}

	@Test
	void theTimelineFiltersByADepartmentCodeOnly() {
		TimelineParams timeline = new TimelineParams("SALES", Channel.VISIT, 4L, LocalDate.of(2026, 1, 1),
				LocalDate.of(2026, 3, 31), null);
		assertThat(timeline.tpage()).isZero();
		assertThat(timeline.toFilter().department()).isEqualTo("SALES");
		assertThat(timeline.toUrl("/hcps/5"))
			.isEqualTo("/hcps/5?department=SALES&channel=VISIT&ta=4&from=2026-01-01&to=2026-03-31");
		TimelineParams forged = new TimelineParams("sales'--", null, null, null, null, 9999);
		assertThat(forged.toFilter().department()).isNull();
		assertThat(forged.safePage()).isEqualTo(500);
		assertThat(forged.toUrl("/hcps/5")).isEqualTo("/hcps/5");
	}

}
