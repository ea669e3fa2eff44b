package io.assistantsync.worker.dlt.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import io.assistantsync.common.problem.ProblemType;
import io.assistantsync.common.validation.FieldViolation;

/**
 * The RFC 9457 problems of the admin API, of the same {@link ProblemType types} and with the same
 * {@code errors} member as the api-service's; details never name Java types and never repeat a token.
 */
final class AdminProblems {

	private AdminProblems() {
	}

	static ProblemDetail invalidRequest(String field, String message) {
		ProblemDetail problem = problem(ProblemType.INVALID_REQUEST, field + " " + message);
		problem.setProperty(ProblemType.ERRORS, List.of(new FieldViolation(field, message)));
		return problem;
	}

	/**
	 * A 403, of the type the api-service answers 403 with ({@link ProblemType} has no constant for it).
	 * @param detail what the caller lacks
	 * @return the problem
	 */
	static ProblemDetail forbidden(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(403), detail);
		problem.setType(ProblemType.typeNamed("forbidden"));
		problem.setTitle("Forbidden");
		return problem;
	}

	static ProblemDetail problem(ProblemType type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
		problem.setType(type.type());
		problem.setTitle(type.title());
		return problem;
	}

	/**
	 * A problem as a plain JSON object, for responses written outside Spring MVC (by Spring Security).
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
