package io.assistantsync.worker.sync;

import java.util.List;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.validation.AssistantRules;
import io.assistantsync.common.validation.FieldViolation;

/**
 * The contract a pending-create event must meet before it is written: a parsed value can still lack a field
 * or break a rule of the resource, and then no attempt can succeed.
 */
final class PendingCreateEvents {

	private PendingCreateEvents() {
	}

	/**
	 * Checks an event.
	 * @param event the event
	 * @throws InvalidEventException when it breaks the contract
	 */
	static void check(AssistantCreationRequested event) {
		if (event.eventId() == null || event.eventId().isBlank() || event.occurredAt() == null
				|| event.assistant() == null) {
			throw new InvalidEventException("A pending-create event needs eventId, occurredAt and assistant");
		}
		if (!event.assistant().id().equals(event.assistantId()) || event.assistant().version() != event.version()) {
			throw new InvalidEventException("Event " + event.eventId() + " names assistant " + event.assistantId()
					+ " v" + event.version() + " but carries " + event.assistant().id() + " v"
					+ event.assistant().version());
		}
		List<FieldViolation> violations = AssistantRules.check(event.assistant());
		if (!violations.isEmpty()) {
			throw new InvalidEventException("Event " + event.eventId() + " carries an invalid assistant: "
					+ violations.stream().map(v -> v.field() + " " + v.message()).toList());
		}
	}

}
