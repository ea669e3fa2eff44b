package io.assistantsync.api.sync;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes sync results in the consumer group all instances share, so each result updates the database
 * once. A value that is not a usable sync result is logged and skipped; it never stops the consumer.
 */
@Component
class SyncResultListener {

	private static final Logger log = LoggerFactory.getLogger(SyncResultListener.class);

	private final SyncStateRecorder recorder;

	SyncResultListener(SyncStateRecorder recorder) {
		this.recorder = recorder;
	}

	@KafkaListener(id = "sync-results", topics = "${assistants.topics.sync-results}",
			groupId = "${assistants.sync.consumer-group:api-service}")
	void onResult(ConsumerRecord<String, String> record) {
		SyncResult.parse(record.value())
			.ifPresentOrElse(this.recorder::record, () -> log.warn("Skipping a malformed sync result at {}-{}@{}",
					record.topic(), record.partition(), record.offset()));
	}

}
