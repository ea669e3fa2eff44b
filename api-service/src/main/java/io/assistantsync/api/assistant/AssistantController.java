package io.assistantsync.api.assistant;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.assistantsync.api.security.CurrentOwner;
import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.api.system.PageLimit;
import io.assistantsync.api.system.ProblemSchema;
import io.assistantsync.common.id.AssistantId;
import io.assistantsync.common.validation.FieldViolation;

/**
 * {@code /api/assistants}: create, read, list and re-sync (docs/contract.md §2); updates and deletes are
 * {@link AssistantChangeController}'s.
 */
@RestController
@RequestMapping("/api/assistants")
@Tag(name = "assistants")
class AssistantController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final int IDEMPOTENCY_KEY_MAX = 255;

	private final AssistantIntake intake;

	private final Assistants assistants;

	private final AssistantStore store;

	private final CurrentOwner owner;

	AssistantController(AssistantIntake intake, Assistants assistants, AssistantStore store, CurrentOwner owner) {
		this.intake = intake;
		this.assistants = assistants;
		this.store = store;
		this.owner = owner;
	}

	@Operation(summary = "Accept an assistant",
			description = "Stores the assistant and its pending-create event in one transaction and answers "
					+ "at once, whether or not Kafka is reachable.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = AssistantRequestSchema.class))))
	@ApiResponse(responseCode = "202", description = "Accepted; sync.status is PENDING",
			headers = @Header(name = HttpHeaders.ETAG, description = "\"1\"", schema = @Schema(type = "string")),
			content = @Content(schema = @Schema(implementation = AssistantResource.class)))
	@ApiResponse(responseCode = "400", description = "Invalid JSON or field rules broken; names every field",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still in flight",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "413", description = "Body over 64 KiB",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "415", description = "Content-Type is not application/json",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "422", description = "Idempotency-Key reused with a different body",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, required = false,
			description = "Makes retries safe for 24 h; at most 255 characters", schema = @Schema(type = "string"))
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> create(@Parameter(hidden = true) HttpServletRequest request) throws IOException {
		String idempotencyKey = idempotencyKey(request);
		if (idempotencyKey != null) {
			checkIdempotencyKey(idempotencyKey);
		}
		AssistantDraft draft = AssistantRequestParser.parse(RequestBodies.read(request));
		Accepted accepted = this.intake.accept(this.owner.id(), draft, idempotencyKey);
		return answer(accepted);
	}

	@Operation(summary = "Read an assistant with its current sync state",
			description = "Answers ETag: \"<version>\", the If-Match a PUT, PATCH or DELETE of this version sends.")
	@ApiResponse(responseCode = "200", description = "The assistant",
			headers = @Header(name = HttpHeaders.ETAG, description = "\"<version>\"", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No such assistant",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@GetMapping("/{id}")
	ResponseEntity<AssistantResource> get(@PathVariable String id) {
		AssistantResource assistant = this.assistants.find(this.owner.id(), id)
			.map(TrackedAssistant::resource)
			.orElseThrow(() -> ApiProblems.notFound("No assistant with id " + id));
		return ResponseEntity.ok().eTag(IfMatch.entityTag(assistant.version())).body(assistant);
	}

	@Operation(summary = "List assistants, newest first")
	@ApiResponse(responseCode = "200", description = "One page")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@GetMapping
	AssistantPage list(
			@Parameter(description = "PENDING, SYNCED or FAILED",
					schema = @Schema(allowableValues = { "PENDING", "SYNCED", "FAILED" })) @RequestParam(
							required = false) String syncStatus,
			@Parameter(description = "1–200, default 50",
					schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50")) @RequestParam(
							required = false) String limit,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
		List<FieldViolation> violations = new ArrayList<>();
		SyncStatus status = parseStatus(syncStatus, violations);
		int pageSize = PageLimit.parse(limit, violations);
		AssistantCursor after = null;
		if (cursor != null) {
			after = AssistantCursor.decode(cursor);
			if (after == null) {
				violations.add(new FieldViolation("cursor", "is not a cursor returned by this API"));
			}
		}
		if (!violations.isEmpty()) {
			throw ApiProblems.invalidRequest("Invalid list parameters", violations);
		}
		List<AssistantResource> rows = this.store.page(this.owner.id(), status, after, pageSize + 1);
		List<AssistantResource> items = rows.subList(0, Math.min(pageSize, rows.size()));
		String next = null;
		if (rows.size() > pageSize) {
			AssistantResource last = items.get(items.size() - 1);
			next = new AssistantCursor(last.createdAt(), last.id()).encode();
		}
		return new AssistantPage(List.copyOf(items), next);
	}

	@Operation(summary = "Re-sync a FAILED assistant",
			description = "Publishes a new event of the assistant's latest change through the outbox (pending-create "
					+ "at version 1, pending-update after an update, pending-delete after a delete) and resets sync to "
					+ "PENDING. Also accepts a stale PENDING assistant: one whose event was published longer than "
					+ "assistants.reconcile.stale-after ago with no result since. A deleted assistant's delete can be "
					+ "re-synced the same way.")
	@ApiResponse(responseCode = "202", description = "Re-sync accepted")
	@ApiResponse(responseCode = "404", description = "No such assistant",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "409", description = "The assistant is SYNCED, or PENDING and not stale",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@PostMapping("/{id}/sync")
	ResponseEntity<AssistantResource> resync(@PathVariable String id) {
		if (!AssistantId.isWellFormed(id)) {
			throw ApiProblems.notFound("No assistant with id " + id);
		}
		AssistantResource assistant = this.intake.resync(this.owner.id(), id);
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(location(id)).body(assistant);
	}

	/**
	 * The answer to an accepted write: its status, {@code Location}, {@code ETag} and the resource.
	 */
	static ResponseEntity<String> answer(Accepted accepted) {
		return ResponseEntity.status(accepted.status())
			.location(location(accepted.assistantId()))
			.eTag(accepted.entityTag())
			.contentType(MediaType.APPLICATION_JSON)
			.body(accepted.body());
	}

	/**
	 * The Idempotency-Key, read here rather than bound with {@code @RequestHeader}, whose name Spring resolves
	 * as an expression on every request through a shared cache that request threads were seen queuing on.
	 * Several header lines count as one with their values joined by commas, as HTTP (and the binding) has it.
	 */
	static String idempotencyKey(HttpServletRequest request) {
		List<String> values = Collections.list(request.getHeaders(IDEMPOTENCY_KEY));
		return values.isEmpty() ? null : String.join(",", values);
	}

	static void checkIdempotencyKey(String key) {
		int length = key.codePointCount(0, key.length());
		boolean printable = key.chars().noneMatch(Character::isISOControl);
		if (length < 1 || length > IDEMPOTENCY_KEY_MAX || !printable || key.isBlank()) {
			throw ApiProblems.invalidRequest("Invalid Idempotency-Key header", List.of(new FieldViolation(
					IDEMPOTENCY_KEY, "must be 1–" + IDEMPOTENCY_KEY_MAX + " printable characters")));
		}
	}

	private static SyncStatus parseStatus(String value, List<FieldViolation> violations) {
		if (value == null) {
			return null;
		}
		for (SyncStatus status : SyncStatus.values()) {
			if (status.name().equals(value)) {
				return status;
			}
		}
		violations.add(new FieldViolation("syncStatus", "must be PENDING, SYNCED or FAILED"));
		return null;
	}

	static URI location(String id) {
		return URI.create("/api/assistants/" + id);
	}

}
