package org.openpharma.crm.system;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaReadFilterTests {

	final ReplicaReadFilter filter = new ReplicaReadFilter(Duration.ofSeconds(5), true);

	@Test
	void aReadMayReadTheReplica() throws Exception {
		assertThat(replicaAllowedDuring(new MockHttpServletRequest("GET", "/hcps/1"), new MockHttpServletResponse()))
			.isTrue();
		assertThat(replicaAllowedDuring(new MockHttpServletRequest("HEAD", "/hcps/1"), new MockHttpServletResponse()))
			.isTrue();
		assertThat(ReadRouting.replicaAllowed()).isFalse();
	}

	@Test
	void aWriteReadsThePrimaryAndKeepsTheBrowserOnItForAWhile() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(replicaAllowedDuring(new MockHttpServletRequest("POST", "/hcps/1/edit"), response)).isFalse();
		assertThat(response.getHeader(HttpHeaders.SET_COOKIE)).startsWith(ReplicaReadFilter.RECENT_WRITE + "=1")
			.contains("Max-Age=5")
			.contains("Path=/")
			.contains("HttpOnly")
			.contains("Secure")
			.contains("SameSite=Lax");
		for (String method : new String[] { "PUT", "PATCH", "DELETE" }) {
			assertThat(replicaAllowedDuring(new MockHttpServletRequest(method, "/api/v1/x"), new MockHttpServletResponse()))
				.isFalse();
		}
	}

	@Test
	void aReadRightAfterAWriteReadsThePrimary() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hcps/1");
		request.setCookies(new Cookie("crm-lang", "en"), new Cookie(ReplicaReadFilter.RECENT_WRITE, "1"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(replicaAllowedDuring(request, response)).isFalse();
		assertThat(response.getHeader(HttpHeaders.SET_COOKIE)).isNull();
	}

	private boolean replicaAllowedDuring(MockHttpServletRequest request, MockHttpServletResponse response)
			throws Exception {
		boolean[] allowed = new boolean[1];
		MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {

			@Override
			protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
				allowed[0] = ReadRouting.replicaAllowed();
			}

		});
		this.filter.doFilter(request, response, chain);
		return allowed[0];
	}

}
