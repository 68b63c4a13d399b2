package org.openpharma.crm.system;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Any client can send {@code Host: evil.example}: no Location header and no link the CRM builds may point
 * there. Over a raw socket, because Java's HTTP client does not let a caller set the Host header.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "crm.public-base-url=https://crm.example.test")
@Import(PublicAddressIntegrationTests.Creating.class)
class PublicAddressIntegrationTests extends WebTestBase {

	static final String BASE = "https://crm.example.test";

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	HcpManagement hcps;

	@Test
	void aRedirectDoesNotNameTheHostTheClientSent() throws Exception {
		String response = send("GET /hcps HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
		assertThat(statusOf(response)).isEqualTo(302);
		assertThat(location(response)).isEqualTo("/login");
	}

	@Test
	void anAbsoluteLocationBuiltFromTheRequestIsOnThePublicAddress() throws Exception {
		String token = this.tokens.create("location-" + System.nanoTime() % 10_000_000, "location", "MARKETING", "admin");
		String response = send("POST /api/test-created HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer " + token
				+ "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		assertThat(statusOf(response)).isEqualTo(201);
		assertThat(location(response)).isEqualTo(BASE + "/api/test-created/7");
	}

	@Test
	void theApiDescriptionNamesThePublicAddress() throws Exception {
		String response = send("GET /v3/api-docs HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
		assertThat(statusOf(response)).isEqualTo(200);
		assertThat(response).contains("\"url\":\"" + BASE + "\"").doesNotContain("evil.example");
	}

	@Test
	void aConsentSelfServiceLinkIsOnThePublicAddress() throws Exception {
		long hcp = this.hcps.create(new HcpDetails("住所 太郎", "ジュウショ タロウ", null, null, null, null, null, null), "setup")
			.getId();
		this.mvc.perform(post("/hcps/" + hcp + "/consent/link").header("Host", "evil.example")
			.with(user("mr").roles("MR"))
			.with(csrf()))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("consentLink", org.hamcrest.Matchers.startsWith(BASE + "/consent/")));
	}

	private String send(String request) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			return all.toString(StandardCharsets.UTF_8);
		}
	}

	private static int statusOf(String response) {
		return Integer.parseInt(response.substring(9, 12));
	}

	private static String location(String response) {
		return response.lines()
			.filter(l -> l.toLowerCase(Locale.ROOT).startsWith("location:"))
			.map(l -> l.substring("location:".length()).strip())
			.findFirst()
			.orElse(null);
	}

	/** A component that builds its Location from the request, as Spring's own examples do. */
	@RestController
	static class Creating {

		@PostMapping("/api/test-created")
		ResponseEntity<Void> create() {
			return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(7).toUri())
				.build();
		}

	}

}
