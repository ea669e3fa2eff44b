package io.assistantsync.worker.sync;

/**
 * A pending-create event that parses but breaks the contract (a missing field, a rule of the resource):
 * no attempt can succeed, so it is dead-lettered at once.
 */
public class InvalidEventException extends PermanentSyncException {

	public InvalidEventException(String message) {
		super(message);
	}

}
