package org.openpharma.crm.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty sign-ins of one user at the same instant over real HTTP (19 wrong passwords, 1 right): no
 * answer is a server error, whatever the order in which the database sees them.
 */
@WebIntegrationTest
class ConcurrentSignInIntegrationTests extends WebTestBase {

	private static final int CLIENTS = 20;

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	SignInThrottle throttle;

	/** The burst came from this machine's address, which the other tests of this application share. */
	@AfterEach
	void forgetTheBurst() {
		this.throttle.forgetAll();
	}

	@Test
	void concurrentSignInsOfOneUserNeverAnswer500() throws Exception {
		String username = this.users.ensure(Role.MEDICAL);
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		// Each client has its own session and CSRF token, as twenty browsers would.
		List<HttpRequest> posts = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			posts.add(loginPost(http, username, (i == CLIENTS / 2) ? TestUsers.PASSWORD : "wrong-password-" + i));
		}

		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		CountDownLatch ready = new CountDownLatch(CLIENTS);
		CountDownLatch go = new CountDownLatch(1);
		AtomicReferenceArray<String> outcomes = new AtomicReferenceArray<>(CLIENTS);
		try {
			for (int i = 0; i < CLIENTS; i++) {
				HttpRequest post = posts.get(i);
				int n = i;
				pool.execute(() -> {
					ready.countDown();
					try {
						go.await();
						HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
						outcomes.set(n, response.statusCode() + " " + response.headers().firstValue("Location").orElse(""));
					}
					catch (Exception ex) {
						outcomes.set(n, "exception " + ex);
					}
				});
			}
			ready.await();
			go.countDown();
		}
		finally {
			pool.shutdown();
			assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
		}

		for (int i = 0; i < CLIENTS; i++) {
			String outcome = outcomes.get(i);
			if (i == CLIENTS / 2) {
				// The right password signs in or, at most, is slowed down: it is never reported as wrong.
				assertThat(outcome).matches("302 (.*/|.*/login\\?throttled=\\d+)");
			}
			else {
				assertThat(outcome).matches("302 .*/login\\?(error|throttled=\\d+)");
			}
		}
	}

	private HttpRequest loginPost(HttpClient http, String username, String password) throws Exception {
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
		return HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
