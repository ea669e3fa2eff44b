package io.assistantsync.worker.sync;

/**
 * A sync result could not be published (Kafka unreachable). The store write is already committed; the
 * record is retried in place, without using up an attempt, so its result is published before its offset
 * is committed. The retried write finds the row unchanged.
 */
public class ResultPublicationException extends RuntimeException {

	public ResultPublicationException(String message, Throwable cause) {
		super(message, cause);
	}

}
