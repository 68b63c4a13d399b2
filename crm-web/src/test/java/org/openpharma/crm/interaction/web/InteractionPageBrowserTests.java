package org.openpharma.crm.interaction.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A row of the HCP's timeline opens the interaction, read-only (issue 14, item 8). */
@WebIntegrationTest
class InteractionPageBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	@Autowired
	InteractionManagement interactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.openpharma.crm.consent.ConsentLedger consents;

	@Test
	void aManagerOpensATimelineRowAndReadsTheVisitWithItsNeedsAndWhoLoggedIt() {
		long n = System.nanoTime() % 1_000_000;
		String areaName = "詳細領域" + n;
		Long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "TD" + n, areaName, "Area " + n);
		Hcp hcp = this.hcps.create(new HcpDetails("詳細 次郎", "ショウサイ ジロウ", null, null, null, null, null, null),
				"setup");
		org.openpharma.crm.WebConsentFixtures.grantEverything(this.consents, hcp.getId(), Instant.now());
		Interaction visit = this.interactions.log(new InteractionCapture(hcp.getId(),
				new InteractionFacts(Channel.VISIT, Instant.now().minusSeconds(3600), 15, "資料を送付予定",
						"腎機能別の用量を説明", "次回は症例を持参", Set.of(), Set.of(area)),
				List.of(new NeedDraft("高齢者での安全性", NeedCategory.SAFETY, area, null, Urgency.HIGH, null)),
				List.of(new StageDraft(area, AdoptionStage.INTERESTED, "試験データに関心")), null, List.of()),
				this.users.ensure(Role.MR));

		loginAs(Role.MANAGER);
		open("/hcps/" + hcp.getId());
		click(By.cssSelector("#hcp-timeline tr[data-interaction-id='" + visit.getId() + "'] a.interaction-link"));

		assertThat(waitFor(By.id("interaction-channel")).getText()).isEqualTo("訪問");
		assertThat(this.driver.getCurrentUrl()).endsWith("/interactions/" + visit.getId());
		assertThat(this.driver.findElement(By.id("interaction-hcp")).getText()).contains("詳細 次郎");
		assertThat(this.driver.findElement(By.id("interaction-author")).getText()).isEqualTo("Test MR");
		assertThat(this.driver.findElement(By.id("interaction-department")).getText()).isEqualTo("営業");
		assertThat(this.driver.findElement(By.id("interaction-areas")).getText()).isEqualTo(areaName);
		assertThat(this.driver.findElement(By.id("interaction-key-messages")).getText()).isEqualTo("腎機能別の用量を説明");
		assertThat(this.driver.findElement(By.id("interaction-outcome")).getText()).isEqualTo("資料を送付予定");
		assertThat(this.driver.findElement(By.id("interaction-notes")).getText()).isEqualTo("次回は症例を持参");
		WebElement need = this.driver.findElement(By.cssSelector("#interaction-needs tr[data-need-id]"));
		assertThat(need.getText()).contains("高齢者での安全性").contains("安全性").contains("未対応");
		assertThat(this.driver.findElement(By.id("interaction-stages")).getText()).contains(areaName).contains("関心");
		// A manager reads, and neither edits nor corrects.
		assertThat(this.driver.findElements(By.id("edit-interaction"))).isEmpty();
		assertThat(this.driver.findElements(By.id("correct-interaction"))).isEmpty();
		click(By.id("back-to-hcp"));
		waitFor(By.id("hcp-timeline"));
	}

}
