package org.openpharma.crm.system;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;


/**
 * The address users and other systems reach the CRM at ({@code crm.public-base-url}). Every absolute URL
 * the application builds — a consent self-service link, a Location header, the API description's server —
 * starts with it, never with the Host header of the request at hand, which any client can set. A bean of
 * WebConfiguration.
 */
public class PublicBaseUrl {

	private final String base;

	private final String origin;

	PublicBaseUrl(String value) {
		URI uri;
		try {
			uri = new URI(value.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("crm.public-base-url is not a URL: " + value, ex);
		}
		if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
				|| uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
			throw new IllegalStateException(
					"crm.public-base-url must be http(s)://host[:port][/path] without query or fragment: " + value);
		}
		this.origin = uri.getScheme() + "://" + uri.getRawAuthority();
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		this.base = this.origin + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
	}

	/** The base URL without a trailing slash, e.g. {@code https://crm.example.co.jp}. */
	public String base() {
		return this.base;
	}

	/** An absolute link to a path of the application ({@code /consent/abc} → {@code https://…/consent/abc}). */
	public String link(String path) {
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("an application path starts with /: " + path);
		}
		return this.base + path;
	}

	/**
	 * A Location as it may leave the application: relative ones stay relative (the client resolves them
	 * against the URL it asked for); an absolute one that some component built from this request's scheme,
	 * host and port is moved onto the public base URL; any other absolute one is left as it is.
	 */
	String location(String location, HttpServletRequest request) {
		if (location == null) {
			return null;
		}
		String requestOrigin = requestOrigin(request);
		if (location.regionMatches(true, 0, requestOrigin, 0, requestOrigin.length())
				&& (location.length() == requestOrigin.length() || "/?#".indexOf(location.charAt(requestOrigin.length())) >= 0)) {
			String rest = location.substring(requestOrigin.length());
			String contextPath = request.getContextPath();
			if (!contextPath.isEmpty() && rest.startsWith(contextPath)) {
				rest = rest.substring(contextPath.length());
			}
			return this.base + (rest.isEmpty() ? "/" : rest);
		}
		return location;
	}

	private static String requestOrigin(HttpServletRequest request) {
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)
				|| port <= 0;
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
	}

}
