package io.assistantsync.worker.sync;

import java.util.List;

/**
 * Where synced assistants live. Writes are idempotent upserts keyed by id and guarded by the version: the same
 * event twice gives one row, an older version never overwrites a newer one, and a delete leaves a tombstone so
 * that no older change brings the assistant back. Implementations report failures as
 * {@link TransientSyncException} (retry later), {@link PermanentSyncException} (the data is rejected as such) or
 * {@link StoreUnavailableException} (the store cannot be reached: not the record's fault).
 */
public interface AuthoritativeStore {

	/**
	 * Writes one change: a snapshot (create or update) or a tombstone (delete).
	 * @param write the change
	 * @return what the write did
	 */
	UpsertResult upsert(StoreWrite write);

	/**
	 * Writes many changes at once, for throughput, in one transaction: all or nothing. When one write is
	 * rejected, the whole call fails and the caller retries the writes one by one to isolate it.
	 * @param writes the changes, in the order the events were delivered
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

		/** A new row: a live assistant, or the tombstone of a delete that came before its create. */
		INSERTED,

		/** An older version was replaced, by a newer snapshot or by a tombstone. */
		UPDATED,

		/** The row already had this version or a newer one: a redelivery, a replay or an out-of-order event. */
		UNCHANGED

	}

}
