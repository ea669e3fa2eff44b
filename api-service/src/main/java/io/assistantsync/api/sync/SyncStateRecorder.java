package io.assistantsync.api.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncError;

/**
 * Applies sync results to the assistant's local sync state, idempotently and never backwards: only results
 * of the assistant's current pending-create event count; RETRYING keeps PENDING and records the attempt
 * if it is newer than the one recorded; SYNCED and DEAD_LETTERED (FAILED) are final until a manual
 * re-sync, so a late RETRYING is ignored. One exception: SYNCED after FAILED is applied, because it can
 * only come from an operator replaying the dead letter, and then the authoritative store holds the
 * assistant. Counts {@code assistants.sync.results} by status.
 */
@Component
class SyncStateRecorder {

	private static final String RETRYING = """
			UPDATE assistants
			SET sync_attempts = :attempt, last_error_type = COALESCE(CAST(:errorType AS text), last_error_type),
			    last_error_message = COALESCE(CAST(:errorMessage AS text), last_error_message),
			    last_attempt_at = :occurredAt
			WHERE id = :assistantId AND sync_event_id = :sourceEventId AND sync_status = 'PENDING'
			    AND sync_attempts < :attempt
			""";

	private static final String SYNCED = """
			UPDATE assistants
			SET sync_status = 'SYNCED', sync_attempts = GREATEST(sync_attempts, :attempt),
			    last_attempt_at = :occurredAt, synced_at = :occurredAt
			WHERE id = :assistantId AND sync_event_id = :sourceEventId AND sync_status IN ('PENDING', 'FAILED')
			""";

	private static final String DEAD_LETTERED = """
			UPDATE assistants
			SET sync_status = 'FAILED', sync_attempts = GREATEST(sync_attempts, :attempt),
			    last_error_type = COALESCE(CAST(:errorType AS text), last_error_type),
			    last_error_message = COALESCE(CAST(:errorMessage AS text), last_error_message),
			    last_attempt_at = :occurredAt
			WHERE id = :assistantId AND sync_event_id = :sourceEventId AND sync_status = 'PENDING'
			""";

	private final JdbcClient jdbc;

	private final SyncEventLog log;

	private final MeterRegistry meters;

	private final Clock clock;

	SyncStateRecorder(JdbcClient jdbc, SyncEventLog log, MeterRegistry meters, Clock clock) {
		this.jdbc = jdbc;
		this.log = log;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Records results and applies them, in one transaction.
	 * @param results the results, in the order received
	 */
	@Transactional
	void recordAll(List<ReceivedSyncResult> results) {
		results.forEach(this::apply);
	}

	/**
	 * Records a result and applies it.
	 * @param result the result
	 * @return whether the assistant's state changed
	 */
	@Transactional
	boolean record(ReceivedSyncResult result) {
		return apply(result);
	}

	private boolean apply(ReceivedSyncResult result) {
		Instant now = this.clock.instant();
		if (!this.log.append(result, now)) {
			return false;
		}
		SyncResult outcome = result.outcome();
		Counter.builder("assistants.sync.results")
			.description("Sync results received, by status")
			.tag("status", outcome.status().name())
			.register(this.meters)
			.increment();
		String sql = switch (outcome.status()) {
			case RETRYING -> RETRYING;
			case SYNCED -> SYNCED;
			case DEAD_LETTERED -> DEAD_LETTERED;
		};
		SyncError error = outcome.error();
		Instant occurredAt = (outcome.occurredAt() != null) ? outcome.occurredAt() : now;
		return this.jdbc.sql(sql)
			.param("assistantId", outcome.assistantId())
			.param("sourceEventId", outcome.sourceEventId())
			.param("attempt", outcome.attempt())
			.param("occurredAt", Timestamp.from(occurredAt))
			.param("errorType", (error != null) ? error.type() : null)
			.param("errorMessage", (error != null) ? error.message() : null)
			.update() == 1;
	}

}
