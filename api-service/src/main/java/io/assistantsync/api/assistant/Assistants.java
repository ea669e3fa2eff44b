package io.assistantsync.api.assistant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.id.AssistantId;

/**
 * What the other features may do with assistants: read one (the sync-events stream), apply a sync result
 * to its sync state (the result listener) and count them by sync status and the stale ones (the status
 * endpoint). The
 * {@code assistants} table itself stays inside this feature.
 */
@Component
public class Assistants {

	private final AssistantStore store;

	private final AssistantVersions versions;

	private final SyncOutcomes outcomes;

	private final ReconcileProperties reconcile;

	private final Clock clock;

	Assistants(AssistantStore store, AssistantVersions versions, SyncOutcomes outcomes, ReconcileProperties reconcile,
			Clock clock) {
		this.store = store;
		this.versions = versions;
		this.outcomes = outcomes;
		this.reconcile = reconcile;
		this.clock = clock;
	}

	/**
	 * Finds one of an owner's assistants; another owner's, like a malformed id, is simply not found.
	 * @param ownerId the owner
	 * @param id the id
	 * @return the assistant with its current sync event, if it exists
	 */
	public Optional<TrackedAssistant> find(String ownerId, String id) {
		return AssistantId.isWellFormed(id) ? this.store.find(ownerId, id) : Optional.empty();
	}

	/**
	 * Finds one of an owner's assistants, deleted or not, as its history needs it.
	 * @param ownerId the owner
	 * @param id the id
	 * @return the assistant at its latest version, if it exists
	 */
	public Optional<TrackedAssistant> findIncludingDeleted(String ownerId, String id) {
		return AssistantId.isWellFormed(id) ? this.store.findAny(ownerId, id) : Optional.empty();
	}

	/**
	 * The change event whose results currently count for an assistant, deleted or not: a stream following the
	 * assistant ends on a final result of this event only.
	 * @param id the assistant id
	 * @return the event id, if the assistant exists
	 */
	public Optional<String> currentSyncEventId(String id) {
		return this.store.currentSyncEventId(id);
	}

	/**
	 * Versions of an assistant, newest first.
	 * @param id the assistant id
	 * @param before only versions lower than this ({@link Long#MAX_VALUE} for the first page)
	 * @param limit the most versions
	 * @return the versions
	 */
	public List<AssistantVersion> versions(String id, long before, int limit) {
		return this.versions.newestFirst(id, before, limit);
	}

	/**
	 * Applies a sync result to the assistant's sync state, idempotently and never backwards; results of an
	 * older change event (of this or an older version) and of unknown assistants change nothing. Joins the caller's transaction.
	 * @param result the result
	 * @param receivedAt when it was received, taken as the time of the attempt if the result names none
	 * @return whether the assistant's state changed
	 */
	public boolean recordOutcome(SyncResult result, Instant receivedAt) {
		return this.outcomes.recordOutcome(result, receivedAt);
	}

	/**
	 * How many assistants have each sync status: the live ones, and the deleted ones whose delete has not reached
	 * the authoritative store yet.
	 * @return every status, in declaration order, with its count (0 when none has it)
	 */
	public Map<SyncStatus, Long> countBySyncStatus() {
		return this.store.countBySyncStatus();
	}

	/**
	 * How many assistants are stale: PENDING for longer than {@code assistants.reconcile.stale-after} with
	 * their event published and no result since, which the reconciler republishes.
	 * @return the count
	 */
	public long countStale() {
		return this.store.countStale(this.clock.instant().minus(this.reconcile.staleAfter()));
	}

}
