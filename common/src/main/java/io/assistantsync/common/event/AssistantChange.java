package io.assistantsync.common.event;

import java.time.Instant;

import io.assistantsync.common.kafka.EventTypes;

/**
 * One change of an assistant, as its change stream (the pending-create topic, keyed by the assistant id) carries
 * it: a create, an update or a delete, each naming the version it makes. The authoritative store applies a change
 * only when its version is higher than the stored one.
 */
public sealed interface AssistantChange
		permits AssistantCreationRequested, AssistantUpdateRequested, AssistantDeletionRequested {

	/**
	 * @return unique per publication; a manual re-sync publishes a new one, a relay retry the same
	 */
	String eventId();

	/**
	 * @return the assistant's id (also the record key and {@code ce_subject})
	 */
	String assistantId();

	/**
	 * @return the version this change makes
	 */
	long version();

	/**
	 * @return when the event was recorded in the outbox
	 */
	Instant occurredAt();

	/**
	 * The {@code ce_type} of a change, one of {@link io.assistantsync.common.kafka.EventTypes}.
	 * @param change the change
	 * @return its wire type
	 */
	static String typeOf(AssistantChange change) {
		if (change instanceof AssistantDeletionRequested) {
			return EventTypes.PENDING_DELETE_V1;
		}
		return (change instanceof AssistantUpdateRequested) ? EventTypes.PENDING_UPDATE_V1
				: EventTypes.PENDING_CREATE_V1;
	}

}
