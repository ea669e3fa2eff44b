package io.assistantsync.common.event;

import java.time.Instant;

import io.assistantsync.common.kafka.EventTypes;

/**
 * An assistant was deleted and the authoritative store must keep a tombstone of it at this version; wire type
 * {@value EventTypes#PENDING_DELETE_V1}, keyed by the assistant id.
 *
 * @param eventId unique per publication; a manual re-sync publishes a new one, a relay retry the same
 * @param assistantId the assistant's id (also the record key and {@code ce_subject})
 * @param version the version the delete makes: one more than the last version of the assistant
 * @param occurredAt when the event was recorded in the outbox
 */
public record AssistantDeletionRequested(String eventId, String assistantId, long version, Instant occurredAt)
		implements AssistantChange {
}
