package org.openpharma.crm.system;

import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Screens: a missing or tampered id is a 404 page, a bad parameter a 400 page, a lost update a 409
 * page, an unreachable database a 503 page. Never a stack trace.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorHandlingAdvice {

	private static final Logger log = LoggerFactory.getLogger(ErrorHandlingAdvice.class);

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(Exception ex) {
		log.debug("Not found: {}", ex.getMessage());
		return "error/404";
	}

	/** A tampered id in the path is "not found"; a tampered request parameter is a bad request. */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	String typeMismatch(MethodArgumentTypeMismatchException ex, jakarta.servlet.http.HttpServletResponse response) {
		boolean inPath = ex.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
		response.setStatus(inPath ? HttpStatus.NOT_FOUND.value() : HttpStatus.BAD_REQUEST.value());
		log.debug("Type mismatch of {}: {}", ex.getName(), ex.getMessage());
		return inPath ? "error/404" : "error/4xx";
	}

	@ExceptionHandler({ ValidationException.class, DomainException.class, MissingServletRequestParameterException.class,
			org.springframework.beans.InvalidPropertyException.class })
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badRequest(Exception ex) {
		log.debug("Bad request: {}", ex.getMessage());
		return "error/4xx";
	}

	@ExceptionHandler({ StaleVersionException.class, ObjectOptimisticLockingFailureException.class })
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict(Exception ex) {
		log.debug("Conflict: {}", ex.getMessage());
		return "error/409";
	}

	/**
	 * The database cannot be reached (down, unreachable, the pool timed out waiting for a connection): a 503
	 * "temporarily unavailable" page with {@code Retry-After} (docs/adr/0018). Any other database error is a
	 * bug and goes on to the 500 page.
	 */
	@ExceptionHandler({ org.springframework.dao.DataAccessException.class,
			org.springframework.transaction.TransactionException.class })
	String databaseUnavailable(Exception ex, jakarta.servlet.http.HttpServletResponse response) throws Exception {
		if (!DatabaseOutage.isCause(ex)) {
			throw ex;
		}
		log.warn("Database unavailable: {}", ex.toString());
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER,
				Long.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
		return "error/503";
	}

	/**
	 * A write that lost a race with another one (a unique key taken a moment earlier, a deadlock): nothing
	 * was saved, and "try again" is the honest answer, not a 500. Logged as a warning, because each one
	 * points at a race a service should handle itself.
	 */
	@ExceptionHandler({ org.springframework.dao.DataIntegrityViolationException.class,
			org.springframework.dao.PessimisticLockingFailureException.class })
	@ResponseStatus(HttpStatus.CONFLICT)
	String concurrentWrite(org.springframework.core.NestedRuntimeException ex) {
		log.warn("Concurrent write refused by the database: {}", ex.getMostSpecificCause().getMessage());
		return "error/409";
	}

}
