package org.openpharma.crm.inquiry.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebConsentFixtures;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** An MR takes a medical inquiry with an adverse event; pharmacovigilance sees the hand-off on its clock. */
@WebIntegrationTest
class InquiryBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.openpharma.crm.user.UserManagement users;

	@Autowired
	org.openpharma.crm.inquiry.InquiryManagement inquiries;

	Hcp hcp;

	String productName;

	@BeforeEach
	void anHcpAndAProduct() {
		long n = System.nanoTime() % 1_000_000;
		this.productName = "テスト錠" + n;
		Long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "QA" + n, "領域" + n, "Area " + n);
		Long product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, ?, ?, ?) RETURNING id", Long.class, "QP" + n, this.productName, "Test " + n, area);
		this.jdbc.update("INSERT INTO standard_response (product_id, code, title, body, approval_ref, valid_from, valid_to)"
				+ " VALUES (?, ?, '腎機能低下時の用量', '標準回答書: eGFR 30未満では半量', 'MA-2026-7', CURRENT_DATE - 30,"
				+ " CURRENT_DATE + 365)", product, "SR" + n);
		this.hcp = this.hcps.create(new HcpDetails("質問 次郎", "シツモン ジロウ", null, null, null, null, null, null), "setup");
		WebConsentFixtures.grantEverything(this.consents, this.hcp.getId(), java.time.Instant.now());
	}

	/** A value the browser's own picker would set (a datetime-local field does not take typed keys portably). */
	private void setValue(By by, String value) {
		((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript("arguments[0].value = arguments[1]",
				waitFor(by), value);
	}

	private void select(String id, String visibleText) {
		new Select(this.driver.findElement(By.id(id))).selectByVisibleText(visibleText);
	}

	@Test
	void theCallCenterTakesAPhoneInquiryAndTheMrSeesTheInboundCallWithoutTheQuestion() {
		loginAs(Role.CALL_CENTER);
		open("/hcps/" + this.hcp.getId());
		click(By.id("new-inquiry"));
		waitFor(By.id("inquiry-form"));
		// The call center takes calls: 受付方法 is the telephone unless the agent says otherwise.
		assertThat(new Select(this.driver.findElement(By.id("receivedChannel"))).getFirstSelectedOption().getText())
			.isEqualTo("電話");
		type(By.id("subject"), "小児への投与について");
		select("productId", this.productName);
		type(By.id("question"), "体重20kgの小児に投与できますか");
		click(By.id("save-inquiry"));
		waitFor(By.id("flash"));
		WebElement mine = waitFor(By.cssSelector("#hcp-timeline tr[data-interaction-id]"));
		assertThat(mine.getText()).contains("電話（受信）").contains("医薬品に関する問い合わせを受付");

		// Another department opens the HCP: the call is there, who took it, and that it was an inquiry; not the question.
		loginAs(Role.MR);
		open("/hcps/" + this.hcp.getId());
		WebElement call = waitFor(By.cssSelector("#hcp-timeline tr[data-interaction-id]"));
		assertThat(call.getText()).contains("電話（受信）").contains("コールセンター")
			.contains("医薬品に関する問い合わせを受付");
		assertThat(call.findElements(By.cssSelector("a.inquiry-call"))).isEmpty();
		assertThat(this.driver.getPageSource()).doesNotContain("体重20kg");
		// The row opens the call: who took it, in which department, and the inquiry's subject and status only.
		click(By.cssSelector("#hcp-timeline tr[data-interaction-id='" + call.getAttribute("data-interaction-id")
				+ "'] a.interaction-link"));
		assertThat(waitFor(By.id("interaction-channel")).getText()).isEqualTo("電話（受信）");
		assertThat(this.driver.findElement(By.id("interaction-author")).getText()).isEqualTo("Test CALL_CENTER");
		assertThat(this.driver.findElement(By.id("interaction-department")).getText()).isEqualTo("コールセンター");
		assertThat(this.driver.findElement(By.id("interaction-inquiry")).getText()).contains("小児への投与について")
			.contains("受付");
		assertThat(this.driver.findElement(By.id("interaction-products")).getText()).isEqualTo(this.productName);
		assertThat(this.driver.findElements(By.id("edit-interaction"))).isEmpty();
		assertThat(this.driver.findElements(By.id("correct-interaction"))).isEmpty();
		assertThat(this.driver.getPageSource()).doesNotContain("体重20kg");
	}

	@Test
	void anMrTakesAnInquiryWithAnAdverseEventAndPharmacovigilanceSeesTheHandoffOnItsClock() {
		loginAs(Role.MR);
		open("/hcps/" + this.hcp.getId());
		click(By.id("new-inquiry"));
		waitFor(By.id("inquiry-form"));
		type(By.id("subject"), "用量についての質問");
		select("productId", this.productName);
		type(By.id("question"), "腎機能が低下した患者での用量は？");
		click(By.id("adverseEvent1"));
		// Heard of it "tomorrow", and saved without the adverse event's facts: refused field by field, nothing saved.
		java.time.ZoneId japan = java.time.ZoneId.of("Asia/Tokyo");
		java.time.LocalDateTime learned = java.time.LocalDateTime.now(japan).minusDays(1).withHour(17).withMinute(30)
			.withSecond(0).withNano(0);
		setValue(By.id("awareAt"), learned.plusDays(2).toString());
		click(By.id("save-inquiry"));
		assertThat(waitFor(By.id("aeDescription-error")).getText()).contains("事象の内容");
		assertThat(this.driver.findElement(By.id("awareAt-error")).getText()).contains("未来");
		assertThat(this.driver.findElement(By.id("aeExpectedness-error")).getText()).contains("既知・未知");
		assertThat(this.driver.findElement(By.id("aeFatal-error")).getText()).contains("死亡の有無");
		// The MR learned of it yesterday at 17:30 and enters it only now: day 0 is yesterday.
		setValue(By.id("awareAt"), learned.toString());
		select("aeProductId", this.productName);
		type(By.id("aeDescription"), "初回投与2日後に発疹");
		select("aeSeriousness", "重篤");
		select("aeExpectedness", "未知（添付文書に記載なし）");
		select("aeFatal", "死亡なし");
		select("aeAgeBand", "60代");
		select("aeSex", "女性");
		type(By.id("aeReporter"), "主治医");
		click(By.id("save-inquiry"));
		assertThat(waitFor(By.id("flash")).getText()).contains("安全管理部門");
		// The MR sees that the inquiry exists and its status, never the question.
		assertThat(waitFor(By.id("hcp-inquiries")).getText()).contains("用量についての質問").contains("受付");
		assertThat(this.driver.getPageSource()).doesNotContain("腎機能が低下した患者").doesNotContain("発疹");

		// Medical affairs' hand-off list: HCP, product, the inquiry, day 0, the internal and the regulator's deadline
		// with the rule that set it (Japan, serious and unexpected: 15 days from day 0).
		loginAs(Role.MEDICAL);
		open("/inquiries/handoffs");
		By mine = By.xpath("//table[@id='handoffs']//tr[td[contains(., '" + this.productName + "')]]");
		WebElement row = waitFor(mine);
		assertThat(row.getText()).contains("初回投与2日後に発疹").contains("60代").contains("質問 次郎")
			.contains("重篤 · 未知（添付文書に記載なし） · 死亡なし");
		assertThat(row.findElement(By.cssSelector(".handoff-day-zero")).getText())
			.contains(learned.toLocalDate() + " 17:30");
		assertThat(row.findElement(By.cssSelector(".handoff-due")).getText()).isNotBlank();
		assertThat(row.findElement(By.cssSelector(".handoff-regulatory-date")).getText())
			.isEqualTo(learned.toLocalDate().plusDays(15).toString());
		assertThat(row.findElement(By.cssSelector(".handoff-rule")).getText()).contains("JP").contains("重篤・未知：15日以内");
		assertThat(row.findElement(By.cssSelector(".handoff-country")).getText()).isEqualTo("JP");
		String inquiryLink = row.findElement(By.cssSelector("a.handoff-inquiry")).getAttribute("href");
		assertThat(inquiryLink).matches(".*/inquiries/\\d+$");
		// Ordered by the regulator's deadline instead of what is due first: the choice is marked, the row still there.
		click(By.id("sort-REGULATORY"));
		waitFor(By.cssSelector("#sort-REGULATORY[aria-current='true']"));
		assertThat(this.driver.getCurrentUrl()).contains("sort=REGULATORY");
		waitFor(mine);
		// Acknowledged, it leaves the open list for the history, with PV's reference and its clocks.
		waitFor(mine).findElement(By.name("pvReference")).sendKeys("PV-2026-0815");
		waitFor(mine).findElement(By.cssSelector("button[type='submit']")).click();
		assertThat(waitFor(By.id("flash")).getText()).contains("受領");
		assertThat(this.driver.findElements(mine)).isEmpty();
		WebElement history = waitFor(
				By.xpath("//table[@id='handoff-history']//tr[td[contains(., '" + this.productName + "')]]"));
		assertThat(history.getText()).contains("PV-2026-0815").contains(learned.toLocalDate().plusDays(15).toString());
		// The link leads to the inquiry, which shows day 0 and both clocks too.
		this.driver.get(inquiryLink);
		assertThat(waitFor(By.id("inquiry-ae-clocks")).getText()).contains(learned.toLocalDate() + " 17:30")
			.contains("重篤・未知：15日以内");
		assertThat(this.driver.findElement(By.id("inquiry-aware-at")).getText()).isEqualTo(learned.toLocalDate() + " 17:30");
		open("/inquiries?status=RECEIVED");
		assertThat(waitFor(By.id("inquiry-queue")).getText()).contains("用量についての質問").contains("腎機能が低下した患者");

		// Medical triages it as urgent and takes it on; the inquiry's own timeline shows each step.
		click(By.xpath("//table[@id='inquiry-queue']//a[text()='用量についての質問']"));
		assertThat(waitFor(By.id("inquiry-question")).getText()).contains("腎機能が低下した患者");
		select("triage-priority", "至急");
		click(By.id("triage-button"));
		waitForText(By.id("inquiry-status"), "トリアージ済み");
		click(By.id("assign-button"));
		waitForText(By.id("inquiry-status"), "担当決定");
		assertThat(this.driver.findElement(By.id("inquiry-timeline")).getText()).contains("受付").contains("トリアージ")
			.contains("担当決定").contains("安全管理部門に引き渡し");

		// Answered with the standard response, sent, closed with the HCP's feedback.
		click(By.id("use-standard"));
		assertThat(waitFor(By.id("answer-text")).getText()).contains("標準回答書");
		click(By.id("deliver-button"));
		waitForText(By.id("inquiry-status"), "回答済み");
		new Select(this.driver.findElement(By.id("close-score"))).selectByVisibleText("5/5");
		click(By.id("close-button"));
		waitForText(By.id("inquiry-status"), "完了");

		// The MR sees that it was answered, never the answer.
		loginAs(Role.MR);
		open("/hcps/" + this.hcp.getId());
		assertThat(waitFor(By.id("hcp-inquiries")).getText()).contains("完了");
		assertThat(this.driver.getPageSource()).doesNotContain("標準回答書: eGFR");
	}

	@Test
	void aCustomAnswerIsReturnedWithAReasonRevisedAndSentOnlyAfterASecondMedicalUserApprovesIt() {
		String second = "medical-second";
		if (this.users.findByUsername(second).isEmpty()) {
			this.users.create(second, "中村 恵介", "second-medical-2026", "MEDICAL", java.util.EnumSet.of(Role.MEDICAL),
					java.util.Set.of(), "setup");
		}
		loginAs(Role.MR);
		open("/hcps/" + this.hcp.getId() + "/inquiries/new");
		type(By.id("subject"), "併用について");
		type(By.id("question"), "ワルファリンとの併用は？");
		click(By.id("save-inquiry"));
		waitFor(By.id("flash"));

		loginAs(Role.MEDICAL);
		open("/inquiries?status=RECEIVED");
		click(By.xpath("//table[@id='inquiry-queue']//a[text()='併用について']"));
		click(By.id("triage-button"));
		waitForText(By.id("inquiry-status"), "トリアージ済み");
		click(By.id("assign-button"));
		waitForText(By.id("inquiry-status"), "担当決定");
		String inquiryPage = this.driver.getCurrentUrl();
		// The queue filters by assignee, chosen by name.
		open("/inquiries");
		select("assignee-filter", "Test MEDICAL");
		click(By.id("queue-filter-apply"));
		assertThat(waitFor(By.id("inquiry-queue")).getText()).contains("併用について").contains("Test MEDICAL");
		this.driver.get(inquiryPage);
		type(By.id("answer-custom"), "個別回答: INR を確認しながら併用可");
		click(By.id("draft-custom"));
		// The author sees what was submitted and where it stands, not an empty box.
		waitForText(By.id("answer-state"), "承認待ち");
		assertThat(this.driver.findElement(By.id("inquiry-answer-state")).getText()).isEqualTo("承認待ち");
		assertThat(this.driver.findElement(By.id("answer-text")).getText()).isEqualTo("個別回答: INR を確認しながら併用可");
		assertThat(this.driver.findElement(By.id("answer-custom")).getAttribute("value"))
			.isEqualTo("個別回答: INR を確認しながら併用可");
		assertThat(this.driver.findElement(By.id("answer-approval")).getText()).contains("承認待ち");
		assertThat(this.driver.findElements(By.id("approve-button"))).as("no approving one's own answer").isEmpty();
		assertThat(this.driver.findElements(By.id("return-button"))).as("no returning one's own answer").isEmpty();
		assertThat(this.driver.findElements(By.id("deliver-button"))).isEmpty();
		String page = this.driver.getCurrentUrl();

		// The second reviewer returns it: without a reason, an error on the reason's field; then with one.
		loginAndWait(second, "second-medical-2026");
		this.driver.get(page);
		click(By.id("return-button"));
		assertThat(waitFor(By.id("returnReason-error")).getText()).isEqualTo("差し戻し理由を入力してください。");
		assertThat(this.driver.findElement(By.id("returnReason")).getAttribute("class")).contains("is-invalid");
		type(By.id("returnReason"), "INR の目標範囲を記載してください。\n出典（添付文書）も追記してください。");
		click(By.id("return-button"));
		waitForText(By.id("answer-state"), "差し戻し");
		assertThat(this.driver.findElements(By.id("approve-button"))).isEmpty();

		// The author sees the return, who and why, and revises the answer in place.
		loginAs(Role.MEDICAL);
		this.driver.get(page);
		assertThat(waitFor(By.id("answer-returned")).getText()).contains("中村 恵介 が差し戻しました");
		assertThat(this.driver.findElement(By.id("answer-return-reason")).getText())
			.isEqualTo("INR の目標範囲を記載してください。\n出典（添付文書）も追記してください。");
		assertThat(this.driver.findElement(By.id("inquiry-answer-state")).getText()).isEqualTo("差し戻し");
		assertThat(this.driver.findElement(By.id("draft-custom")).getText()).isEqualTo("修正して再提出");
		type(By.id("answer-custom"), "個別回答（修正）: INR 2.0〜3.0 を目標に確認しながら併用可（添付文書 2026年4月改訂）");
		click(By.id("draft-custom"));
		waitForText(By.id("answer-state"), "承認待ち");
		assertThat(this.driver.findElements(By.id("answer-returned"))).isEmpty();

		loginAndWait(second, "second-medical-2026");
		this.driver.get(page);
		assertThat(waitFor(By.id("answer-text")).getText()).contains("INR 2.0〜3.0");
		click(By.id("approve-button"));
		waitForText(By.id("answer-state"), "承認済み");
		assertThat(this.driver.findElement(By.id("answer-approval")).getText()).contains("承認済み").contains("中村 恵介");
		// Approved: the next step is sending; writing another answer is folded away.
		assertThat(this.driver.findElement(By.id("answer-custom")).isDisplayed()).isFalse();
		assertThat(this.driver.findElement(By.id("deliver-button")).isDisplayed()).isTrue();
		// The history tells the whole review, by name and in words, with the reason.
		String history = this.driver.findElement(By.id("inquiry-timeline")).getText();
		assertThat(history).contains("個別回答を提出（承認依頼）").contains("回答を差し戻し")
			.contains("差し戻し理由: INR の目標範囲を記載してください。").contains("個別回答を修正して再提出")
			.contains("回答を承認").contains("MR経由").contains("Test MEDICAL").contains("中村 恵介")
			.doesNotContain("SALES").doesNotContain("NORMAL");
		screenshot("inquiry-page-ja.png");
		click(By.id("deliver-button"));
		waitForText(By.id("inquiry-status"), "回答済み");
	}

	/** The call center takes a call: it came in by phone, so it is answered by phone unless the HCP asks otherwise. */
	@Test
	void theAnswerChannelFollowsTheChannelTheInquiryCameInOn() {
		loginAs(Role.CALL_CENTER);
		open("/hcps/" + this.hcp.getId() + "/inquiries/new");
		Select received = new Select(waitFor(By.id("receivedChannel")));
		Select answer = new Select(this.driver.findElement(By.id("answerChannel")));
		assertThat(received.getFirstSelectedOption().getText()).isEqualTo("電話");
		assertThat(answer.getFirstSelectedOption().getText()).isEqualTo("電話");
		// It came in by e-mail after all: the answer channel follows, until the user chooses one of their own.
		received.selectByVisibleText("メール");
		assertThat(answer.getFirstSelectedOption().getText()).isEqualTo("メール");
		answer.selectByVisibleText("電話");
		received.selectByVisibleText("Web");
		assertThat(answer.getFirstSelectedOption().getText()).isEqualTo("電話");
		received.selectByVisibleText("電話");
		type(By.id("subject"), "電話での問い合わせ");
		type(By.id("question"), "投与間隔について");
		click(By.id("save-inquiry"));
		waitFor(By.id("flash"));
		Long id = this.jdbc.queryForObject("SELECT max(id) FROM medical_inquiry WHERE hcp_id = ?", Long.class,
				this.hcp.getId());
		assertThat(this.jdbc.queryForMap("SELECT received_channel, answer_channel FROM medical_inquiry WHERE id = ?", id))
			.containsEntry("received_channel", "PHONE").containsEntry("answer_channel", "PHONE");
		// An MR hears questions on visits.
		loginAs(Role.MR);
		open("/hcps/" + this.hcp.getId() + "/inquiries/new");
		assertThat(new Select(waitFor(By.id("receivedChannel"))).getFirstSelectedOption().getText()).isEqualTo("訪問");
		assertThat(new Select(this.driver.findElement(By.id("answerChannel"))).getFirstSelectedOption().getText())
			.isEqualTo("訪問");
		loginAs(Role.MEDICAL);
		open("/inquiries/" + id);
		assertThat(waitFor(By.id("inquiry-received-channel")).getText()).isEqualTo("電話");
		// Who took it by display name (the test user is "Test CALL_CENTER"), how it came in in words.
		assertThat(this.driver.findElement(By.id("inquiry-received-by")).getText()).endsWith(" · Test CALL_CENTER · コールセンター");
	}

	@Test
	void theInquiryPageKeepsTheQuestionsLineBreaksAndRaisesNoCspViolation() {
		long id = this.inquiries.take(new org.openpharma.crm.inquiry.InquiryDraft(this.hcp.getId(), "改行の確認",
				"1行目: 投与量について\n2行目: 腎機能について\n3行目: 併用薬について", null,
				org.openpharma.crm.consent.ConsentChannel.PHONE, org.openpharma.crm.inquiry.InquiryPriority.NORMAL, false,
				null, false, null), "setup", org.openpharma.crm.inquiry.InquiryManagement.Via.CALL_CENTER);
		loginAs(Role.MEDICAL);
		browserErrors();
		open("/inquiries/" + id);
		WebElement question = waitFor(By.id("inquiry-question"));
		assertThat(question.getText()).isEqualTo("1行目: 投与量について\n2行目: 腎機能について\n3行目: 併用薬について");
		// Three lines tall, not one: the line breaks are rendered, not only kept in the DOM.
		assertThat(question.getSize().getHeight()).isGreaterThan(2 * Integer.parseInt(((String) ((org.openqa.selenium.JavascriptExecutor) this.driver)
			.executeScript("return getComputedStyle(arguments[0]).lineHeight", question)).replace("px", "").split("\\.")[0]));
		assertThat(browserErrors()).as("console errors on /inquiries/{id}").isEmpty();
		// The check sees a violation when there is one: an inline style set by a script is refused and logged.
		((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript("document.body.setAttribute('style', 'color: red')");
		assertThat(browserErrors()).anySatisfy(e -> assertThat(e).contains("Content Security Policy"));
	}

	/**
	 * Pharmacovigilance's hand-off list at 1024 px: HCP, product and the inquiry's link in sight, day 0 and the
	 * deadline; once received the hand-off stays listed with when and by whom, and the filter narrows the list.
	 */
	@Test
	void aReceivedHandoffStaysInSightWithWhenAndByWhomItWasReceived() {
		long inquiry = this.inquiries.take(new org.openpharma.crm.inquiry.InquiryDraft(this.hcp.getId(), "副作用の報告",
				"投与後に発疹", null, org.openpharma.crm.consent.ConsentChannel.PHONE,
				org.openpharma.crm.inquiry.InquiryPriority.NORMAL, false, null, true,
				new org.openpharma.crm.inquiry.AdverseEventFacts(this.jdbc.queryForObject(
						"SELECT id FROM product WHERE name_ja = ?", Long.class, this.productName), "投与3日後に発疹", null,
						org.openpharma.crm.inquiry.AdverseEventFacts.Seriousness.NON_SERIOUS,
						org.openpharma.crm.inquiry.AdverseEventFacts.Expectedness.EXPECTED, false, "主治医",
						org.openpharma.crm.inquiry.AdverseEventFacts.AgeBand.FIFTIES,
						org.openpharma.crm.inquiry.AdverseEventFacts.Sex.MALE)),
				"setup", org.openpharma.crm.inquiry.InquiryManagement.Via.CALL_CENTER);
		long handoff = this.jdbc.queryForObject("SELECT id FROM adverse_event_handoff WHERE inquiry_id = ?", Long.class,
				inquiry);
		By row = By.cssSelector("#handoffs #handoff-" + handoff);
		loginAs(Role.MEDICAL);
		open("/inquiries/handoffs");
		waitFor(By.cssSelector("#show-ALL[aria-current='true']"));
		WebElement open = waitFor(row);
		long width = (Long) ((org.openqa.selenium.JavascriptExecutor) this.driver)
			.executeScript("return document.documentElement.clientWidth");
		for (String cell : new String[] { "a.handoff-hcp", ".handoff-product", "a.handoff-inquiry", ".handoff-day-zero",
				".handoff-due" }) {
			WebElement element = open.findElement(By.cssSelector(cell));
			assertThat(element.getRect().getX() + element.getRect().getWidth()).as(cell + " in sight at 1024 px")
				.isLessThanOrEqualTo((int) width);
		}
		assertThat(open.findElement(By.cssSelector("a.handoff-hcp")).getText()).isEqualTo("質問 次郎");
		assertThat(open.findElement(By.cssSelector(".handoff-product")).getText()).isEqualTo(this.productName);
		assertThat(open.findElement(By.cssSelector("a.handoff-inquiry")).getAttribute("href"))
			.endsWith("/inquiries/" + inquiry);

		open.findElement(By.name("pvReference")).sendKeys("PV-2026-1204");
		open.findElement(By.cssSelector("button[type='submit']")).click();
		assertThat(waitFor(By.id("flash")).getText()).contains("受領済みの一覧");
		WebElement received = waitFor(By.cssSelector("#handoff-history #handoff-" + handoff));
		assertThat(this.driver.findElements(row)).isEmpty();
		assertThat(received.findElement(By.cssSelector(".handoff-received")).getText()).contains("受領済み")
			.contains("PV-2026-1204");
		assertThat(received.findElement(By.cssSelector(".handoff-received-by")).getText()).startsWith("受領 ")
			.endsWith("（Test MEDICAL）");
		assertThat(received.findElement(By.cssSelector("a.handoff-hcp")).getText()).isEqualTo("質問 次郎");

		click(By.id("show-OPEN"));
		waitFor(By.cssSelector("#show-OPEN[aria-current='true']"));
		assertThat(this.driver.findElements(By.id("handoff-history"))).isEmpty();
		assertThat(this.driver.findElements(By.id("handoff-" + handoff))).isEmpty();
		click(By.id("show-RECEIVED"));
		waitFor(By.cssSelector("#show-RECEIVED[aria-current='true']"));
		assertThat(this.driver.findElements(By.id("handoffs"))).isEmpty();
		assertThat(waitFor(By.id("handoff-" + handoff)).getText()).contains("PV-2026-1204");
	}

}
