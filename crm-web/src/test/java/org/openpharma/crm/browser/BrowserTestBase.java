package org.openpharma.crm.browser;

import java.io.File;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives Debian's headless Chromium through its chromedriver (nothing is downloaded). Subclasses are
 * {@code @WebIntegrationTest}s; {@link #loginAs(Role)} signs in a user of that role.
 */
public abstract class BrowserTestBase extends WebTestBase {

	protected static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	protected int port;

	@Autowired
	protected TestUsers users;

	protected WebDriver driver;

	protected WebDriverWait wait;

	private AccessibilityCheck accessibility;

	@BeforeEach
	void startBrowser() {
		WebDriver browser = newDriver();
		this.accessibility = new AccessibilityCheck(browser);
		this.driver = new org.openqa.selenium.support.events.EventFiringDecorator<>(this.accessibility).decorate(browser);
		this.wait = new WebDriverWait(this.driver, WAIT);
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			try {
				this.accessibility.checkCurrentScreen();
				org.assertj.core.api.Assertions.assertThat(this.accessibility.violations())
					.as("serious or critical accessibility violations (axe-core, WCAG 2.1 AA)")
					.isEmpty();
			}
			finally {
				this.driver.quit();
			}
		}
	}

	public static WebDriver newDriver() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("crm.chromium", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1024,768", "--lang=ja");
		// The console log (CSP violations, script errors) is kept for browserErrors().
		org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
		logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("crm.chromedriver", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/** The console's errors since the last call (CSP violations among them): "Refused to apply inline style …". */
	protected java.util.List<String> browserErrors() {
		return this.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
			.filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(org.openqa.selenium.logging.LogEntry::getMessage)
			.toList();
	}

	protected String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	protected void open(String path) {
		this.driver.get(url(path));
	}

	/** Signs in as the test user of the role (created if missing); lands on the HCP list. */
	protected void loginAs(Role role) {
		loginAndWait(this.users.ensure(role), TestUsers.PASSWORD);
	}

	/**
	 * Signs in and waits until the page names this user: when another user was signed in, their page
	 * already has a sign-out button, so waiting for that alone would race with the new sign-in.
	 */
	protected void loginAndWait(String username, String password) {
		login(username, password);
		waitForText(By.id("current-user"), username);
	}

	protected void login(String username, String password) {
		open("/login");
		WebElement user = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		user.clear();
		user.sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(password);
		this.driver.findElement(By.id("login-button")).click();
	}

	/**
	 * Waits until the element's text is exactly {@code text}: after a form post that lands on the same
	 * kind of page, the old page's element may still be found (and go stale) before the new one arrives.
	 */
	protected void waitForText(By by, String text) {
		this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(ExpectedConditions.textToBe(by, text));
	}

	protected WebElement waitFor(By by) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	/** Clicks after scrolling the element to the middle of the 1024×768 window (tablet size). */
	protected void click(By by) {
		WebElement element = waitFor(by);
		((org.openqa.selenium.JavascriptExecutor) this.driver)
			.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
		try {
			this.wait.until(ExpectedConditions.elementToBeClickable(element)).click();
		}
		catch (org.openqa.selenium.ElementClickInterceptedException ex) {
			// Headless Chromium sometimes reports a long form's bottom button as covered after a native
			// select popup closed; the DOM click is the same user action.
			((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript("arguments[0].click();", element);
		}
	}

	protected void type(By by, String text) {
		WebElement element = waitFor(by);
		element.clear();
		element.sendKeys(text);
	}

	/**
	 * Saves the whole page (1024 px wide, as tall as it is) as {@code name} when {@code -Dscreenshots.dir} names a
	 * folder (an absolute path, e.g. the checkout's docs/screenshots; the tests run inside crm-web). Without it
	 * nothing happens.
	 */
	protected void screenshot(String name) {
		String dir = System.getProperty("screenshots.dir");
		if (dir == null || dir.isBlank()) {
			return;
		}
		java.util.List<?> size = (java.util.List<?>) ((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript(
				"return [window.innerWidth, document.documentElement.scrollHeight];");
		java.util.Map<String, Object> clip = java.util.Map.of("x", 0, "y", 0, "width", size.get(0), "height",
				size.get(1), "scale", 1);
		java.util.Map<String, Object> shot = ((org.openqa.selenium.chromium.HasCdp) this.driver).executeCdpCommand(
				"Page.captureScreenshot", java.util.Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
		try {
			java.nio.file.Path target = java.nio.file.Path.of(dir).resolve(name);
			java.nio.file.Files.createDirectories(target.getParent());
			java.nio.file.Files.write(target, java.util.Base64.getDecoder().decode((String) shot.get("data")));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
