package io.assistantsync.api.assistant;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.assistantsync.common.event.SyncError;
import io.assistantsync.common.event.SyncResult;

/**
 * The sync columns of the {@code assistants} table, as sync results move them; the rest of the table is
 * {@link AssistantStore}'s.
 */
@Repository
class SyncOutcomes {

	private static final String RECORD_RETRYING = """
			UPDATE assistants
			SET sync_attempts = :attempt, last_error_type = COALESCE(CAST(:errorType AS text), last_error_type),
			    last_error_message = COALESCE(CAST(:errorMessage AS text), last_error_message),
			    last_attempt_at = :occurredAt
			WHERE id = :assistantId AND sync_event_id = :sourceEventId AND sync_status = 'PENDING'
			    AND sync_attempts < :attempt
			""";

	private static final String RECORD_SYNCED = """
			UPDATE assistants
			SET sync_status = 'SYNCED', sync_attempts = GREATEST(sync_attempts, :attempt),
			    last_attempt_at = :occurredAt, synced_at = :occurredAt
			WHERE id = :assistantId AND sync_event_id = :sourceEventId AND sync_status IN ('PENDING', 'FAILED')
			""";

	private static final String RECORD_DEAD_LETTERED = """
			UPDATE assistants
			SET sync_status = 'FAILED', sync_attempts = GREATEST(sync_attempts, :attempt),
			    last_error_type = COALESCE(CAST(:errorType AS text), last_error_type),
			    last_error_message = COALESCE(CAST(:errorMessage AS text), last_error_message),
			    last_attempt_at = :occurredAt
			WHERE id = :assistantId AND sync_event_id = :sourceEventId AND sync_status = 'PENDING'
			""";

	private final JdbcClient jdbc;

	SyncOutcomes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Applies a sync result to the assistant's sync state, idempotently and never backwards: only results of
	 * the assistant's current change event count (so an older version's never finalise a newer one); RETRYING keeps PENDING and records the attempt if it
	 * is newer than the one recorded; SYNCED and DEAD_LETTERED (FAILED) are final until a manual re-sync, so a
	 * late RETRYING is ignored. One exception: SYNCED after FAILED is applied, because it can only come from
	 * an operator replaying the dead letter, and then the authoritative store holds the assistant.
	 * @param result the result
	 * @param receivedAt when it was received, the time of the attempt if the result names none
	 * @return whether the assistant's state changed
	 */
	boolean recordOutcome(SyncResult result, Instant receivedAt) {
		String sql = switch (result.status()) {
			case RETRYING -> RECORD_RETRYING;
			case SYNCED -> RECORD_SYNCED;
			case DEAD_LETTERED -> RECORD_DEAD_LETTERED;
		};
		SyncError error = result.error();
		Instant occurredAt = (result.occurredAt() != null) ? result.occurredAt() : receivedAt;
		return this.jdbc.sql(sql)
			.param("assistantId", result.assistantId())
			.param("sourceEventId", result.sourceEventId())
			.param("attempt", result.attempt())
			.param("occurredAt", Timestamp.from(occurredAt))
			.param("errorType", (error != null) ? error.type() : null)
			.param("errorMessage", (error != null) ? error.message() : null)
			.update() == 1;
	}

}
