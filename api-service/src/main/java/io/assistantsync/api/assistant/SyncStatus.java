package io.assistantsync.api.assistant;

/**
 * The local sync status of an assistant (docs/contract.md §1).
 */
public enum SyncStatus {

	/** Accepted, not yet in the authoritative store; includes retrying. */
	PENDING,

	/** In the authoritative store; final until a manual re-sync. */
	SYNCED,

	/** Dead-lettered by the sync worker; final until a manual re-sync. */
	FAILED;

	/**
	 * Whether no further result changes the status without a manual re-sync.
	 * @return {@code true} for {@link #SYNCED} and {@link #FAILED}
	 */
	public boolean isFinal() {
		return this != PENDING;
	}

}
