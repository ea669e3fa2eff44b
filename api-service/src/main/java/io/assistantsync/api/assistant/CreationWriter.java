package io.assistantsync.api.assistant;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.ErrorResponseException;

import io.assistantsync.api.assistant.IdempotencyKeys.OwnedKey;
import io.assistantsync.api.assistant.IdempotencyKeys.StoredResponse;
import io.assistantsync.api.outbox.Outbox;

/**
 * Writes a group of creates in one transaction: the Idempotency-Keys first, in one
 * {@code INSERT … ON CONFLICT … RETURNING} that says which keys the group won, then the assistants, their
 * versions and their outbox rows, one multi-row statement each, for every create that is not answered by an
 * earlier request.
 * <p>
 * A request whose key is taken fails or replays alone: a key another request holds is not an error to the
 * database, only a row not returned, so the transaction carries on without savepoints (a savepoint per row would
 * cost a round trip per request and a subtransaction each, which PostgreSQL handles badly past 64 per
 * transaction). Two requests of one group with the same key are settled here: the first claims it, the later ones
 * are answered as a retry of it would be after its commit (its answer for the same body, 422 for another).
 */
@Component
class CreationWriter {

	private final AssistantStore assistants;

	private final AssistantVersions versions;

	private final IdempotentRequests idempotency;

	private final Outbox outbox;

	private final TransactionOperations transactions;

	private final Clock clock;

	CreationWriter(AssistantStore assistants, AssistantVersions versions, IdempotentRequests idempotency,
			Outbox outbox, TransactionOperations transactions, Clock clock) {
		this.assistants = assistants;
		this.versions = versions;
		this.idempotency = idempotency;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Writes the group and commits.
	 * @param group the creates, in arrival order
	 * @return each create's outcome, in the same order; only valid once this returns, after the commit
	 * @throws org.springframework.dao.DataAccessException when the transaction fails: nothing of the group is stored
	 */
	List<Outcome> write(List<Creation> group) {
		return this.transactions.execute((status) -> writeInTransaction(group));
	}

	private List<Outcome> writeInTransaction(List<Creation> group) {
		Map<OwnedKey, Creation> firstWithKey = new LinkedHashMap<>();
		for (Creation creation : group) {
			if (creation.idempotencyKey() != null) {
				firstWithKey.putIfAbsent(creation.ownedKey(), creation);
			}
		}
		Map<OwnedKey, StoredResponse> answers = new HashMap<>();
		Set<OwnedKey> claimed = Set.of();
		if (!firstWithKey.isEmpty()) {
			List<Creation> claims = new ArrayList<>(firstWithKey.values());
			claims.sort((a, b) -> a.ownedKey().compareTo(b.ownedKey()));
			claimed = this.idempotency.claimAll(claims, this.clock.instant());
		}
		List<Creation> created = new ArrayList<>(group.size());
		for (Creation creation : group) {
			OwnedKey key = creation.ownedKey();
			if (key == null) {
				created.add(creation);
			}
			else if (firstWithKey.get(key) == creation) {
				if (claimed.contains(key)) {
					created.add(creation);
					answers.put(key, creation.storedResponse());
				}
				else {
					answers.put(key, this.idempotency.stored(key));
				}
			}
		}
		if (!created.isEmpty()) {
			this.assistants.insertAll(created);
			this.versions.recordCreated(created);
			this.outbox.appendAll(created.stream().map(Creation::event).toList());
		}
		List<Outcome> outcomes = new ArrayList<>(group.size());
		for (Creation creation : group) {
			OwnedKey key = creation.ownedKey();
			boolean creates = key == null || (firstWithKey.get(key) == creation && claimed.contains(key));
			outcomes.add(creates ? new Outcome(creation.answer(), null) : answerOfEarlier(answers.get(key), creation));
		}
		return outcomes;
	}

	private Outcome answerOfEarlier(StoredResponse stored, Creation creation) {
		try {
			return new Outcome(this.idempotency.answer(stored, creation.fingerprint()), null);
		}
		catch (ErrorResponseException ex) {
			return new Outcome(null, ex);
		}
	}

	/**
	 * What one create of a group is answered once the group's transaction has committed.
	 *
	 * @param answer the answer: the create's own or an earlier request's, or {@code null} when it failed
	 * @param failure the problem it is answered with instead (422, 409), or {@code null}
	 */
	record Outcome(Accepted answer, RuntimeException failure) {
	}

}
