package io.assistantsync.api.assistant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.assistantsync.api.outbox.Outbox;
import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.json.Timestamps;

/**
 * Updates and deletes (docs/contract.md §7), each one local transaction: the assistant's row is locked
 * ({@code FOR UPDATE}), the {@code If-Match} compared with its version, the row written at version + 1 and PENDING
 * on a new change event, the version recorded and the event appended to the outbox. Two writes with the same
 * {@code If-Match} therefore serialize on the row: the first wins, the second finds a newer version and fails
 * with 412.
 * <p>
 * The Idempotency-Key is claimed first, so that a repeat gets the stored answer even after the assistant moved on
 * (or was deleted); any problem after it rolls the claim back with everything else.
 */
@Service
class AssistantEditor {

	private final AssistantStore assistants;

	private final AssistantVersions versions;

	private final IdempotentRequests idempotency;

	private final Outbox outbox;

	private final AssistantChangeMessages events;

	private final IdGenerator ids;

	private final JsonMapper json;

	private final Clock clock;

	AssistantEditor(AssistantStore assistants, AssistantVersions versions, IdempotentRequests idempotency,
			Outbox outbox, AssistantChangeMessages events, IdGenerator ids, JsonMapper json, Clock clock) {
		this.assistants = assistants;
		this.versions = versions;
		this.idempotency = idempotency;
		this.outbox = outbox;
		this.events = events;
		this.ids = ids;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Applies a write, or answers as the owner's first request with the same Idempotency-Key did.
	 * @param ownerId the caller; another owner's assistant is not found
	 * @param write the request
	 * @return the answer: 202 with the assistant at its new version
	 * @throws org.springframework.web.ErrorResponseException 404, 428, 412, 400, 409 or 422
	 */
	@Transactional
	Accepted apply(String ownerId, AssistantWrite write) {
		Instant now = Timestamps.toMillis(this.clock.instant());
		if (write.idempotencyKey() != null) {
			Optional<Accepted> earlier = this.idempotency.claim(ownerId, write.idempotencyKey(), write.fingerprint(),
					now);
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		AssistantResource current = this.assistants.findForUpdate(ownerId, write.id())
			.filter((tracked) -> !tracked.deleted())
			.orElseThrow(() -> ApiProblems.notFound("No assistant with id " + write.id()))
			.resource();
		if (write.ifMatch() == null) {
			throw ApiProblems.preconditionRequired("Changing assistant " + write.id()
					+ " requires If-Match with its current ETag, e.g. If-Match: " + IfMatch.entityTag(current.version()));
		}
		if (!IfMatch.parse(write.ifMatch()).matches(current.version())) {
			throw ApiProblems.preconditionFailed("Assistant " + write.id() + " is at version " + current.version()
					+ ", which If-Match does not name; read it again and retry", current,
					IfMatch.entityTag(current.version()));
		}
		long version = current.version() + 1;
		String eventId = this.ids.newId();
		AssistantDraft before = AssistantDraft.of(current);
		AssistantResource changed;
		AssistantVersion made;
		if (write.kind() == AssistantWrite.Kind.DELETE) {
			changed = current.nextVersion(before, version, now);
			this.assistants.markDeleted(current.id(), version, now, eventId);
			made = new AssistantVersion(version, VersionChange.DELETED, List.of(), ownerId, now);
		}
		else {
			AssistantDraft after = draft(write, before);
			changed = current.nextVersion(after, version, now);
			this.assistants.update(changed, eventId);
			made = new AssistantVersion(version, VersionChange.UPDATED, after.changedFrom(before), ownerId, now);
		}
		this.versions.record(current.id(), made);
		this.outbox.append(this.events.latestChange(changed, write.kind() == AssistantWrite.Kind.DELETE, eventId,
				now));
		Accepted accepted = new Accepted(HttpStatus.ACCEPTED.value(), changed.id(), version,
				this.json.writeValueAsString(changed));
		if (write.idempotencyKey() != null) {
			this.idempotency.complete(ownerId, write.idempotencyKey(), accepted);
		}
		return accepted;
	}

	/**
	 * The editable fields a PUT or PATCH asks for: a PUT's body, or a PATCH merged onto the current fields, then
	 * validated as a whole, so that problems name the fields of the result.
	 */
	private static AssistantDraft draft(AssistantWrite write, AssistantDraft before) {
		if (write.kind() == AssistantWrite.Kind.REPLACE) {
			return AssistantRequestParser.parse(write.body());
		}
		JsonNode patch = AssistantRequestParser.read(write.body());
		JsonNode target = EventJson.mapper().valueToTree(before);
		return AssistantRequestParser.parse(MergePatch.apply(target, patch));
	}

}
