package io.assistantsync.api.sync;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes sync results in the consumer group all instances share, so each result updates the database
 * once. Each poll's results are recorded in one transaction (one commit, not one per result); when that
 * fails for any reason but an unreachable database, they are recorded one by one and a result that still
 * fails is logged and skipped. A value that is not a usable sync result is logged and skipped too; neither
 * stops the consumer.
 */
@Component
class SyncResultListener {

	private static final Logger log = LoggerFactory.getLogger(SyncResultListener.class);

	private final SyncStateRecorder recorder;

	SyncResultListener(SyncStateRecorder recorder) {
		this.recorder = recorder;
	}

	@KafkaListener(id = "sync-results", topics = "${assistants.topics.sync-results}",
			groupId = "${assistants.sync.consumer-group:api-service}", batch = "true",
			containerFactory = SyncResultsKafkaConfiguration.RESULTS_BATCH_CONTAINER_FACTORY)
	void onResults(List<ConsumerRecord<String, String>> records) {
		List<ReceivedSyncResult> results = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			ReceivedSyncResult.parse(record.value())
				.ifPresentOrElse(results::add, () -> log.warn("Skipping a malformed sync result at {}-{}@{}",
						record.topic(), record.partition(), record.offset()));
		}
		try {
			this.recorder.recordAll(results);
		}
		catch (RuntimeException ex) {
			if (SyncResultsKafkaConfiguration.isStoreOutage(ex)) {
				throw ex;
			}
			results.forEach(this::recordAlone);
		}
	}

	private void recordAlone(ReceivedSyncResult result) {
		try {
			this.recorder.record(result);
		}
		catch (RuntimeException ex) {
			if (SyncResultsKafkaConfiguration.isStoreOutage(ex)) {
				throw ex;
			}
			log.warn("Skipping sync result {} of assistant {}: {}", result.eventId(), result.assistantId(),
					ex.getMessage());
		}
	}

}
