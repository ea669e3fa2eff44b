package io.assistantsync.api.sync;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds this instance's sync-events streams. Unlike {@link SyncResultListener} it is in a consumer group of
 * its own (random suffix), so every instance sees every result; it starts at the latest offset and commits
 * nothing (earlier results come from the database), so no group outlives the instance. Malformed values
 * are skipped silently here: the shared listener logs them.
 */
@Component
class SyncEventsFanOut {

	private final SyncEventStreams streams;

	SyncEventsFanOut(SyncEventStreams streams) {
		this.streams = streams;
	}

	@KafkaListener(id = "sync-results-fan-out", topics = "${assistants.topics.sync-results}",
			groupId = "${assistants.sync.consumer-group:api-service}-streams-#{T(java.util.UUID).randomUUID()}",
			containerFactory = SyncKafkaConfiguration.FAN_OUT_CONTAINER_FACTORY,
			properties = "auto.offset.reset=latest")
	void onResult(ConsumerRecord<String, String> record) {
		SyncResult.parse(record.value()).ifPresent(this.streams::publish);
	}

}
