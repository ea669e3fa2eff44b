package io.assistantsync.api.system;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.assistantsync.common.validation.FieldViolation;

/**
 * The RFC 9457 problems this API answers with. Each is an {@link ErrorResponseException}, rendered as
 * {@code application/problem+json} by {@link ApiExceptionHandler}; details never name Java types.
 */
public final class ApiProblems {

	/** Base of the problem type URIs. */
	public static final String TYPE_BASE = "https://assistantsync.io/problems/";

	/** A request that breaks the field rules or is not valid JSON; carries {@code errors}. */
	public static final URI INVALID_REQUEST = URI.create(TYPE_BASE + "invalid-request");

	/** The addressed resource does not exist. */
	public static final URI NOT_FOUND = URI.create(TYPE_BASE + "not-found");

	/** The resource is in a state that does not allow the request. */
	public static final URI CONFLICT = URI.create(TYPE_BASE + "conflict");

	/** The request body is larger than the limit. */
	public static final URI PAYLOAD_TOO_LARGE = URI.create(TYPE_BASE + "payload-too-large");

	/** An Idempotency-Key was reused with a different request body. */
	public static final URI IDEMPOTENCY_KEY_REUSED = URI.create(TYPE_BASE + "idempotency-key-reused");

	/** The name of the extension member listing field violations. */
	public static final String ERRORS = "errors";

	private ApiProblems() {
	}

	/**
	 * A 400 naming every offending field.
	 * @param detail a sentence for humans
	 * @param errors the violations, at least one
	 * @return the exception to throw
	 */
	public static ErrorResponseException invalidRequest(String detail, List<FieldViolation> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid request", detail);
		problem.setProperty(ERRORS, List.copyOf(errors));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
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
		return of(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", detail);
	}

	/**
	 * A 409.
	 * @param detail why the request conflicts with the current state
	 * @return the exception to throw
	 */
	public static ErrorResponseException conflict(String detail) {
		return of(HttpStatus.CONFLICT, CONFLICT, "Conflict", detail);
	}

	/**
	 * A 413.
	 * @param limitBytes the largest accepted body
	 * @return the exception to throw
	 */
	public static ErrorResponseException payloadTooLarge(long limitBytes) {
		return of(HttpStatus.CONTENT_TOO_LARGE, PAYLOAD_TOO_LARGE, "Payload too large",
				"The request body must be at most " + limitBytes + " bytes");
	}

	/**
	 * A 422 for an Idempotency-Key already used with another body.
	 * @return the exception to throw
	 */
	public static ErrorResponseException idempotencyKeyReused() {
		return of(HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
				"This Idempotency-Key was already used with a different request body");
	}

	/**
	 * The type of a problem that has no type of its own, e.g. {@code .../problems/method-not-allowed}.
	 * @param status the status
	 * @return a type URI named after the status
	 */
	static URI typeOf(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		String slug = (known != null) ? known.name().toLowerCase(Locale.ROOT).replace('_', '-')
				: "status-" + status.value();
		return URI.create(TYPE_BASE + slug);
	}

	private static ErrorResponseException of(HttpStatus status, URI type, String title, String detail) {
		return new ErrorResponseException(status, problem(status, type, title, detail), null);
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

}
