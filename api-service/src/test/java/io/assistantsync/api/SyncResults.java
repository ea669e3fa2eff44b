package io.assistantsync.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.assistantsync.common.event.AssistantSyncOutcome;
import io.assistantsync.common.event.SyncError;
import io.assistantsync.common.event.SyncOutcomeStatus;
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

	public static AssistantSyncOutcome retrying(String assistantId, String sourceEventId, int attempt) {
		Instant now = Timestamps.toMillis(Instant.now());
		return new AssistantSyncOutcome(DerivedIds.syncResultId(sourceEventId, attempt, "RETRYING"), sourceEventId,
				assistantId, 1, SyncOutcomeStatus.RETRYING, attempt, 5, now.plusSeconds(1),
				new SyncError("TransientStoreException", "attempt " + attempt + " timed out", true), now);
	}

	public static AssistantSyncOutcome synced(String assistantId, String sourceEventId, int attempt) {
		return new AssistantSyncOutcome(DerivedIds.syncResultId(sourceEventId, attempt, "SYNCED"), sourceEventId,
				assistantId, 1, SyncOutcomeStatus.SYNCED, attempt, 5, null, null, Timestamps.toMillis(Instant.now()));
	}

	public static AssistantSyncOutcome deadLettered(String assistantId, String sourceEventId, int attempt) {
		return new AssistantSyncOutcome(DerivedIds.syncResultId(sourceEventId, attempt, "DEAD_LETTERED"),
				sourceEventId, assistantId, 1, SyncOutcomeStatus.DEAD_LETTERED, attempt, 5, null,
				new SyncError("PermanentSyncException", "rejected by the store", false),
				Timestamps.toMillis(Instant.now()));
	}

	public static String json(AssistantSyncOutcome outcome) {
		return EventJson.mapper().writeValueAsString(outcome);
	}

	public static ProducerRecord<String, byte[]> record(String topic, AssistantSyncOutcome outcome) {
		return record(topic, outcome.assistantId(), json(outcome));
	}

	public static ProducerRecord<String, byte[]> record(String topic, String key, String value) {
		return new ProducerRecord<>(topic, null, key, value.getBytes(StandardCharsets.UTF_8),
				new CloudEventHeaders(key + "-result", "/sync-worker", EventTypes.SYNC_RESULT_V1, Instant.now(), key)
					.toKafkaHeaders());
	}

}
