package io.assistantsync.worker.sync;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the retry topics a record at a time through {@link PendingCreateSync}. A record that fails is
 * thrown to Spring Kafka's non-blocking retries (see {@link RetryTopicsConfiguration}): transient failures go to
 * the next retry topic, permanent ones to the dead-letter topic, and an unreachable store holds the record in
 * place until it answers; {@link FailedAttempts} reports each forwarded record.
 * <p>
 * This endpoint also defines the retry chain of the main topic, but its main-topic container is never
 * started: the main topic is consumed in batches by {@link PendingCreateBatchListener}, because Spring
 * Kafka's retry topics cannot be attached to a batch listener.
 */
@Component
class PendingCreateListener {

	/** The listener id; retry topic listeners get it with a suffix. */
	static final String ID = "pending-create";

	private final PendingCreateSync sync;

	PendingCreateListener(PendingCreateSync sync) {
		this.sync = sync;
	}

	// an explicit group makes Spring Kafka give each retry topic a group of its own (sync-worker-retry-1000…), so
	// that consumers joining or leaving a retry topic never rebalance the main topic's consumers
	@KafkaListener(id = ID, topics = "${assistants.topics.pending-create}", groupId = "${spring.kafka.consumer.group-id}")
	void onPendingCreate(ConsumerRecord<String, PendingCreateDelivery> record) {
		this.sync.sync(List.of(record), (failed, failure) -> {
			throw failure;
		});
	}

}
