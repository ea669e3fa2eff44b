package io.assistantsync.worker.sync;

/**
 * A failure that another attempt may not meet (a serialization failure, a deadlock, a lock or statement
 * timeout): retried through the delayed retry topics.
 */
public class TransientSyncException extends RuntimeException {

	public TransientSyncException(String message, Throwable cause) {
		super(message, cause);
	}

}
