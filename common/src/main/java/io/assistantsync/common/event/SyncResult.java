package io.assistantsync.common.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.assistantsync.common.kafka.EventTypes;

/**
 * The outcome of one sync attempt; wire type {@value EventTypes#SYNC_RESULT_V1}, keyed by the
 * assistant id. Results of one pending-create event arrive in attempt order.
 *
 * @param eventId derived from (sourceEventId, attempt, status), so a redelivered result keeps its id
 * @param sourceEventId the pending-create event this is the outcome of
 * @param assistantId the assistant's id
 * @param version the assistant's version
 * @param status what happened
 * @param attempt the attempt number, 1-based
 * @param maxAttempts the attempts allowed in all
 * @param nextAttemptAt when the next attempt is due ({@code RETRYING} only)
 * @param error why the attempt failed, or {@code null} when it did not
 * @param occurredAt when the outcome was decided
 */
public record SyncResult(String eventId, String sourceEventId, String assistantId, long version,
		SyncResultStatus status, int attempt, int maxAttempts,
		@JsonInclude(JsonInclude.Include.NON_NULL) Instant nextAttemptAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) SyncError error, Instant occurredAt) {
}
