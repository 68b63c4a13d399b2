package org.openpharma.crm.system;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.TransactionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;

/**
 * REST API errors as RFC 9457 problem details, naming the offending parameter or body field. Every
 * exception of an API controller ends here (Spring MVC's own through {@link ResponseEntityExceptionHandler}),
 * so none reaches the screens' HTML error pages; security's refusals pass through to the API filter
 * chain's handlers ({@link ApiProblems}).
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

	/** SQLSTATEs of text PostgreSQL cannot store (NUL; no form in the database's encoding). */
	private static final List<String> UNSTORABLE_TEXT = List.of("22021", "22P05");

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"parameter '" + ex.getName() + "' has the wrong type");
		problem.setProperty("errors", List.of(Map.of("field", ex.getName(), "message", "wrong type")));
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"parameter '" + ex.getParameterName() + "' is required");
		problem.setProperty("errors", List.of(Map.of("field", ex.getParameterName(), "message", "required")));
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * A body that is not JSON, or a value of the wrong type ({@code "hcpId": 7.5}, {@code "hcpId": "x"}):
	 * the field is named by its path in the body, e.g. {@code events[0].hcpId}.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"the request body is not valid JSON of the expected shape");
		String field = (ex.getCause() instanceof JacksonException json) ? path(json) : "";
		if (!field.isEmpty()) {
			problem.setDetail("the value of '" + field + "' has the wrong type");
			problem.setProperty("errors", List.of(Map.of("field", field, "message", "wrong type")));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	@ExceptionHandler(ValidationException.class)
	ProblemDetail invalid(ValidationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid request");
		problem.setProperty("errors", ex.getViolations()
			.stream()
			.map(v -> Map.of("field", String.valueOf(v.field()), "message", v.code()))
			.toList());
		return problem;
	}

	@ExceptionHandler(DomainException.class)
	ProblemDetail rule(DomainException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getCode());
	}

	@ExceptionHandler({ StaleVersionException.class, ObjectOptimisticLockingFailureException.class })
	ProblemDetail conflict(Exception ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the record was changed by someone else");
	}

	/**
	 * A write that lost a race in the database (a unique key taken a moment earlier, a deadlock): nothing was
	 * saved, retrying is safe. Text the database cannot store is the caller's mistake, not a race.
	 */
	@ExceptionHandler({ DataIntegrityViolationException.class, PessimisticLockingFailureException.class })
	ProblemDetail concurrentWrite(org.springframework.core.NestedRuntimeException ex) {
		if (ex.getMostSpecificCause() instanceof SQLException sql && UNSTORABLE_TEXT.contains(sql.getSQLState())) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"the request contains text that cannot be stored (for example a NUL character)");
		}
		log.warn("Concurrent API write refused by the database: {}", ex.getMostSpecificCause().getMessage());
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"the write collided with another one and was not saved; it is safe to send it again");
	}

	/**
	 * The database cannot be reached: a 503 problem with {@code Retry-After}, whichever database exception
	 * carries it (docs/adr/0018). Other database errors are bugs: 500 like anything else.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> database(Exception ex) throws Exception {
		if (DatabaseOutage.isCause(ex)) {
			return unavailable(ex);
		}
		return ResponseEntity.internalServerError().body(unexpected(ex));
	}

	private static ResponseEntity<ProblemDetail> unavailable(Exception ex) {
		log.warn("API call failed, the database is unavailable: {}", ex.toString());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER_SECONDS))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					ApiAwareErrorController.detail(HttpStatus.SERVICE_UNAVAILABLE)));
	}

	/**
	 * Anything else is a 500 problem, logged; the message is never shown. Security's refusals pass on; a
	 * database outage wrapped in another exception is still a 503.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpectedException(Exception ex) throws Exception {
		if (DatabaseOutage.isCause(ex) && !(ex instanceof AuthenticationException)) {
			return unavailable(ex);
		}
		return ResponseEntity.internalServerError().body(unexpected(ex));
	}

	private static ProblemDetail unexpected(Exception ex) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex;
		}
		log.error("API call failed", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				ApiAwareErrorController.detail(HttpStatus.INTERNAL_SERVER_ERROR));
	}

}
