package io.assistantsync.api.assistant;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Collections;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.assistantsync.api.security.CurrentOwner;
import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.api.system.ProblemSchema;
import io.assistantsync.common.id.AssistantId;

/**
 * {@code PUT}, {@code PATCH} and {@code DELETE /api/assistants/{id}} (docs/contract.md §7): optimistic writes
 * guarded by {@code If-Match}, each answering 202 with the assistant at its new version and its {@code ETag}.
 */
@RestController
@RequestMapping("/api/assistants")
@Tag(name = "assistants")
class AssistantChangeController {

	/** The media type of a JSON merge patch (RFC 7396). */
	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private static final byte[] NO_BODY = new byte[0];

	private final AssistantEditor editor;

	private final CurrentOwner owner;

	AssistantChangeController(AssistantEditor editor, CurrentOwner owner) {
		this.editor = editor;
		this.owner = owner;
	}

	@Operation(summary = "Replace an assistant's editable fields",
			description = "The body is validated as for POST. Stores the new version and its pending-update event in "
					+ "one transaction; of two writes with the same If-Match exactly one succeeds.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = AssistantRequestSchema.class))))
	@WriteResponses
	@ApiResponse(responseCode = "413", description = "Body over 64 KiB",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "415", description = "Content-Type is not application/json",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@IfMatchHeader
	@IdempotencyKeyHeader
	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> replace(@PathVariable String id, @Parameter(hidden = true) HttpServletRequest request)
			throws IOException {
		return write(AssistantWrite.Kind.REPLACE, id, request, RequestBodies.read(request));
	}

	@Operation(summary = "Change some of an assistant's editable fields",
			description = "A JSON merge patch (RFC 7396): members replace the current values, null removes one. The "
					+ "merged fields are validated as a whole, as for POST, so problems name the fields of the result.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MERGE_PATCH_JSON,
							schema = @Schema(type = "object", description = "Any subset of AssistantRequest's fields"))))
	@WriteResponses
	@ApiResponse(responseCode = "413", description = "Body over 64 KiB",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "415", description = "Content-Type is not application/merge-patch+json",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@IfMatchHeader
	@IdempotencyKeyHeader
	@PatchMapping(path = "/{id}", consumes = MERGE_PATCH_JSON)
	ResponseEntity<String> merge(@PathVariable String id, @Parameter(hidden = true) HttpServletRequest request)
			throws IOException {
		return write(AssistantWrite.Kind.MERGE, id, request, RequestBodies.read(request));
	}

	@Operation(summary = "Delete an assistant",
			description = "Stores the delete as a new version with its pending-delete event; afterwards GET answers 404 "
					+ "and lists omit it, while its history stays readable.")
	@WriteResponses
	@IfMatchHeader
	@IdempotencyKeyHeader
	@DeleteMapping("/{id}")
	ResponseEntity<String> delete(@PathVariable String id, @Parameter(hidden = true) HttpServletRequest request) {
		return write(AssistantWrite.Kind.DELETE, id, request, NO_BODY);
	}

	private ResponseEntity<String> write(AssistantWrite.Kind kind, String id, HttpServletRequest request,
			byte[] body) {
		if (!AssistantId.isWellFormed(id)) {
			throw ApiProblems.notFound("No assistant with id " + id);
		}
		String idempotencyKey = AssistantController.idempotencyKey(request);
		if (idempotencyKey != null) {
			AssistantController.checkIdempotencyKey(idempotencyKey);
		}
		AssistantWrite write = new AssistantWrite(kind, id, ifMatch(request), body, idempotencyKey);
		return AssistantController.answer(this.editor.apply(this.owner.id(), write));
	}

	/**
	 * The If-Match value, several header lines joined by commas as HTTP lists are.
	 */
	private static String ifMatch(HttpServletRequest request) {
		List<String> values = Collections.list(request.getHeaders(HttpHeaders.IF_MATCH));
		return values.isEmpty() ? null : String.join(",", values);
	}

	/**
	 * The answers every write shares, for the OpenAPI description.
	 */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@ApiResponse(responseCode = "202", description = "Accepted at version + 1; sync.status is PENDING",
			headers = { @Header(name = HttpHeaders.ETAG, description = "\"<new version>\"", schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.LOCATION, schema = @Schema(type = "string")) },
			content = @Content(schema = @Schema(implementation = AssistantResource.class)))
	@ApiResponse(responseCode = "400",
			description = "Invalid JSON, field rules broken (naming every field) or an invalid Idempotency-Key",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "404", description = "No such assistant, or it was deleted",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still in flight",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "412",
			description = "If-Match names no current version; the problem's member current is the assistant as it is now",
			headers = @Header(name = HttpHeaders.ETAG, description = "\"<current version>\"", schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "428", description = "No If-Match",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@interface WriteResponses {

	}

	/**
	 * The If-Match header of a write, for the OpenAPI description.
	 */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	// the header is read from the request, so that a missing one is this API's 428, not a binding error
	@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true,
			description = "The ETag of the version this write is based on, \"<version>\", or *",
			schema = @Schema(type = "string", example = "\"1\""))
	@interface IfMatchHeader {

	}

	/**
	 * The Idempotency-Key header of a write, for the OpenAPI description.
	 */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@Parameter(in = ParameterIn.HEADER, name = AssistantController.IDEMPOTENCY_KEY, required = false,
			description = "Makes retries safe for 24 h; at most 255 characters", schema = @Schema(type = "string"))
	@interface IdempotencyKeyHeader {

	}

}
