package org.openpharma.crm.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Boot's error controller (error pages per status for screens), except that the error dispatch of an
 * {@code /api/**} call answers problem details whatever the client accepts: an unknown API path, a wrong
 * method or content type, an exception no handler took. Never an HTML page, never Boot's own JSON.
 */
@Controller
class ApiAwareErrorController extends BasicErrorController {

	private final ErrorAttributes errorAttributes;

	ApiAwareErrorController(ErrorAttributes errorAttributes, WebProperties web, ObjectProvider<ErrorViewResolver> resolvers) {
		super(errorAttributes, web.getError(), resolvers.orderedStream().toList());
		this.errorAttributes = errorAttributes;
	}

	/**
	 * The container's status, except that an exception no handler took (one thrown in a filter, say) that
	 * comes from an unreachable database is a 503, not a 500 (docs/adr/0018).
	 */
	@Override
	protected HttpStatus getStatus(HttpServletRequest request) {
		Throwable error = this.errorAttributes.getError(new ServletWebRequest(request));
		if (error != null && DatabaseOutage.isCause(error)) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		return super.getStatus(request);
	}

	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		if (getStatus(request) == HttpStatus.SERVICE_UNAVAILABLE) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
		}
		if (!ApiProblems.isApi(request)) {
			return super.errorHtml(request, response);
		}
		try {
			ApiProblems.write(response, getStatus(request), detail(getStatus(request)), originalUri(request));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return null;
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		if (!ApiProblems.isApi(request)) {
			return super.error(request);
		}
		return problem(request);
	}

	@Override
	public ResponseEntity<String> mediaTypeNotAcceptable(HttpServletRequest request) {
		if (!ApiProblems.isApi(request)) {
			return super.mediaTypeNotAcceptable(request);
		}
		HttpStatus status = getStatus(request);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ApiProblems.json(ApiProblems.problem(status, detail(status), originalUri(request))));
	}

	private ResponseEntity<Map<String, Object>> problem(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		return ResponseEntity.status(status)
			.headers(h -> {
				if (status == HttpStatus.SERVICE_UNAVAILABLE) {
					h.set(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
				}
			})
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ApiProblems.problem(status, detail(status), originalUri(request)));
	}

	/** A fixed text per status: exception messages may carry internals and are never shown. */
	static String detail(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "no such API resource";
			case METHOD_NOT_ALLOWED -> "this method is not supported here (see the Allow header)";
			case UNSUPPORTED_MEDIA_TYPE -> "send the request body as application/json";
			case NOT_ACCEPTABLE -> "this resource answers application/json";
			case BAD_REQUEST -> "the request could not be read";
			case UNAUTHORIZED -> "authentication required";
			case FORBIDDEN -> "not allowed for this user";
			case SERVICE_UNAVAILABLE -> "temporarily unavailable, try again shortly";
			default -> status.is5xxServerError() ? "the request failed on the server; it has been logged"
					: status.getReasonPhrase();
		};
	}

	private static String originalUri(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return (uri instanceof String s) ? s : request.getRequestURI();
	}

}
