package io.assistantsync.api.assistant;

import java.util.List;

import io.assistantsync.api.assistant.IdempotencyKeys.OwnedKey;
import io.assistantsync.api.assistant.IdempotencyKeys.StoredResponse;
import io.assistantsync.api.outbox.OutboxMessage;

/**
 * One {@code POST /api/assistants}, prepared on its request thread to the last byte: the new assistant, its
 * pending-create event as it goes into the outbox and the answer, so that writing it is only SQL.
 *
 * @param ownerId who creates it
 * @param idempotencyKey the Idempotency-Key, or {@code null}
 * @param fingerprint what the request asks for, when it has a key, else {@code null}
 * @param assistant the assistant at version 1, PENDING
 * @param eventId its pending-create event
 * @param setFields the fields the create sets, for its history
 * @param event the event's outbox record
 * @param answer the 202 to send once it is committed
 */
record Creation(String ownerId, String idempotencyKey, String fingerprint, AssistantResource assistant,
		String eventId, List<String> setFields, OutboxMessage event, Accepted answer) {

	/**
	 * The key with its owner, as keys are unique per owner.
	 * @return the key, or {@code null} without one
	 */
	OwnedKey ownedKey() {
		return (this.idempotencyKey != null) ? new OwnedKey(this.ownerId, this.idempotencyKey) : null;
	}

	/**
	 * What its key answers once it is committed.
	 */
	StoredResponse storedResponse() {
		return new StoredResponse(this.fingerprint, this.assistant.id(), this.answer.status(), this.answer.body());
	}

}
