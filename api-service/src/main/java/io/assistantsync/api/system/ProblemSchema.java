package io.assistantsync.api.system;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of every error body (RFC 9457 {@code application/problem+json}), for the OpenAPI description
 * only: responses are built with Spring's {@code ProblemDetail}.
 *
 * @param type identifies the kind of problem
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param instance the request path
 * @param errors for validation problems, every offending field
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record ProblemSchema(@Schema(example = "https://assistantsync.io/problems/invalid-request") URI type,
		@Schema(example = "Invalid request") String title, @Schema(example = "400") int status,
		@Schema(example = "2 field(s) of the request are invalid") String detail,
		@Schema(example = "/api/assistants") URI instance,
		@Schema(description = "Only for 400: every offending field") List<FieldError> errors) {

	/**
	 * One broken rule of one field.
	 *
	 * @param field the JSON path of the field, e.g. {@code name} or {@code tags[2]}
	 * @param message what is wrong
	 */
	@Schema(name = "FieldError")
	public record FieldError(@Schema(example = "name") String field,
			@Schema(example = "must be 1–100 characters") String message) {
	}

}
