package io.assistantsync.api.assistant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.assistantsync.api.outbox.Outbox;
import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.json.Timestamps;

/**
 * Accepts assistants, manual re-syncs and the reconciler's republications. A create is committed with the others
 * that arrive at the same time, in one local transaction that writes their assistant rows, versions, outbox rows
 * and, for creates with an Idempotency-Key, the keys with their answers ({@link IntakeCommitter}); a re-sync or
 * republication is a transaction of its own. Nothing here talks to Kafka: the outbox relay publishes after the
 * commit.
 * <p>
 * A re-sync and a republication are the same change: a new event, with a new event id, of the assistant's latest
 * version as it is stored (a delete if it is deleted, a create at version 1, else an update with the same snapshot
 * and version, which the authoritative store applies idempotently by version), and the sync state reset to that
 * event's. The new id makes only the new event's results count, so a late result of the old event can neither
 * finish the assistant nor move its attempts, and {@code sync.attempts} and {@code sync.lastError} keep
 * describing the current event, whose attempts the sync worker counts from 1 again. Reusing the old id would mix
 * two deliveries' attempts under one id and collide with the result ids the worker derives from it.
 */
@Service
class AssistantIntake {

	private final AssistantStore assistants;

	private final IntakeCommitter committer;

	private final Outbox outbox;

	private final AssistantChangeMessages events;

	private final IdGenerator ids;

	private final ReconcileProperties reconcile;

	private final Clock clock;

	AssistantIntake(AssistantStore assistants, IntakeCommitter committer, ReconcileProperties reconcile,
			Outbox outbox, AssistantChangeMessages events, IdGenerator ids, Clock clock) {
		this.assistants = assistants;
		this.committer = committer;
		this.reconcile = reconcile;
		this.outbox = outbox;
		this.events = events;
		this.ids = ids;
		this.clock = clock;
	}

	/**
	 * Creates an assistant, or answers as the owner's first request with the same Idempotency-Key did. The create
	 * is prepared here, on the request thread, and written with the others waiting at the same time by one
	 * transaction ({@link IntakeCommitter}); this returns once that transaction has committed.
	 * @param ownerId who creates it
	 * @param draft the validated request
	 * @param idempotencyKey the key, or {@code null}
	 * @return the answer to send
	 */
	Accepted accept(String ownerId, AssistantDraft draft, String idempotencyKey) {
		Instant now = Timestamps.toMillis(this.clock.instant());
		AssistantResource assistant = new AssistantResource(this.ids.newId(), ownerId, draft.name(), draft.emoji(),
				draft.description(), draft.category(), draft.tags(), draft.instructions(), draft.visibility(), 1, now,
				now, AssistantResource.Sync.pending());
		String eventId = this.ids.newId();
		Accepted accepted = new Accepted(HttpStatus.ACCEPTED.value(), assistant.id(), assistant.version(),
				AssistantJson.resource(assistant));
		String fingerprint = (idempotencyKey != null) ? draft.fingerprint() : null;
		return this.committer.commit(new Creation(ownerId, idempotencyKey, fingerprint, assistant, eventId,
				draft.setFields(), this.events.created(assistant, eventId, now), accepted));
	}

	/**
	 * Publishes a new event of the latest change of a FAILED assistant, or a stale PENDING one (see
	 * {@link #republishStale(int)}), and resets its sync state. A deleted assistant's delete can be re-synced
	 * too: that is no write, it only repeats the delete.
	 * @param ownerId the caller; another owner's assistant is not found
	 * @param id the assistant id
	 * @return the assistant, PENDING again
	 */
	@Transactional
	AssistantResource resync(String ownerId, String id) {
		TrackedAssistant tracked = this.assistants.findForUpdate(ownerId, id)
			.orElseThrow(() -> ApiProblems.notFound("No assistant with id " + id));
		SyncStatus status = tracked.resource().sync().status();
		boolean stale = status == SyncStatus.PENDING && this.assistants.isStale(id, staleCutoff());
		if (status != SyncStatus.FAILED && !stale) {
			throw ApiProblems.conflict("Assistant " + id + " is " + status + "; only a FAILED assistant, or one PENDING "
					+ "for longer than " + this.reconcile.staleAfter() + " after its event was published, can be re-synced");
		}
		return republish(tracked);
	}

	/**
	 * Republishes stale assistants: PENDING for longer than {@code assistants.reconcile.stale-after} with their
	 * event published (no outbox row left) and no result since, as when a result was lost. The rows are claimed
	 * with {@code FOR UPDATE SKIP LOCKED}, so several instances never republish the same assistant at once.
	 * @param limit the most assistants to republish
	 * @return the ids of the republished assistants
	 */
	@Transactional
	List<String> republishStale(int limit) {
		List<TrackedAssistant> stale = this.assistants.claimStale(staleCutoff(), limit);
		for (TrackedAssistant tracked : stale) {
			republish(tracked);
		}
		return stale.stream().map((tracked) -> tracked.resource().id()).toList();
	}

	private AssistantResource republish(TrackedAssistant stored) {
		String eventId = this.ids.newId();
		Instant now = Timestamps.toMillis(this.clock.instant());
		this.assistants.restartSync(stored.resource().id(), eventId, now);
		AssistantResource assistant = stored.resource().withSync(AssistantResource.Sync.pending());
		this.outbox.append(this.events.latestChange(assistant, stored.deleted(), eventId, now));
		return assistant;
	}

	private Instant staleCutoff() {
		return this.clock.instant().minus(this.reconcile.staleAfter());
	}

}
