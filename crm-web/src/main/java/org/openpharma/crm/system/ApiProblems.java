package org.openpharma.crm.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details for API errors that happen outside a controller: security's 401 and 403 on the
 * API filter chain, and the error dispatch of an {@code /api/**} request (unknown path, wrong method or
 * content type, an exception no handler took). Inside controllers {@link ApiErrorAdvice} answers.
 */
final class ApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String API_PREFIX = "/api/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Whether the request, or the request an error dispatch is about, is an API call. */
	static boolean isApi(HttpServletRequest request) {
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String uri = (original instanceof String s) ? s : request.getRequestURI();
		return uri.startsWith(request.getContextPath() + API_PREFIX);
	}

	/** The standard members of a problem (type about:blank, title = the status's reason phrase). */
	static Map<String, Object> problem(HttpStatus status, String detail, String instance) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		if (instance != null) {
			problem.put("instance", instance);
		}
		return problem;
	}

	static void write(HttpServletResponse response, HttpStatus status, String detail, String instance)
			throws IOException {
		write(response, status, problem(status, detail, instance));
	}

	/** Writes a problem, e.g. one with members of its own beyond the standard ones. */
	static void write(HttpServletResponse response, HttpStatus status, Map<String, Object> problem) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		JSON.writeValue(response.getOutputStream(), problem);
	}

	/** A problem as JSON text. */
	static String json(Map<String, Object> problem) {
		return JSON.writeValueAsString(problem);
	}

	/**
	 * 503 with {@code Retry-After}: the database cannot be reached (docs/adr/0018). Nothing about the
	 * credentials is known, so no challenge.
	 */
	static void writeUnavailable(HttpServletResponse response, String instance) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
		write(response, HttpStatus.SERVICE_UNAVAILABLE, ApiAwareErrorController.detail(HttpStatus.SERVICE_UNAVAILABLE),
				instance);
	}

	/**
	 * 401: no, wrong or locked credentials. The challenge names both schemes the API takes. When the user
	 * could not be looked up because the database is down (Spring Security's
	 * InternalAuthenticationServiceException), 503 instead: the credentials may well be right.
	 */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException != null && DatabaseOutage.isCause(authException)) {
			writeUnavailable(response, request.getRequestURI());
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"crm-api\"");
		write(response, HttpStatus.UNAUTHORIZED, "authentication required: an API token (Bearer) or HTTP Basic",
				request.getRequestURI());
	}

	/** 403: signed in, but the role does not allow this call. */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(response, HttpStatus.FORBIDDEN, "not allowed for this user", request.getRequestURI());
	}

}
