package io.assistantsync.worker.dlt;

/**
 * Kafka did not answer, or refused what the tool asked, before anything could be done; the command line
 * prints the message as its one line and exits with code 3, the admin API answers 503.
 */
public class KafkaUnavailableException extends RuntimeException {

	KafkaUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
