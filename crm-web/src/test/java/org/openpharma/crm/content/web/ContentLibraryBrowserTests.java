package org.openpharma.crm.content.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentDraft;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentLibrary;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library in a real browser at 1024 × 768 (issue 15): marketing uploads an item (field errors first, a file whose
 * bytes are not what its name says is refused), sends it to review, a medical and a regulatory reviewer approve it
 * (a return without a comment is refused at the field), and then an MR finds it in the library with its preview;
 * a medical item never shows to the MR.
 */
@WebIntegrationTest
class ContentLibraryBrowserTests extends BrowserTestBase {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ContentLibrary library;

	@Autowired
	UserManagement userManagement;

	@Autowired
	Clock clock;

	String areaName;

	long areaId;

	String productName;

	@BeforeEach
	void anAreaWithAProduct() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.areaName = "骨粗鬆症" + n;
		this.productName = "ボーンケア" + n;
		this.areaId = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "CB" + n, this.areaName, "Osteo " + n);
		this.jdbc.update("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id) VALUES (?, ?, ?, ?)",
				"CB" + n + "P", this.productName, "Bonecare " + n, this.areaId);
	}

	private static Path file(String name, String content) throws Exception {
		Path dir = Files.createDirectories(Path.of("target", "browser-uploads", String.valueOf(System.nanoTime())))
			.toAbsolutePath();
		Path path = dir.resolve(name);
		Files.writeString(path, content, StandardCharsets.ISO_8859_1);
		return path;
	}

	private void check(String groupId, String label) {
		WebElement group = waitFor(By.id(groupId));
		for (WebElement option : group.findElements(By.cssSelector(".form-check"))) {
			if (option.getText().strip().equals(label)) {
				WebElement box = option.findElement(By.tagName("input"));
				// As BrowserTestBase.click: headless Chromium may report a control as covered after a native select
				// popup closed; the DOM click is the same user action.
				((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript("arguments[0].click();", box);
				return;
			}
		}
		throw new AssertionError("no option " + label + " in " + groupId);
	}

	@Test
	void marketingUploadsAnItemTwoReviewersApproveItAndAnMrFindsIt() throws Exception {
		String title = "骨密度検査の間隔 " + System.nanoTime() % 100_000;
		loginAs(Role.MARKETING);
		open("/content");
		click(By.id("new-content"));
		click(By.id("content-save"));
		waitFor(By.id("error-summary"));
		assertThat(this.driver.findElement(By.id("title-error")).getText()).isEqualTo("タイトルを入力してください。");
		assertThat(this.driver.findElement(By.id("kind-error")).getText()).isEqualTo("種類を選んでください。");
		assertThat(this.driver.findElement(By.id("channels-error")).getText())
			.isEqualTo("使用できるチャネルを1つ以上選んでください。");

		type(By.id("title"), title);
		new Select(waitFor(By.id("kind"))).selectByVisibleText("リーフレット・PDF");
		new Select(waitFor(By.id("therapeuticAreaId"))).selectByVisibleText(this.areaName);
		new Select(waitFor(By.id("productIds"))).selectByVisibleText(this.productName);
		check("categories-group", "用法・用量");
		check("stages-group", "関心");
		check("channels-group", "訪問");
		check("channels-group", "メール");
		type(By.id("topics"), "ＤＸＡ 検査の間隔\n骨密度の再検査");
		type(By.id("summary"), "骨密度検査を再検する間隔の目安をまとめたリーフレットです。");
		waitFor(By.id("file")).sendKeys(file("leaflet.pdf", "<html><body>not a pdf</body></html>").toString());
		click(By.id("content-save"));
		waitForText(By.id("file-error"),
				"この種類のファイル（text/html）は登録できません。PDF、スライド、文書、画像、動画を選んでください。");
		assertThat(this.driver.findElement(By.id("title")).getAttribute("value")).isEqualTo(title);
		screenshot("content-form-ja.png");

		waitFor(By.id("file")).sendKeys(file("leaflet.pdf",
				"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").toString());
		click(By.id("content-save"));
		waitForText(By.id("content-title"), title);
		assertThat(this.driver.findElement(By.id("content-status")).getText()).isEqualTo("下書き");
		assertThat(this.driver.findElement(By.id("content-topics")).getText()).isEqualTo("DXA 検査の間隔、骨密度の再検査");
		assertThat(this.driver.findElement(By.id("content-file")).getText()).isEqualTo("leaflet.pdf");
		String itemPath = new java.net.URI(this.driver.getCurrentUrl()).getPath();
		click(By.id("submit-version"));
		waitForText(By.id("content-status"), "審査中");
		assertThat(this.driver.findElements(By.id("review-form"))).isEmpty();
		screenshot("content-item-ja.png");

		loginAs(Role.MEDICAL);
		open("/content");
		waitFor(By.id("awaiting-review"));
		open(itemPath);
		assertThat(new Select(waitFor(By.id("review-slot"))).getOptions()).extracting(WebElement::getText)
			.containsExactly("医学審査");
		click(By.id("review-approve"));
		waitForText(By.id("flash"), "承認しました。");
		assertThat(this.driver.findElement(By.id("content-status")).getText()).isEqualTo("審査中");

		loginAs(Role.REVIEWER);
		open(itemPath);
		click(By.id("review-return"));
		waitForText(By.id("review-comment-error"), "差し戻す理由をコメントに入力してください。");
		assertThat(new Select(waitFor(By.id("review-slot"))).getFirstSelectedOption().getText())
			.isEqualTo("薬事・コンプライアンス審査");
		click(By.id("review-approve"));
		waitForText(By.id("content-status"), "承認済み");
		assertThat(this.driver.findElement(By.id("review-table")).getText()).contains("医学審査", "薬事・コンプライアンス審査",
				"Test MEDICAL", "Test REVIEWER");

		loginAs(Role.MR);
		open("/content?area=" + this.areaId);
		waitFor(By.id("content-table"));
		assertThat(this.driver.findElement(By.id("content-table")).getText()).contains(title);
		assertThat(this.driver.findElements(By.id("new-content"))).isEmpty();
		screenshot("content-library-ja.png");
		open(itemPath);
		waitFor(By.id("content-frame"));
		// Nobody has received it yet: the figures say so instead of showing a rate.
		assertThat(this.driver.findElement(By.id("usage-reached")).getText()).isEqualTo("0");
		assertThat(this.driver.findElement(By.id("usage-helpful")).getText()).isEqualTo("評価はまだありません");
		assertThat(this.driver.findElement(By.id("usage-caveat")).getText()).startsWith("これは関連を示すもので");
		assertThat(this.driver.findElements(By.id("review-form"))).isEmpty();
		assertThat(this.driver.findElements(By.id("withdraw-form"))).isEmpty();
		assertThat(browserErrors()).isEmpty();
	}

	@Test
	void aMedicalItemNeverShowsToAnMr() {
		String medical = this.users.ensure(Role.MEDICAL);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
		String title = "適応外使用に関する文献 " + System.nanoTime() % 100_000;
		long item = this.library.create(new ContentDraft(title, ContentKind.MEDICAL_LETTER, this.areaId, Set.of(),
				Set.of(NeedCategory.SAFETY), List.of("適応外"), Set.of(), Set.of(ConsentChannel.EMAIL), "ja", null, "本文",
				today.plusMonths(6), true, null), null,
				new ContentViewer(medical, EnumSet.of(Role.MEDICAL), "MEDICAL"));
		loginAs(Role.MR);
		open("/content?area=" + this.areaId + "&status=DRAFT");
		waitFor(By.id("content-table"));
		assertThat(this.driver.findElement(By.id("content-table")).getText()).doesNotContain(title);
		open("/content/" + item);
		assertThat(this.driver.findElement(By.tagName("body")).getText()).doesNotContain(title);

		loginAs(Role.MEDICAL);
		open("/content/" + item);
		waitForText(By.id("content-title"), title);
		assertThat(this.driver.findElement(By.id("content-off-label")).getText()).isEqualTo("適応外");
		assertThat(TestUsers.PASSWORD).isNotBlank();
	}

}
