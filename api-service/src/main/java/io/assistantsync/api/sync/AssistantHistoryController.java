package io.assistantsync.api.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.assistantsync.api.assistant.AssistantVersion;
import io.assistantsync.api.assistant.Assistants;
import io.assistantsync.api.assistant.TrackedAssistant;
import io.assistantsync.api.security.CurrentOwner;
import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.api.system.PageLimit;
import io.assistantsync.api.system.ProblemSchema;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.validation.FieldViolation;

/**
 * {@code GET /api/assistants/{id}/history} (docs/contract.md §7): the versions of an assistant, newest first, each
 * with its sync results. It lives with the sync results it shows; the versions come from the assistant feature.
 * A deleted assistant's history stays readable by its owner.
 */
@RestController
@Tag(name = "assistants")
class AssistantHistoryController {

	private final Assistants assistants;

	private final SyncResultLog log;

	private final JsonMapper json;

	private final CurrentOwner owner;

	AssistantHistoryController(Assistants assistants, SyncResultLog log, JsonMapper json, CurrentOwner owner) {
		this.assistants = assistants;
		this.log = log;
		this.json = json;
		this.owner = owner;
	}

	@Operation(summary = "An assistant's versions, newest first",
			description = "Each version with what it changed, who made it and when, and its sync: the latest version's "
					+ "is the assistant's sync state; an older one's follows from its own results. Also for a deleted "
					+ "assistant.")
	@ApiResponse(responseCode = "200", description = "One page")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "404", description = "No such assistant",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@GetMapping("/api/assistants/{id}/history")
	AssistantHistory history(@PathVariable String id,
			@Parameter(description = "1–200, default 50",
					schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50")) @RequestParam(
							required = false) String limit,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
		TrackedAssistant assistant = this.assistants.findIncludingDeleted(this.owner.id(), id)
			.orElseThrow(() -> ApiProblems.notFound("No assistant with id " + id));
		List<FieldViolation> violations = new ArrayList<>();
		int pageSize = PageLimit.parse(limit, violations);
		long before = Long.MAX_VALUE;
		if (cursor != null) {
			HistoryCursor after = HistoryCursor.decode(cursor);
			if (after == null) {
				violations.add(new FieldViolation("cursor", "is not a cursor returned by this API"));
			}
			else {
				before = after.version();
			}
		}
		if (!violations.isEmpty()) {
			throw ApiProblems.invalidRequest("Invalid history parameters", violations);
		}
		List<AssistantVersion> rows = this.assistants.versions(id, before, pageSize + 1);
		List<AssistantVersion> versions = rows.subList(0, Math.min(pageSize, rows.size()));
		String next = (rows.size() > pageSize) ? new HistoryCursor(versions.get(versions.size() - 1).version()).encode()
				: null;
		return new AssistantHistory(items(assistant, versions), next);
	}

	private List<AssistantHistory.Item> items(TrackedAssistant assistant, List<AssistantVersion> versions) {
		if (versions.isEmpty()) {
			return List.of();
		}
		Map<Long, List<String>> results = new LinkedHashMap<>();
		this.log.ofVersions(assistant.resource().id(), versions.stream().map(AssistantVersion::version).toList())
			.forEach((result) -> results.computeIfAbsent(result.version(), (v) -> new ArrayList<>()).add(result.json()));
		long latest = assistant.resource().version();
		List<AssistantHistory.Item> items = new ArrayList<>(versions.size());
		for (AssistantVersion version : versions) {
			List<String> received = results.getOrDefault(version.version(), List.of());
			List<JsonNode> trees = received.stream().map(this.json::readTree).toList();
			VersionSync sync = (version.version() == latest)
					? VersionSync.latest(assistant.resource().sync(), trees)
					: VersionSync.older(received.stream().map(AssistantHistoryController::outcome).toList(), trees);
			items.add(new AssistantHistory.Item(version.version(), version.change(), version.changedFields(),
					version.by(), version.at(), sync));
		}
		return items;
	}

	private static SyncResult outcome(String json) {
		return EventJson.mapper().readValue(json, SyncResult.class);
	}

}
