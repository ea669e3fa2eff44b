package io.assistantsync.api.system;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.assistantsync.common.problem.ProblemType;
import io.assistantsync.common.validation.FieldViolation;

/**
 * The RFC 9457 problems this API answers with, of the types, titles and statuses of {@link ProblemType}.
 * Each is an {@link ErrorResponseException}, rendered as {@code application/problem+json} by
 * {@link ApiExceptionHandler}; details never name Java types.
 */
public final class ApiProblems {

	/** The name of the extension member listing field violations. */
	public static final String ERRORS = ProblemType.ERRORS;

	private ApiProblems() {
	}

	/**
	 * A 400 naming every offending field.
	 * @param detail a sentence for humans
	 * @param errors the violations, at least one
	 * @return the exception to throw
	 */
	public static ErrorResponseException invalidRequest(String detail, List<FieldViolation> errors) {
		ProblemDetail problem = problem(ProblemType.INVALID_REQUEST, detail);
		problem.setProperty(ERRORS, List.copyOf(errors));
		return exception(problem);
	}

	/**
	 * A 400 for a body that is not usable JSON at all.
	 * @param detail what is wrong, without parser internals
	 * @return the exception to throw
	 */
	public static ErrorResponseException unreadableBody(String detail) {
		return invalidRequest(detail, List.of(new FieldViolation("body", detail)));
	}

	/**
	 * A 404.
	 * @param detail what was not found
	 * @return the exception to throw
	 */
	public static ErrorResponseException notFound(String detail) {
		return exception(problem(ProblemType.NOT_FOUND, detail));
	}

	/**
	 * A 409.
	 * @param detail why the request conflicts with the current state
	 * @return the exception to throw
	 */
	public static ErrorResponseException conflict(String detail) {
		return exception(problem(ProblemType.CONFLICT, detail));
	}

	/**
	 * A 428 for a write without {@code If-Match}.
	 * @param detail what the request lacks
	 * @return the exception to throw
	 */
	public static ErrorResponseException preconditionRequired(String detail) {
		return exception(problem(ProblemType.PRECONDITION_REQUIRED, detail));
	}

	/**
	 * A 412 for a write whose {@code If-Match} names no current version: the problem carries the resource as it
	 * is now in {@value ProblemType#CURRENT}, and the response its {@code ETag}.
	 * @param detail why the condition failed
	 * @param current the resource as it is now
	 * @param entityTag its entity tag
	 * @return the exception to throw
	 */
	public static ErrorResponseException preconditionFailed(String detail, Object current, String entityTag) {
		ProblemDetail problem = problem(ProblemType.PRECONDITION_FAILED, detail);
		problem.setProperty(ProblemType.CURRENT, current);
		ErrorResponseException exception = exception(problem);
		exception.getHeaders().setETag(entityTag);
		return exception;
	}

	/**
	 * A 413.
	 * @param limitBytes the largest accepted body
	 * @return the exception to throw
	 */
	public static ErrorResponseException payloadTooLarge(long limitBytes) {
		return exception(problem(ProblemType.PAYLOAD_TOO_LARGE,
				"The request body must be at most " + limitBytes + " bytes"));
	}

	/**
	 * A 422 for an Idempotency-Key already used with another body.
	 * @return the exception to throw
	 */
	public static ErrorResponseException idempotencyKeyReused() {
		return exception(problem(ProblemType.IDEMPOTENCY_KEY_REUSED,
				"This Idempotency-Key was already used with a different request body"));
	}

	/**
	 * The type of a problem that has no type of its own, e.g. {@code .../problems/method-not-allowed}.
	 * @param status the status
	 * @return a type URI named after the status
	 */
	public static URI typeOf(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		String slug = (known != null) ? known.name().toLowerCase(Locale.ROOT).replace('_', '-')
				: "status-" + status.value();
		return ProblemType.typeNamed(slug);
	}

	private static ErrorResponseException exception(ProblemDetail problem) {
		return new ErrorResponseException(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
	}

	private static ProblemDetail problem(ProblemType type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
		problem.setType(type.type());
		problem.setTitle(type.title());
		return problem;
	}

}
