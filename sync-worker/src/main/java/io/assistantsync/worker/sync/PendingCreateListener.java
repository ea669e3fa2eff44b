package io.assistantsync.worker.sync;

import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;

import io.assistantsync.common.event.AssistantCreationRequested;

/**
 * Pushes each pending-create event of a retry topic into the authoritative store and publishes SYNCED.
 * Failures are thrown to Spring Kafka's non-blocking retries (see {@link RetryTopicsConfiguration}):
 * transient ones go to the next retry topic, permanent ones to the dead-letter topic, and an unreachable
 * store holds the record in place until it answers.
 * <p>
 * This endpoint also defines the retry chain of the main topic, but its main-topic container is never
 * started: the main topic is consumed in batches by {@link PendingCreateBatchListener}, because Spring
 * Kafka's retry topics cannot be attached to a batch listener.
 */
@Component
class PendingCreateListener {

	/** The listener id; retry topic listeners get it with a suffix. */
	static final String ID = "pending-create";

	private static final Logger logger = LoggerFactory.getLogger(PendingCreateListener.class);

	private final AuthoritativeStore store;

	private final StoreOutage outage;

	private final SyncResultPublisher results;

	private final SyncMetrics metrics;

	private final SyncCheckpoint checkpoint;

	private final Clock clock;

	PendingCreateListener(AuthoritativeStore store, StoreOutage outage, SyncResultPublisher results,
			SyncMetrics metrics, ObjectProvider<SyncCheckpoint> checkpoint, Clock clock) {
		this.store = store;
		this.outage = outage;
		this.results = results;
		this.metrics = metrics;
		this.checkpoint = checkpoint.getIfAvailable(() -> SyncCheckpoint.NONE);
		this.clock = clock;
	}

	// an explicit group makes Spring Kafka give each retry topic a group of its own (sync-worker-retry-1000…), so
	// that consumers joining or leaving a retry topic never rebalance the main topic's consumers
	@KafkaListener(id = ID, topics = "${assistants.topics.pending-create}", groupId = "${spring.kafka.consumer.group-id}")
	void onPendingCreate(ConsumerRecord<String, PendingCreateDelivery> record) {
		AssistantCreationRequested event = record.value().event();
		int attempt = RetryHeaders.attempt(record.headers());
		PendingCreateEvents.check(event);
		write(event);
		this.results.synced(SyncSubject.of(record), attempt);
		this.metrics.synced(Duration.between(event.assistant().createdAt(), this.clock.instant()));
		logger.debug("Synced {} from {} on attempt {}", event.assistantId(), KafkaUtils.format(record), attempt);
		this.checkpoint.afterResultPublished(record);
	}

	private void write(AssistantCreationRequested event) {
		if (this.outage.isActive()) {
			// while the store is down, only probe it: a failed probe holds the record without touching the data
			this.store.probe();
		}
		try {
			this.metrics.timeStoreWrite(() -> this.store.upsert(event.assistant(), event.eventId()));
		}
		catch (StoreUnavailableException ex) {
			this.outage.begin(ex);
			throw ex;
		}
		this.outage.end();
	}

}
