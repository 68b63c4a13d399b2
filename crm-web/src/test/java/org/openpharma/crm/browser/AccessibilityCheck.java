package org.openpharma.crm.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.events.WebDriverListener;

/**
 * Runs Deque's axe-core on every screen the browser tests visit (issue 14): before the browser leaves a page (a
 * new address or a click) and at the end of a test, each screen not yet checked in this run is analysed against
 * WCAG 2.1 A/AA, and its serious and critical violations are kept for the test to report. The same pass finds menu
 * items, buttons, badges, page links and names that the 1024 px window breaks over two lines (「医療従事/者」,
 * 「編/集」). A screen is its path with ids replaced, so {@code /hcps/12} and {@code /hcps/34} are checked once.
 */
public final class AccessibilityCheck implements WebDriverListener {

	private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

	private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

	/** Visible elements that must stay on one line, and those of them whose text the browser laid out on two. */
	private static final String WRAPPED = """
			return Array.from(document.querySelectorAll(
			    '.navbar .nav-link, .navbar-text, .btn, .badge, .page-link, .person-name'))
			  .filter(e => e.offsetParent !== null && e.textContent.trim() !== '')
			  .filter(e => {
			    const range = document.createRange();
			    range.selectNodeContents(e);
			    const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
			    return tops.size > 1;
			  })
			  .map(e => (e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + e.className.replace(/ +/g, '.'))
			    + ' "' + e.textContent.trim().replace(/\\s+/g, ' ') + '"');
			""";

	private final WebDriver driver;

	private final List<String> violations = new ArrayList<>();

	private boolean checking;

	public AccessibilityCheck(WebDriver driver) {
		this.driver = driver;
	}

	/** The screen's key: the path without query, with numbers replaced. */
	static String screen(String url) {
		String path = url.replaceFirst("^https?://[^/]+", "").replaceFirst("[?#].*$", "");
		return path.replaceAll("/\\d+(?=/|$)", "/{id}");
	}

	@Override
	public void beforeGet(WebDriver driver, String url) {
		checkCurrentScreen();
	}

	@Override
	public void beforeClick(WebElement element) {
		checkCurrentScreen();
	}

	public void checkCurrentScreen() {
		if (this.checking) {
			return;
		}
		this.checking = true;
		try {
			String url = this.driver.getCurrentUrl();
			if (url == null || !url.startsWith("http://localhost") || !CHECKED.add(screen(url))) {
				return;
			}
			Object wrapped = ((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript(WRAPPED);
			if (wrapped instanceof List<?> texts && !texts.isEmpty()) {
				this.violations.add(screen(url) + ": broken over two lines at 1024 px: " + texts);
			}
			Results results = new AxeBuilder().withTags(TAGS).analyze(this.driver);
			for (Rule rule : results.getViolations()) {
				if (FAILING_IMPACTS.contains(rule.getImpact())) {
					List<String> targets = rule.getNodes().stream().limit(5).map(n -> String.valueOf(n.getTarget())).toList();
					this.violations.add(screen(url) + ": " + rule.getId() + " (" + rule.getImpact() + ") " + rule.getHelp()
							+ " at " + targets);
				}
			}
		}
		finally {
			this.checking = false;
		}
	}

	public List<String> violations() {
		return List.copyOf(this.violations);
	}

}
