package io.assistantsync.common.event;

/**
 * The outcome of one sync attempt, as published on the sync-results topic.
 */
public enum SyncResultStatus {

	/** The attempt failed and another attempt is scheduled ({@code nextAttemptAt}). */
	RETRYING,

	/** The assistant is in the authoritative store; final. */
	SYNCED,

	/** No attempt is left or the failure cannot be retried; the record is on the dead-letter topic. */
	DEAD_LETTERED;

	/**
	 * Whether no further result follows for the same pending-create event.
	 * @return {@code true} for {@link #SYNCED} and {@link #DEAD_LETTERED}
	 */
	public boolean isFinal() {
		return this != RETRYING;
	}

}
