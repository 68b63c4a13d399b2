package org.openpharma.crm.gap.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebApprovedContent;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentDraft;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentLibrary;
import org.openpharma.crm.content.ContentQueries;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content gap in a real browser at 1024 × 768 (issue 15): marketing signs in and lands on the report, finds a
 * group of needs that no content answers, raises a content request for it; once an item answering it has been
 * written and approved by a medical and a regulatory reviewer, the group shows as answered, the request as answered
 * with the need offered for fulfilment, and the need carries the "content available" marker on the needs board.
 */
@WebIntegrationTest
class ContentGapBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries contentQueries;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	long hcp;

	long need;

	String topic;

	@BeforeEach
	void anHcpWaitingForPatientMaterial() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?,"
				+ " 'Gap browser') RETURNING id", Long.class, "GB" + n, "ギャップ検証" + n);
		this.hcp = this.hcps.create(new HcpDetails("能登 理恵", "ノト リエ", null, null, null, null, null, null), "setup")
			.getId();
		this.topic = "服薬指導用の資料" + n;
		Timestamp now = Timestamp.from(this.clock.instant());
		this.need = this.jdbc.queryForObject("INSERT INTO information_need (hcp_id, topic, category,"
				+ " therapeutic_area_id, urgency, status, created_by, created_at, updated_by, updated_at)"
				+ " VALUES (?, ?, 'PATIENT_SUPPORT', ?, 'NORMAL', 'OPEN', 'mr', ?, 'mr', ?) RETURNING id", Long.class,
				this.hcp, this.topic, this.area, now, now);
	}

	private WebElement group() {
		return waitFor(By.cssSelector("#gap-table tr.gap-group"));
	}

	@Test
	void marketingRequestsContentForAGapAndSeesItAnsweredOnceAnItemIsApproved() {
		loginAs(Role.MARKETING);
		this.wait.until(d -> d.getCurrentUrl().endsWith("/content/gaps"));
		new Select(waitFor(By.id("filter-ta"))).selectByValue(String.valueOf(this.area));
		click(By.id("gap-filter-apply"));
		this.wait.until(d -> d.getCurrentUrl().contains("ta=" + this.area));
		assertThat(group().findElement(By.cssSelector(".gap-topic")).getText()).isEqualTo(this.topic);
		assertThat(group().getAttribute("data-answered")).isEqualTo("false");
		assertThat(group().findElement(By.cssSelector(".gap-waiting")).getText()).isEqualTo("1");
		assertThat(group().findElements(By.cssSelector(".gap-no-content"))).hasSize(1);

		click(By.cssSelector("#gap-table tr.gap-group .gap-request"));
		assertThat(waitFor(By.id("request-topic")).getText()).isEqualTo(this.topic);
		assertThat(waitFor(By.id("request-department")).getText()).isEqualTo("マーケティング");
		type(By.id("note"), "患者さん向けの服薬指導資料をお願いします。");
		click(By.id("request-submit"));
		waitFor(By.id("flash"));
		assertThat(waitFor(By.id("request-waiting-content")).isDisplayed()).isTrue();
		String requestPage = this.driver.getCurrentUrl();
		assertThat(this.driver.findElement(By.cssSelector("#request-needs tr[data-need-id='" + this.need + "']"))
			.getAttribute("data-offered")).isEqualTo("false");

		long item = approvedItemAnswering();

		this.driver.navigate().refresh();
		waitFor(By.id("request-answered"));
		assertThat(waitFor(By.cssSelector("#request-content .request-item")).getText()).isEqualTo("服薬指導用リーフレット");
		WebElement offered = this.driver.findElement(By.cssSelector("#request-needs tr[data-need-id='" + this.need + "']"));
		assertThat(offered.getAttribute("data-offered")).isEqualTo("true");
		assertThat(offered.findElement(By.cssSelector(".need-offer")).getAttribute("href")).endsWith("/needs/" + this.need);
		assertThat(requestPage).contains("/content/requests/");

		open("/content/gaps?ta=" + this.area);
		assertThat(group().getAttribute("data-answered")).isEqualTo("true");
		assertThat(group().findElement(By.cssSelector(".gap-item")).getAttribute("href"))
			.endsWith("/content/" + item);

		open("/content/requests");
		waitFor(By.cssSelector("#request-table tr.request-row[data-answered='true']"));

		open("/needs?hcp=" + this.hcp);
		WebElement marker = waitFor(By.cssSelector("#need-table tr[data-need-id='" + this.need + "'] .content-available"));
		assertThat(marker.getAttribute("href")).endsWith("/content/" + item);
		assertThat(browserErrors()).isEmpty();
	}

	/** Written by marketing, approved by medical affairs (medical review) and a regulatory reviewer. */
	private long approvedItemAnswering() {
		ContentViewer author = new ContentViewer(this.users.ensure(Role.MARKETING), Set.of(Role.MARKETING), "MARKETING");
		ContentViewer medical = new ContentViewer(this.users.ensure(Role.MEDICAL), Set.of(Role.MEDICAL), "MEDICAL");
		ContentViewer reviewer = new ContentViewer(this.users.ensure(Role.REVIEWER), Set.of(Role.REVIEWER), "COMPLIANCE");
		return new WebApprovedContent(this.library, this.contentQueries).approve(new ContentDraft("服薬指導用リーフレット",
				ContentKind.LEAFLET, this.area, Set.of(), Set.of(NeedCategory.PATIENT_SUPPORT), List.of(this.topic),
				Set.of(AdoptionStage.TRIAL), Set.of(ConsentChannel.VISIT), "ja", "要約", "本文です。",
				LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6), false, null), null, author, medical,
				reviewer).itemId();
	}

}
