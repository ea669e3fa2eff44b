package io.assistantsync.worker.sync;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.assistantsync.common.event.AssistantSyncOutcome;
import io.assistantsync.common.event.SyncOutcomeStatus;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.testing.EventSchemas;
import io.assistantsync.testing.TopicReader;

/**
 * The sync results a test waits for, parsed and checked against the event schema.
 */
public final class SyncResults {

	private SyncResults() {
	}

	public static List<AssistantSyncOutcome> await(TopicReader results, String assistantId, SyncOutcomeStatus last,
			Duration timeout) {
		List<ConsumerRecord<String, byte[]>> records = results.await(
				r -> assistantId.equals(r.key()) && parse(r).status() == last, 1, timeout);
		return of(results, assistantId);
	}

	public static List<AssistantSyncOutcome> of(TopicReader results, String assistantId) {
		return results.seen(r -> assistantId.equals(r.key()))
			.stream()
			.map(SyncResults::parse)
			.sorted(Comparator.comparing(AssistantSyncOutcome::occurredAt))
			.toList();
	}

	public static AssistantSyncOutcome parse(ConsumerRecord<String, byte[]> record) {
		String json = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
		EventSchemas.assertConforms(EventTypes.SYNC_RESULT_V1, json);
		return EventJson.mapper().readValue(json, AssistantSyncOutcome.class);
	}

}
