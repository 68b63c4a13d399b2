package org.openpharma.crm.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.AfterEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.CrmApplication;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.testsupport.TestDatabase;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on two ports against one database, as behind the reverse proxy of docker-compose.yml
 * (docs/adr/0021): a user signs in on one node and goes on on the other with the same session cookie, the
 * first node stops while a request is in flight (it finishes) and with a form still open in the browser (it is
 * submitted to the second node), and a scheduled job under a scheduler lock runs on one node only.
 */
class TwoNodesIntegrationTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	/** One browser: one cookie jar for both nodes (cookies are per host, not per port, as behind one proxy). */
	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final CookieManager cookies = (CookieManager) this.browser.cookieHandler().orElseThrow();

	@AfterEach
	void stopNodes() throws SQLException {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		try (Connection db = TestDatabase.get().connectAsAdmin()) {
			db.createStatement().execute("DELETE FROM shedlock WHERE name = '" + ProbeJobs.LOCK + "'");
		}
	}

	@Test
	void aUserSignedInOnOneNodeGoesOnOnTheOtherWhenTheFirstStops() throws Exception {
		SlowRequests slow = new SlowRequests();
		ConfigurableApplicationContext node1 = start("node-1", slow, false);
		ConfigurableApplicationContext node2 = start("node-2", null, false);
		String one = baseUrl(node1);
		String two = baseUrl(node2);
		String mr = new TestUsers(node1.getBean(UserManagement.class)).ensure(Role.MR);

		// A page that needs sign-in, asked of node 2: node 2 keeps the request in the session and sends the
		// browser to the sign-in page, whose CSRF token it also keeps there.
		HttpResponse<String> response = get(two + "/hcps/new");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
		response = get(two + "/login");
		assertThat(response.statusCode()).isEqualTo(200);

		// Signed in on node 1: it finds the CSRF token and the saved request in node 2's session.
		response = post(one + "/login", Map.of("username", mr, "password", TestUsers.PASSWORD, "_csrf", csrf(response)));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/hcps/new"));
		String sessionId = sessionId();
		assertThat(principalOfSession(sessionId)).contains(mr);

		// Node 2 knows who signed in on node 1; a form loaded from node 2 is saved through node 1, and the
		// flash message node 1 put in the session shows on node 2.
		response = get(two + "/hcps/new");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(">" + mr + "<");
		response = post(one + "/hcps/new", Map.of("nameKanji", "二 ノード", "nameKana", "ニ ノード", "_csrf", csrf(response)));
		assertThat(response.statusCode()).isEqualTo(302);
		String created = response.headers().firstValue("Location").orElseThrow();
		assertThat(created).matches(".*/hcps/\\d+");
		String hcp = created.substring(created.indexOf("/hcps/"));
		response = get(two + hcp);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("id=\"flash\"").contains("医療従事者を登録しました。");

		// The edit form is open in the browser, from node 1, and a request is still running there when node 1
		// is told to stop: the request finishes, new ones go to node 2.
		HttpResponse<String> form = get(one + hcp + "/edit");
		assertThat(form.statusCode()).isEqualTo(200);
		CompletableFuture<HttpResponse<String>> inFlight = this.browser.sendAsync(
				HttpRequest.newBuilder(URI.create(one + SlowRequests.PATH)).timeout(PATIENCE).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(slow.entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		WebServerGracefulShutdownLifecycle gracefulShutdown = node1.getBean(WebServerGracefulShutdownLifecycle.class);
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(node1::close);
		await("node 1 begins its graceful shutdown", () -> !gracefulShutdown.isRunning());
		slow.release.countDown();
		assertThat(inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo(SlowRequests.DONE);
		stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		assertThat(node1.isActive()).isFalse();

		// Node 1 is gone: the form it served is saved on node 2, in the same session.
		Map<String, String> edit = new LinkedHashMap<>();
		edit.put("nameKanji", "二 ノード");
		edit.put("nameKana", "ニ ノード");
		edit.put("phone", "03-1234-5678");
		edit.put("version", match(VERSION, form.body()));
		edit.put("_csrf", csrf(form));
		response = post(two + hcp + "/edit", edit);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(hcp));
		response = get(two + hcp);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("医療従事者の情報を更新しました。").contains("03-1234-5678");
		assertThat(sessionId()).isEqualTo(sessionId);

		// Signing out on node 2 deletes the session from the database: no node knows it any more.
		response = post(two + "/logout", Map.of("_csrf", csrf(response)));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(principalOfSession(sessionId)).isEmpty();
		assertThat(get(two + "/hcps").statusCode()).isEqualTo(302);
	}

	@Test
	void aScheduledJobUnderASchedulerLockRunsOnOneNodeOnly() throws Exception {
		start("node-1", null, true);
		start("node-2", null, true);

		// Both nodes fire the locked probe every 50 ms, as often as the unlocked one: it ran once all the same,
		// because the node that ran it holds its lock for an hour.
		await("both nodes ticked twenty times",
				() -> ProbeJobs.ticks("node-1") >= 20 && ProbeJobs.ticks("node-2") >= 20);
		assertThat(ProbeJobs.RUNS).hasSize(1);
		assertThat(lockedBy(ProbeJobs.LOCK)).contains(ProbeJobs.RUNS.get(0));

		// The real jobs take the same lock table: rollup compaction (every 200 ms here) is run by our nodes.
		await("a node of this test compacted the rollups",
				() -> lockedBy("rollup-compaction").filter(n -> n.startsWith("node-")).isPresent());
	}

	private ConfigurableApplicationContext start(String name, SlowRequests slow, boolean probeJobs) {
		List<String> args = new ArrayList<>();
		TestDatabase.register((property, value) -> args.add("--" + property + "=" + value.get()));
		args.add("--server.port=0");
		args.add("--crm.node-name=" + name);
		args.add("--crm.rollup.compact-interval-ms=200");
		// The session clean-up's lock is shared with every other application context of this test JVM.
		args.add("--crm.session.cleanup-cron=-");
		args.add("--spring.jmx.enabled=false");
		ConfigurableApplicationContext node = new SpringApplicationBuilder(CrmApplication.class)
			.initializers(context -> {
				GenericApplicationContext generic = (GenericApplicationContext) context;
				// The nodes are the application as deployed: no test classes' nested beans from component scanning.
				generic.getBeanFactory().registerSingleton("twoNodesExcludeTestTypes", new ExcludeTestTypes());
				if (probeJobs) {
					generic.registerBean("probeJobs", ProbeJobs.class, () -> new ProbeJobs(name));
				}
				if (slow != null) {
					generic.registerBean("slowRequests", SlowRequests.class, () -> slow);
				}
			})
			.run(args.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

	private static String baseUrl(ConfigurableApplicationContext node) {
		return "http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port");
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, Map<String, String> fields) throws IOException, InterruptedException {
		StringBuilder body = new StringBuilder();
		fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return this.browser.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(PATIENCE)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(HttpResponse<String> page) {
		return match(CSRF, page.body());
	}

	private static String match(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
		return matcher.group(1);
	}

	/** The session id the browser holds (Spring Session's cookie carries it Base64-encoded). */
	private String sessionId() {
		HttpCookie cookie = this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals("SESSION"))
			.findFirst()
			.orElseThrow();
		return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
	}

	private static Optional<String> principalOfSession(String sessionId) throws SQLException {
		return queryOne("SELECT principal_name FROM spring_session WHERE session_id = ?", sessionId);
	}

	private static Optional<String> lockedBy(String lock) {
		try {
			return queryOne("SELECT locked_by FROM shedlock WHERE name = ?", lock);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<String> queryOne(String sql, String parameter) throws SQLException {
		try (Connection db = TestDatabase.get().connect(); PreparedStatement query = db.prepareStatement(sql)) {
			query.setString(1, parameter);
			try (ResultSet row = query.executeQuery()) {
				return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
			}
		}
	}

	private static void await(String what, BooleanSupplier condition) {
		Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
	}

	/**
	 * Two jobs on the same schedule on every node: one without a lock (it counts the ticks) and one under a
	 * scheduler lock held for an hour once taken.
	 */
	static class ProbeJobs {

		static final String LOCK = "two-nodes-probe";

		static final Map<String, AtomicInteger> TICKS = new ConcurrentHashMap<>();

		static final List<String> RUNS = new CopyOnWriteArrayList<>();

		private final String node;

		ProbeJobs(String node) {
			this.node = node;
		}

		static int ticks(String node) {
			AtomicInteger ticks = TICKS.get(node);
			return (ticks != null) ? ticks.get() : 0;
		}

		@Scheduled(fixedDelay = 50)
		void tick() {
			TICKS.computeIfAbsent(this.node, n -> new AtomicInteger()).incrementAndGet();
		}

		@Scheduled(fixedDelay = 50)
		@SchedulerLock(name = LOCK, lockAtLeastFor = "PT1H", lockAtMostFor = "PT1H")
		void runOnce() {
			RUNS.add(this.node);
		}

	}

	/** A request that stays in flight until the test lets it finish. */
	@Controller
	static class SlowRequests {

		static final String PATH = "/two-nodes/slow";

		static final String DONE = "done";

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@GetMapping(PATH)
		@ResponseBody
		String slow() throws InterruptedException {
			this.entered.countDown();
			return this.release.await(30, TimeUnit.SECONDS) ? DONE : "timed out";
		}

	}

	/** Leaves the nested classes of test classes out of the nodes' component scan, as a test context would. */
	static final class ExcludeTestTypes extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
			String enclosing = reader.getClassMetadata().getEnclosingClassName();
			return enclosing != null && enclosing.endsWith("Tests");
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ExcludeTestTypes;
		}

		@Override
		public int hashCode() {
			return ExcludeTestTypes.class.hashCode();
		}

	}

}
