package io.assistantsync.worker.sync;

/**
 * A failure that no further attempt can cure (the event is invalid, the store rejects the data as such):
 * the record goes to the dead-letter topic at once.
 */
public class PermanentSyncException extends RuntimeException {

	public PermanentSyncException(String message, Throwable cause) {
		super(message, cause);
	}

	public PermanentSyncException(String message) {
		super(message);
	}

}
