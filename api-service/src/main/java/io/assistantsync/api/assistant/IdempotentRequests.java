package io.assistantsync.api.assistant;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.assistantsync.api.assistant.IdempotencyKeys.StoredResponse;
import io.assistantsync.api.system.ApiProblems;

/**
 * The Idempotency-Key rule of every write (docs/contract.md §2, §7): per owner, for
 * {@code assistants.idempotency.retention}; the first request with a key is processed and its answer stored in
 * its transaction, a repeat with the same fingerprint gets that answer, one with another fingerprint a 422.
 */
@Component
class IdempotentRequests {

	private final IdempotencyKeys keys;

	private final IdempotencyProperties properties;

	IdempotentRequests(IdempotencyKeys keys, IdempotencyProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	/**
	 * Claims a key for the current transaction, or finds the answer of the request that claimed it first.
	 * Blocks while another open transaction holds the key.
	 * @param ownerId the caller
	 * @param key the Idempotency-Key
	 * @param fingerprint what the request asks for
	 * @param now the current time
	 * @return empty when this request is the first, else the stored answer to repeat
	 * @throws org.springframework.web.ErrorResponseException 422 for another fingerprint, 409 while the first
	 * request is in flight
	 */
	Optional<Accepted> claim(String ownerId, String key, String fingerprint, Instant now) {
		if (this.keys.claim(ownerId, key, fingerprint, now, now.minus(this.properties.retention()))) {
			return Optional.empty();
		}
		StoredResponse stored = this.keys.find(ownerId, key)
			.orElseThrow(() -> ApiProblems.conflict("The Idempotency-Key expired while this request was processed; retry it"));
		if (!stored.requestHash().equals(fingerprint)) {
			throw ApiProblems.idempotencyKeyReused();
		}
		if (stored.status() == null) {
			throw ApiProblems.conflict("A request with this Idempotency-Key is still being processed");
		}
		return Optional.of(Accepted.stored(stored.status(), stored.assistantId(), stored.body()));
	}

	/**
	 * Stores the answer of the request that claimed the key, in its transaction.
	 */
	void complete(String ownerId, String key, Accepted answer) {
		this.keys.complete(ownerId, key, answer.assistantId(), answer.status(), answer.body());
	}

}
