package io.assistantsync.worker.sync;

/**
 * A change event (create, update or delete) that parses but breaks the contract (a missing field, a rule of the
 * resource, a version an update or a delete cannot have): no attempt can succeed, so it is dead-lettered at once.
 */
public class InvalidEventException extends PermanentSyncException {

	public InvalidEventException(String message) {
		super(message);
	}

}
