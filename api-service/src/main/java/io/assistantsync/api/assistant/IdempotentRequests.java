package io.assistantsync.api.assistant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.assistantsync.api.assistant.IdempotencyKeys.OwnedKey;
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
		return Optional.of(answer(this.keys.find(ownerId, key).orElse(null), fingerprint));
	}

	/**
	 * Claims the keys of a group of creates for the current transaction, each with its answer, in one statement.
	 * Blocks while another open transaction holds one of them; the creates come sorted by key, so that two groups
	 * always wait for each other in the same order and never deadlock.
	 * @param creations creates with an Idempotency-Key, at most one per key, sorted by {@link Creation#ownedKey()}
	 * @param now the current time
	 * @return the keys this group owns now; the others belong to an earlier request
	 */
	Set<OwnedKey> claimAll(List<Creation> creations, Instant now) {
		return this.keys.claimAll(creations, now.minus(this.properties.retention()));
	}

	/**
	 * The stored answer of a key that an earlier request claimed.
	 * @return the answer, or {@code null} when the key is gone (it expired meanwhile)
	 */
	StoredResponse stored(OwnedKey key) {
		return this.keys.find(key.ownerId(), key.key()).orElse(null);
	}

	/**
	 * What a request with a key that an earlier request claimed is answered.
	 * @param stored the earlier request's answer, or {@code null} when the key is gone
	 * @param fingerprint what this request asks for
	 * @return the earlier answer, to repeat
	 * @throws org.springframework.web.ErrorResponseException 422 for another fingerprint, 409 while the first
	 * request is in flight or when the key expired meanwhile
	 */
	Accepted answer(StoredResponse stored, String fingerprint) {
		if (stored == null) {
			throw ApiProblems.conflict("The Idempotency-Key expired while this request was processed; retry it");
		}
		if (!stored.requestHash().equals(fingerprint)) {
			throw ApiProblems.idempotencyKeyReused();
		}
		if (stored.status() == null) {
			throw ApiProblems.conflict("A request with this Idempotency-Key is still being processed");
		}
		return Accepted.stored(stored.status(), stored.assistantId(), stored.body());
	}

	/**
	 * Stores the answer of the request that claimed the key, in its transaction.
	 */
	void complete(String ownerId, String key, Accepted answer) {
		this.keys.complete(ownerId, key, answer.assistantId(), answer.status(), answer.body());
	}

}
