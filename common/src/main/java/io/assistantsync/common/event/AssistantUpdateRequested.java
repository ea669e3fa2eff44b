package io.assistantsync.common.event;

import java.time.Instant;

import io.assistantsync.common.kafka.EventTypes;

/**
 * An assistant was changed and the authoritative store must take its new version; wire type
 * {@value EventTypes#PENDING_UPDATE_V1}, keyed by the assistant id, shaped as a pending-create event.
 *
 * @param eventId unique per publication; a manual re-sync publishes a new one, a relay retry the same
 * @param assistantId the assistant's id (also the record key and {@code ce_subject})
 * @param version the new version
 * @param occurredAt when the event was recorded in the outbox
 * @param assistant the whole assistant at the new version, without its sync state
 */
public record AssistantUpdateRequested(String eventId, String assistantId, long version, Instant occurredAt,
		AssistantSnapshot assistant) implements AssistantChange {
}
