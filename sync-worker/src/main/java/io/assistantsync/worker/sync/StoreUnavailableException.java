package io.assistantsync.worker.sync;

/**
 * The authoritative store cannot be reached or does not answer in time, for every record alike. Not the
 * record's fault: the record is retried in place, without using up an attempt, until the store is back.
 */
public class StoreUnavailableException extends RuntimeException {

	public StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
