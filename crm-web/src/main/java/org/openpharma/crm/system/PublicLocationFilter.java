package org.openpharma.crm.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the Host header out of Location headers. Redirects stay relative (Tomcat no longer makes them
 * absolute with the Host header: {@code server.tomcat.use-relative-redirects}); an absolute Location that
 * a component built from the request (e.g. {@code ServletUriComponentsBuilder.fromCurrentRequest()}) is
 * moved onto {@link PublicBaseUrl}. Registered before Spring Security, so its redirects pass here too.
 */
class PublicLocationFilter extends OncePerRequestFilter {

	private final PublicBaseUrl publicBaseUrl;

	PublicLocationFilter(PublicBaseUrl publicBaseUrl) {
		this.publicBaseUrl = publicBaseUrl;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new HttpServletResponseWrapper(response) {

			@Override
			public void sendRedirect(String location) throws IOException {
				super.sendRedirect(PublicLocationFilter.this.publicBaseUrl.location(location, request));
			}

			@Override
			public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
				super.sendRedirect(PublicLocationFilter.this.publicBaseUrl.location(location, request), sc, clearBuffer);
			}

			@Override
			public void setHeader(String name, String value) {
				super.setHeader(name, HttpHeaders.LOCATION.equalsIgnoreCase(name)
						? PublicLocationFilter.this.publicBaseUrl.location(value, request) : value);
			}

			@Override
			public void addHeader(String name, String value) {
				super.addHeader(name, HttpHeaders.LOCATION.equalsIgnoreCase(name)
						? PublicLocationFilter.this.publicBaseUrl.location(value, request) : value);
			}

		});
	}

}
