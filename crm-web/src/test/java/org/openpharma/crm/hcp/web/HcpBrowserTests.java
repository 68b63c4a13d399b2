package org.openpharma.crm.hcp.web;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@WebIntegrationTest
class HcpBrowserTests extends BrowserTestBase {

	private static final AtomicInteger SEQ = new AtomicInteger();

	@Autowired
	HcpManagement hcps;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	/** A family name (kanji, katakana) no other test uses: ヌ + kana digits. */
	private static String[] family() {
		String digits = String.format("%04d", SEQ.incrementAndGet() + (int) (System.nanoTime() % 5000));
		StringBuilder kanji = new StringBuilder("画");
		StringBuilder kana = new StringBuilder("ネ");
		for (char c : digits.toCharArray()) {
			kanji.append("零壱弐参肆伍陸漆捌玖".charAt(c - '0'));
			kana.append("アイウエオカキクケコ".charAt(c - '0'));
		}
		return new String[] { kanji.toString(), kana.toString() };
	}

	private Hcp create(String kanji, String kana) {
		return this.hcps.create(new HcpDetails(kanji, kana, null, null, "CARDIOLOGY", null, null, null), "setup");
	}

	@Test
	void findsADoctorByHiraganaReadingAsYouType() {
		String[] f = family();
		Hcp hcp = create(f[0] + " 太郎", f[1] + " タロウ");
		loginAs(Role.MR);
		open("/hcps");
		String hiragana = toHiragana(f[1] + "たろう");
		type(By.id("q"), hiragana);
		// The unfiltered list may show the doctor too: wait until the typed reading has narrowed it to one row.
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#hcp-table tbody tr[data-hcp-id]"), 1));
		assertThat(this.driver.findElements(By.cssSelector("#hcp-table tr[data-hcp-id='" + hcp.getId() + "']")))
			.hasSize(1);
		this.driver.findElement(By.cssSelector("tr[data-hcp-id='" + hcp.getId() + "'] a.hcp-link")).click();
		assertThat(waitFor(By.id("hcp-name")).getText()).isEqualTo(f[0] + " 太郎");
	}

	@Test
	void theCallCenterFindsTheCallerByPhoneNumberAndByInstitution() {
		String[] f = family();
		String digits = "050" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
		Long hcoId = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code, phone)"
				+ " VALUES (?, 'テストビョウイン', 'HOSPITAL', 13, '03-0000-0000') RETURNING id", Long.class, f[0] + "記念病院");
		Hcp hcp = this.hcps.create(new HcpDetails(f[0] + " 一郎", f[1] + " イチロウ", null, null, "CARDIOLOGY", null,
				digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7), hcoId), "setup");
		loginAs(Role.CALL_CENTER);
		open("/hcps");
		// The number as the agent reads it off the telephone, in full-width digits and brackets.
		type(By.id("q"), toFullWidth(digits.substring(0, 3) + "(" + digits.substring(3, 7) + ")" + digits.substring(7)));
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#hcp-table tbody tr[data-hcp-id]"), 1));
		this.driver.findElement(By.cssSelector("tr[data-hcp-id='" + hcp.getId() + "'] a.hcp-link")).click();
		assertThat(waitFor(By.id("hcp-phone")).getText()).isEqualTo(hcp.getPhone());
		// The call report's picker: one box, the institution's name.
		open("/interactions/new");
		type(By.id("hcp-search"), f[0] + "記念");
		waitFor(By.cssSelector("#hcpId option[value='" + hcp.getId() + "']"));
	}

	private static String toFullWidth(String ascii) {
		StringBuilder sb = new StringBuilder();
		for (char c : ascii.toCharArray()) {
			sb.append((c >= '!' && c <= '~') ? (char) (c + 0xFEE0) : c);
		}
		return sb.toString();
	}

	@Test
	void createWithAnInvalidFieldShowsTheMessageThenSavesOnceFixed() {
		String[] f = family();
		loginAs(Role.MR);
		open("/hcps/new");
		type(By.id("nameKanji"), f[0] + " 花子");
		type(By.id("nameKana"), "Hanako");
		this.driver.findElement(By.id("save-hcp")).click();
		assertThat(waitFor(By.id("nameKana-error")).getText()).contains("ひらがなまたはカタカナ");
		assertThat(this.driver.findElement(By.id("nameKanji")).getAttribute("value")).isEqualTo(f[0] + " 花子");
		type(By.id("nameKana"), toHiragana(f[1]) + " はなこ");
		this.driver.findElement(By.id("save-hcp")).click();
		assertThat(waitFor(By.id("flash")).getText()).isNotBlank();
		assertThat(this.driver.findElement(By.id("hcp-kana")).getText()).startsWith(f[1] + " ハナコ");
		// Who changed it last is named as a person, not by a user name.
		assertThat(this.driver.findElement(By.id("hcp-last-change")).getText()).endsWith(" · Test MR");
	}

	@Test
	void aConcurrentEditShowsWhatChangedAndOverwritesNothingSilently() {
		String[] f = family();
		Hcp hcp = create(f[0] + " 次郎", f[1] + " ジロウ");
		loginAs(Role.CALL_CENTER);
		open("/hcps/" + hcp.getId() + "/edit");
		type(By.id("phone"), "03-1111-2222");
		// Meanwhile a colleague saves a new e-mail address.
		this.hcps.update(hcp.getId(), hcp.getVersion(), new HcpDetails(hcp.getNameKanji(), hcp.getNameKana(), null, null,
				"CARDIOLOGY", "jiro@example.jp", null, null), "colleague");
		this.driver.findElement(By.id("save-hcp")).click();
		String conflict = waitFor(By.id("global-errors")).getText();
		assertThat(conflict).contains("colleague").contains("jiro@example.jp");
		assertThat(this.hcps.get(hcp.getId()).getPhone()).isNull();
		// The user decides: saving again applies their entries on top of the newer version.
		this.driver.findElement(By.id("save-hcp")).click();
		waitFor(By.id("flash"));
		Hcp saved = this.hcps.get(hcp.getId());
		assertThat(saved.getPhone()).isEqualTo("03-1111-2222");
	}

	@Test
	void anAdminMergesADuplicateAndTheDuplicateLeadsToTheSurvivor() {
		String[] f = family();
		Hcp survivor = create(f[0] + " 三郎", f[1] + " サブロウ");
		Hcp duplicate = create(f[0] + " 三朗", f[1] + " サブロウ");
		loginAs(Role.ADMIN);
		open("/hcps/" + survivor.getId());
		waitFor(By.id("merge-hcp")).click();
		type(By.id("merge-q"), f[0]);
		this.driver.findElement(By.id("merge-search-button")).click();
		waitFor(By.cssSelector("a.choose-duplicate[data-hcp-id='" + duplicate.getId() + "']")).click();
		waitFor(By.id("confirm-merge")).click();
		assertThat(waitFor(By.id("flash")).getText()).contains("#" + duplicate.getId());
		assertThat(this.driver.findElement(By.id("hcp-merged")).getText()).contains(f[0] + " 三朗");
		open("/hcps/" + duplicate.getId());
		assertThat(waitFor(By.id("hcp-name")).getText()).isEqualTo(f[0] + " 三郎");
		assertThat(this.driver.findElement(By.id("flash-warning")).getText()).contains(f[0] + " 三朗");
		assertThat(this.driver.findElement(By.id("hcp-history")).getText()).isNotBlank();
	}

	@Test
	void aMarketingUserCannotOpenTheEditForm() {
		String[] f = family();
		Hcp hcp = create(f[0] + " 四郎", f[1] + " シロウ");
		loginAs(Role.MARKETING);
		open("/hcps/" + hcp.getId());
		waitFor(By.id("hcp-name"));
		assertThat(this.driver.findElements(By.id("edit-hcp"))).isEmpty();
		open("/hcps/" + hcp.getId() + "/edit");
		assertThat(waitFor(By.id("error-title")).getText()).isEqualTo("権限がありません");
	}

	private static String toHiragana(String katakana) {
		StringBuilder sb = new StringBuilder();
		for (char c : katakana.toCharArray()) {
			sb.append((c >= '\u30A1' && c <= '\u30F6') ? (char) (c - 0x60) : c);
		}
		return sb.toString();
	}

}
