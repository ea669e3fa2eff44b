package io.assistantsync.worker.sync;

import java.util.List;

import io.assistantsync.common.event.AssistantSnapshot;

/**
 * Where synced assistants live. Writes are idempotent upserts keyed by id: the same event twice gives one
 * row, and an older version never overwrites a newer one. Implementations report failures as
 * {@link TransientSyncException} (retry later), {@link PermanentSyncException} (the data is rejected as
 * such) or {@link StoreUnavailableException} (the store cannot be reached: not the record's fault).
 */
public interface AuthoritativeStore {

	/**
	 * Creates or updates one assistant.
	 * @param assistant the assistant
	 * @param sourceEventId the pending-create event that carried it
	 * @return what the write did
	 */
	UpsertResult upsert(AssistantSnapshot assistant, String sourceEventId);

	/**
	 * Creates or updates many assistants at once, for throughput; all or nothing. When one write is
	 * rejected, the whole call fails and the caller retries the writes one by one to isolate it.
	 * @param writes the writes, in the order the events were delivered
	 * @return what each write did, in the same order
	 */
	List<UpsertResult> upsertAll(List<StoreWrite> writes);

	/**
	 * Checks that the store answers, with a short timeout.
	 * @throws StoreUnavailableException when it does not
	 */
	void probe();

	/**
	 * What an upsert did.
	 */
	enum UpsertResult {

		/** A new row. */
		INSERTED,

		/** An older version was replaced. */
		UPDATED,

		/** The row already had this version or a newer one: a redelivery, a replay or an out-of-order event. */
		UNCHANGED

	}

}
