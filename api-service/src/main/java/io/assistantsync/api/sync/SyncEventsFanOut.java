package io.assistantsync.api.sync;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds this instance's sync-events streams. Unlike {@link SyncResultListener} it is in a consumer group of
 * its own (random suffix), so every instance sees every result. It commits nothing, so no group outlives
 * the instance; on assignment it starts at the results of the last
 * {@link SseProperties#recentResultsRetention()}, so that an instance that just started knows the results
 * the shared listener may not have recorded yet. Malformed values are skipped silently here: the shared
 * listener logs them.
 */
@Component
class SyncEventsFanOut implements ConsumerSeekAware {

	private final SyncEventStreams streams;

	private final SseProperties properties;

	private final Clock clock;

	SyncEventsFanOut(SyncEventStreams streams, SseProperties properties, Clock clock) {
		this.streams = streams;
		this.properties = properties;
		this.clock = clock;
	}

	@KafkaListener(id = "sync-results-fan-out", topics = "${assistants.topics.sync-results}",
			groupId = "${assistants.sync.consumer-group:api-service}-streams-#{T(java.util.UUID).randomUUID()}",
			containerFactory = SyncResultsKafkaConfiguration.FAN_OUT_CONTAINER_FACTORY,
			properties = "auto.offset.reset=latest")
	void onResult(ConsumerRecord<String, String> record) {
		ReceivedSyncResult.parse(record.value()).ifPresent(this.streams::publish);
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		long since = this.clock.instant().minus(this.properties.recentResultsRetention()).toEpochMilli();
		callback.seekToTimestamp(assignments.keySet(), since);
	}

}
