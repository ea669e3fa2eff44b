package io.assistantsync.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncError;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.id.DerivedIds;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.json.Timestamps;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventTypes;

/**
 * Sync results as the sync-worker publishes them, for tests to send to the api-service.
 */
public final class SyncResults {

	private SyncResults() {
	}

	public static SyncResult retrying(String assistantId, String sourceEventId, int attempt) {
		Instant now = Timestamps.toMillis(Instant.now());
		return new SyncResult(DerivedIds.syncResultId(sourceEventId, attempt, "RETRYING"), sourceEventId,
				assistantId, 1, SyncResultStatus.RETRYING, attempt, 5, now.plusSeconds(1),
				new SyncError("TransientStoreException", "attempt " + attempt + " timed out", true), now);
	}

	public static SyncResult synced(String assistantId, String sourceEventId, int attempt) {
		return new SyncResult(DerivedIds.syncResultId(sourceEventId, attempt, "SYNCED"), sourceEventId,
				assistantId, 1, SyncResultStatus.SYNCED, attempt, 5, null, null, Timestamps.toMillis(Instant.now()));
	}

	public static SyncResult deadLettered(String assistantId, String sourceEventId, int attempt) {
		return new SyncResult(DerivedIds.syncResultId(sourceEventId, attempt, "DEAD_LETTERED"),
				sourceEventId, assistantId, 1, SyncResultStatus.DEAD_LETTERED, attempt, 5, null,
				new SyncError("PermanentSyncException", "rejected by the store", false),
				Timestamps.toMillis(Instant.now()));
	}

	/**
	 * The same result about another version of the assistant.
	 */
	public static SyncResult ofVersion(SyncResult outcome, long version) {
		return new SyncResult(outcome.eventId(), outcome.sourceEventId(), outcome.assistantId(), version,
				outcome.status(), outcome.attempt(), outcome.maxAttempts(), outcome.nextAttemptAt(), outcome.error(),
				outcome.occurredAt());
	}

	public static String json(SyncResult outcome) {
		return EventJson.mapper().writeValueAsString(outcome);
	}

	public static ProducerRecord<String, byte[]> record(String topic, SyncResult outcome) {
		return record(topic, outcome.assistantId(), json(outcome));
	}

	public static ProducerRecord<String, byte[]> record(String topic, String key, String value) {
		return new ProducerRecord<>(topic, null, key, value.getBytes(StandardCharsets.UTF_8),
				new CloudEventHeaders(key + "-result", "/sync-worker", EventTypes.SYNC_RESULT_V1, Instant.now(), key)
					.toKafkaHeaders());
	}

}
