package io.assistantsync.api.assistant;

import java.time.Clock;
import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.assistantsync.api.assistant.IdempotencyKeys.StoredResponse;
import io.assistantsync.api.outbox.Outbox;
import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.json.Timestamps;

/**
 * Accepts assistants and manual re-syncs. Each is one local transaction that writes the assistant row,
 * its outbox row and, for a create with an Idempotency-Key, the key with the answer. Nothing here talks to
 * Kafka: the outbox relay publishes after the commit.
 */
@Service
class AssistantIntake {

	private final AssistantStore assistants;

	private final IdempotencyKeys idempotencyKeys;

	private final IdempotencyProperties idempotency;

	private final Outbox outbox;

	private final PendingCreateMessages events;

	private final IdGenerator ids;

	private final JsonMapper json;

	private final Clock clock;

	AssistantIntake(AssistantStore assistants, IdempotencyKeys idempotencyKeys, IdempotencyProperties idempotency,
			Outbox outbox, PendingCreateMessages events, IdGenerator ids, JsonMapper json, Clock clock) {
		this.assistants = assistants;
		this.idempotencyKeys = idempotencyKeys;
		this.idempotency = idempotency;
		this.outbox = outbox;
		this.events = events;
		this.ids = ids;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Creates an assistant, or answers as the owner's first request with the same Idempotency-Key did.
	 * @param ownerId who creates it
	 * @param draft the validated request
	 * @param idempotencyKey the key, or {@code null}
	 * @return the answer to send
	 */
	@Transactional
	Accepted accept(String ownerId, AssistantDraft draft, String idempotencyKey) {
		Instant now = Timestamps.toMillis(this.clock.instant());
		if (idempotencyKey != null) {
			String fingerprint = draft.fingerprint();
			if (!this.idempotencyKeys.claim(ownerId, idempotencyKey, fingerprint, now,
					now.minus(this.idempotency.retention()))) {
				return replay(ownerId, idempotencyKey, fingerprint);
			}
		}
		AssistantResource assistant = new AssistantResource(this.ids.newId(), ownerId, draft.name(), draft.emoji(),
				draft.description(), draft.category(), draft.tags(), draft.instructions(), draft.visibility(), 1, now,
				now, AssistantResource.Sync.pending());
		String eventId = this.ids.newId();
		this.assistants.insert(assistant, eventId);
		this.outbox.append(this.events.outboxMessage(assistant, eventId, now));
		String body = this.json.writeValueAsString(assistant);
		if (idempotencyKey != null) {
			this.idempotencyKeys.complete(ownerId, idempotencyKey, assistant.id(), HttpStatus.ACCEPTED.value(), body);
		}
		return new Accepted(HttpStatus.ACCEPTED.value(), assistant.id(), body);
	}

	/**
	 * Publishes a new pending-create event for a FAILED assistant and resets its sync state.
	 * @param ownerId the caller; another owner's assistant is not found
	 * @param id the assistant id
	 * @return the assistant, PENDING again
	 */
	@Transactional
	AssistantResource resync(String ownerId, String id) {
		TrackedAssistant tracked = this.assistants.findForUpdate(ownerId, id)
			.orElseThrow(() -> ApiProblems.notFound("No assistant with id " + id));
		SyncStatus status = tracked.resource().sync().status();
		if (status != SyncStatus.FAILED) {
			throw ApiProblems.conflict("Assistant " + id + " is " + status + "; only a FAILED assistant can be re-synced");
		}
		String eventId = this.ids.newId();
		Instant now = Timestamps.toMillis(this.clock.instant());
		this.assistants.restartSync(id, eventId);
		AssistantResource assistant = withSync(tracked.resource(), AssistantResource.Sync.pending());
		this.outbox.append(this.events.outboxMessage(assistant, eventId, now));
		return assistant;
	}

	private Accepted replay(String ownerId, String idempotencyKey, String fingerprint) {
		StoredResponse stored = this.idempotencyKeys.find(ownerId, idempotencyKey)
			.orElseThrow(() -> ApiProblems.conflict("The Idempotency-Key expired while this request was processed; retry it"));
		if (!stored.requestHash().equals(fingerprint)) {
			throw ApiProblems.idempotencyKeyReused();
		}
		if (stored.status() == null) {
			throw ApiProblems.conflict("A request with this Idempotency-Key is still being processed");
		}
		return new Accepted(stored.status(), stored.assistantId(), stored.body());
	}

	private static AssistantResource withSync(AssistantResource assistant, AssistantResource.Sync sync) {
		return new AssistantResource(assistant.id(), assistant.ownerId(), assistant.name(), assistant.emoji(), assistant.description(),
				assistant.category(), assistant.tags(), assistant.instructions(), assistant.visibility(),
				assistant.version(), assistant.createdAt(), assistant.updatedAt(), sync);
	}

	/**
	 * The answer to a create request.
	 *
	 * @param status the HTTP status
	 * @param assistantId the assistant's id, for {@code Location}
	 * @param body the resource JSON, byte for byte the same on a replay
	 */
	record Accepted(int status, String assistantId, String body) {
	}

}
