package io.assistantsync.common.event;

import java.time.Instant;

import io.assistantsync.common.kafka.EventTypes;

/**
 * An assistant was accepted and must be created in the authoritative store; wire type
 * {@value EventTypes#PENDING_CREATE_V1}, keyed by the assistant id.
 *
 * @param eventId unique per publication; a manual re-sync publishes a new one, a relay retry the same
 * @param assistantId the assistant's id (also the record key and {@code ce_subject})
 * @param version the assistant's version
 * @param occurredAt when the event was recorded in the outbox
 * @param assistant the assistant, without its sync state
 */
public record AssistantCreationRequested(String eventId, String assistantId, long version, Instant occurredAt,
		AssistantSnapshot assistant) implements AssistantChange {
}
