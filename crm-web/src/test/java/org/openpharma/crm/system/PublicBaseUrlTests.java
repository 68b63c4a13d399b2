package org.openpharma.crm.system;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PublicBaseUrlTests {

	PublicBaseUrl base = new PublicBaseUrl("https://crm.example.co.jp/");

	@Test
	void linksStartWithTheConfiguredAddress() {
		assertThat(this.base.base()).isEqualTo("https://crm.example.co.jp");
		assertThat(this.base.link("/consent/abc")).isEqualTo("https://crm.example.co.jp/consent/abc");
		assertThat(new PublicBaseUrl("http://localhost:8080").link("/x")).isEqualTo("http://localhost:8080/x");
		assertThat(new PublicBaseUrl("https://example.org/crm/").link("/x")).isEqualTo("https://example.org/crm/x");
	}

	@Test
	void anAbsoluteLocationBuiltFromTheHostHeaderMovesOntoTheConfiguredAddress() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hcps");
		request.setServerName("evil.example");
		request.setServerPort(80);
		assertThat(this.base.location("http://evil.example/login", request)).isEqualTo("https://crm.example.co.jp/login");
		assertThat(this.base.location("http://evil.example", request)).isEqualTo("https://crm.example.co.jp/");
		assertThat(this.base.location("http://EVIL.example/a?b=c", request)).isEqualTo("https://crm.example.co.jp/a?b=c");
		request.setServerPort(8443);
		request.setScheme("https");
		assertThat(this.base.location("https://evil.example:8443/x", request)).isEqualTo("https://crm.example.co.jp/x");
	}

	@Test
	void relativeAndForeignLocationsStayAsTheyAre() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hcps");
		request.setServerName("evil.example");
		request.setServerPort(80);
		assertThat(this.base.location("/login", request)).isEqualTo("/login");
		assertThat(this.base.location("https://idp.example.com/auth", request)).isEqualTo("https://idp.example.com/auth");
		// Another host that merely starts like this one is another host.
		assertThat(this.base.location("http://evil.example.com/x", request)).isEqualTo("http://evil.example.com/x");
		assertThat(this.base.location(null, request)).isNull();
	}

	@Test
	void aMisconfiguredAddressStopsTheStart() {
		assertThatIllegalStateException().isThrownBy(() -> new PublicBaseUrl("crm.example.co.jp"));
		assertThatIllegalStateException().isThrownBy(() -> new PublicBaseUrl("ftp://crm.example.co.jp"));
		assertThatIllegalStateException().isThrownBy(() -> new PublicBaseUrl("https://crm.example.co.jp/?a=b"));
		assertThatIllegalStateException().isThrownBy(() -> new PublicBaseUrl("https://user:pw@crm.example.co.jp"));
	}

}
