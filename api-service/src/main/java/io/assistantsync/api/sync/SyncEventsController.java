package io.assistantsync.api.sync;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.assistantsync.api.assistant.Assistants;
import io.assistantsync.api.assistant.TrackedAssistant;
import io.assistantsync.api.security.CurrentOwner;
import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.api.system.ProblemSchema;
import io.assistantsync.common.id.AssistantId;

/**
 * {@code GET /api/assistants/{id}/sync-events}: the assistant's state, then its sync results as they
 * arrive, ending after the final one of its latest version (docs/contract.md §2, §7).
 */
@RestController
@Tag(name = "sync")
class SyncEventsController {

	private final Assistants assistants;

	private final SyncResultLog log;

	private final SyncEventStreams streams;

	private final JsonMapper json;

	private final CurrentOwner owner;

	SyncEventsController(Assistants assistants, SyncResultLog log, SyncEventStreams streams, JsonMapper json,
			CurrentOwner owner) {
		this.assistants = assistants;
		this.log = log;
		this.streams = streams;
		this.json = json;
		this.owner = owner;
	}

	@Operation(summary = "Follow an assistant's sync",
			description = "Server-sent events: first `state` with the resource, then one `sync-result` per result "
					+ "(id = the result's eventId, data = the sync-result JSON); ends after the latest version is SYNCED "
					+ "or FAILED, so a stream opened before an update follows the new version. Reconnect with "
					+ "Last-Event-ID to resume without repeats.")
	@ApiResponse(responseCode = "200", description = "The event stream",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
	@ApiResponse(responseCode = "404", description = "No such assistant, or it was deleted",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemSchema.class)))
	@GetMapping(path = "/api/assistants/{id}/sync-events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> follow(@PathVariable String id,
			@Parameter(description = "The id of the last sync-result received") @RequestHeader(
					name = "Last-Event-ID", required = false) String lastEventId) {
		if (!AssistantId.isWellFormed(id)) {
			throw ApiProblems.notFound("No assistant with id " + id);
		}
		// subscribe before reading, so that nothing recorded between the read and the subscription is missed
		SyncEventStream stream = this.streams.open(id);
		try {
			TrackedAssistant assistant = this.assistants.find(this.owner.id(), id)
				.orElseThrow(() -> ApiProblems.notFound("No assistant with id " + id));
			stream.start(this.json.writeValueAsString(assistant.resource()), assistant.syncEventId(),
					assistant.resource().sync().status().isFinal(), this.log.ofAssistant(id), lastEventId,
					this.streams.recent(id));
		}
		catch (RuntimeException ex) {
			this.streams.close(stream);
			throw ex;
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			// nginx and similar proxies would otherwise buffer the stream
			.header("X-Accel-Buffering", "no")
			.body(stream.emitter());
	}

}
