package io.assistantsync.worker.sync;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
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

	public static List<SyncResult> await(TopicReader results, String assistantId, SyncResultStatus last,
			Duration timeout) {
		List<ConsumerRecord<String, byte[]>> records = results.await(
				r -> assistantId.equals(r.key()) && parse(r).status() == last, 1, timeout);
		return of(results, assistantId);
	}

	public static List<SyncResult> of(TopicReader results, String assistantId) {
		return results.seen(r -> assistantId.equals(r.key()))
			.stream()
			.map(SyncResults::parse)
			.sorted(Comparator.comparing(SyncResult::occurredAt))
			.toList();
	}

	public static SyncResult parse(ConsumerRecord<String, byte[]> record) {
		String json = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
		EventSchemas.assertConforms(EventTypes.SYNC_RESULT_V1, json);
		return EventJson.mapper().readValue(json, SyncResult.class);
	}

}
