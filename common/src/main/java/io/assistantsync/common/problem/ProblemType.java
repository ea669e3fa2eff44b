package io.assistantsync.common.problem;

import java.net.URI;

/**
 * The RFC 9457 problem types that api-service and the worker's admin API answer with: one type URI under
 * {@link #BASE}, one title and one HTTP status each, so that a client reads the same problem the same way
 * from either service. Details are for humans and never name Java types.
 */
public enum ProblemType {

	/** A request that breaks the field rules, has unknown fields or is not valid JSON; carries {@link #ERRORS}. */
	INVALID_REQUEST("invalid-request", "Invalid request", 400),

	/** No bearer token, or a wrong one. */
	UNAUTHORIZED("unauthorized", "Unauthorized", 401),

	/** The addressed resource does not exist (or the admin API is off). */
	NOT_FOUND("not-found", "Not found", 404),

	/** The resource is in a state that does not allow the request. */
	CONFLICT("conflict", "Conflict", 409),

	/** The resource changed since the version the request's {@code If-Match} names; carries {@link #CURRENT}. */
	PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),

	/** The request body is larger than the limit. */
	PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),

	/** An {@code Idempotency-Key} was reused with a different request body. */
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", 422),

	/** A write that must name the version it changes came without {@code If-Match}. */
	PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),

	/** Kafka did not answer. */
	KAFKA_UNAVAILABLE("kafka-unavailable", "Kafka unavailable", 503);

	/** The base of every problem type URI. */
	public static final String BASE = "https://assistantsync.io/problems/";

	/**
	 * The extension member of {@link #INVALID_REQUEST} that lists the violations, each with {@code field} and
	 * {@code message}.
	 */
	public static final String ERRORS = "errors";

	/**
	 * The extension member of {@link #PRECONDITION_FAILED} that holds the resource as it is now, so that a client
	 * can refresh without another request.
	 */
	public static final String CURRENT = "current";

	private final URI type;

	private final String title;

	private final int status;

	ProblemType(String name, String title, int status) {
		this.type = typeNamed(name);
		this.title = title;
		this.status = status;
	}

	/**
	 * The type URI of a problem that has no constant here, e.g. one named after its HTTP status.
	 * @param name the last path segment, e.g. {@code method-not-allowed}
	 * @return the URI under {@link #BASE}
	 */
	public static URI typeNamed(String name) {
		return URI.create(BASE + name);
	}

	/**
	 * The problem's {@code type} member.
	 * @return e.g. {@code https://assistantsync.io/problems/not-found}
	 */
	public URI type() {
		return this.type;
	}

	/**
	 * The problem's {@code title} member: the same for every occurrence of the type.
	 * @return e.g. {@code Not found}
	 */
	public String title() {
		return this.title;
	}

	/**
	 * The HTTP status the problem is answered with, and its {@code status} member.
	 * @return e.g. {@code 404}
	 */
	public int status() {
		return this.status;
	}

}
