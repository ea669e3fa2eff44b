package io.assistantsync.worker.dlt.admin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import io.assistantsync.common.validation.FieldViolation;

/**
 * The RFC 9457 problems of the admin API, with the same type URIs and {@code errors} member as the
 * api-service's; details never name Java types and never repeat a token.
 */
final class AdminProblems {

	private static final String TYPE_BASE = "https://assistantsync.io/problems/";

	/** A parameter or body the admin API cannot use; carries {@code errors}. */
	static final URI INVALID_REQUEST = URI.create(TYPE_BASE + "invalid-request");

	/** Nothing here (the admin API is off). */
	static final URI NOT_FOUND = URI.create(TYPE_BASE + "not-found");

	/** No or a wrong bearer token. */
	static final URI UNAUTHORIZED = URI.create(TYPE_BASE + "unauthorized");

	/** Kafka did not answer. */
	static final URI KAFKA_UNAVAILABLE = URI.create(TYPE_BASE + "kafka-unavailable");

	private AdminProblems() {
	}

	static ProblemDetail invalidRequest(String field, String message) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid request",
				field + " " + message);
		problem.setProperty("errors", List.of(new FieldViolation(field, message)));
		return problem;
	}

	static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	/**
	 * A problem as a plain JSON object, for responses written outside Spring MVC (the token filter).
	 * @param problem the problem
	 * @param instance the request path
	 * @return its members in RFC 9457 order
	 */
	static Map<String, Object> asJson(ProblemDetail problem, String instance) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("type", problem.getType().toString());
		json.put("title", problem.getTitle());
		json.put("status", problem.getStatus());
		json.put("detail", problem.getDetail());
		json.put("instance", instance);
		return json;
	}

}
