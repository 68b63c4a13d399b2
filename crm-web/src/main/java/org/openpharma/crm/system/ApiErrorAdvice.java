package org.openpharma.crm.system;

import java.util.List;
import java.util.Map;

import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** REST API errors as RFC 9457 problem details, naming the offending parameter. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorAdvice {

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

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ProblemDetail missing(MissingServletRequestParameterException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"parameter '" + ex.getParameterName() + "' is required");
		problem.setProperty("errors", List.of(Map.of("field", ex.getParameterName(), "message", "required")));
		return problem;
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

}
