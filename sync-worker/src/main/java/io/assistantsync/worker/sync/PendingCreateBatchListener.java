package io.assistantsync.worker.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes the main pending-create topic in batches: one multi-row upsert for a whole poll, one flush of
 * its SYNCED results. Each record still fails alone: when the batch write is rejected, the records are
 * written one by one, and every record that fails (unreadable, invalid, rejected) is handed to Spring
 * Kafka's recoverer for the retry chain, exactly as the record listener of the retry topics would, so it
 * goes to {@code -retry-1000} or {@code -dlt} with the standard headers. An unreachable store fails the
 * whole batch, which the container retries in place until the store answers (see
 * {@code WorkerKafkaConfiguration}, which also creates the container: a {@code @KafkaListener} on the main
 * topic would be taken for part of the retry chain).
 */
@Component
class PendingCreateBatchListener implements BatchConsumerAwareMessageListener<String, PendingCreateDelivery> {

	/** The id (and bean name) of the main topic's listener container. */
	static final String ID = "pending-create-batch";

	private static final LogAccessor logger = new LogAccessor(PendingCreateBatchListener.class);

	private final AuthoritativeStore store;

	private final StoreOutage outage;

	private final SyncResultPublisher results;

	private final SyncMetrics metrics;

	private final DeadLetterPublishingRecoverer recoverer;

	private final SyncCheckpoint checkpoint;

	private final Clock clock;

	PendingCreateBatchListener(AuthoritativeStore store, StoreOutage outage, SyncResultPublisher results,
			SyncMetrics metrics, @Qualifier(RetryTopicsConfiguration.MAIN_TOPIC_RECOVERER) DeadLetterPublishingRecoverer recoverer,
			ObjectProvider<SyncCheckpoint> checkpoint, Clock clock) {
		this.store = store;
		this.outage = outage;
		this.results = results;
		this.metrics = metrics;
		this.recoverer = recoverer;
		this.checkpoint = checkpoint.getIfAvailable(() -> SyncCheckpoint.NONE);
		this.clock = clock;
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, PendingCreateDelivery>> records, Consumer<?, ?> consumer) {
		List<ConsumerRecord<String, PendingCreateDelivery>> readable = new ArrayList<>(records.size());
		for (ConsumerRecord<String, PendingCreateDelivery> record : records) {
			DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
					KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logger);
			if (unreadable != null) {
				forward(record, consumer, unreadable);
				continue;
			}
			try {
				PendingCreateEvents.check(record.value().event());
				readable.add(record);
			}
			catch (InvalidEventException ex) {
				forward(record, consumer, ex);
			}
		}
		List<ConsumerRecord<String, PendingCreateDelivery>> written = write(readable, consumer);
		this.results.syncedAll(written.stream().map(SyncSubject::of).toList(), 1);
		Instant now = this.clock.instant();
		for (ConsumerRecord<String, PendingCreateDelivery> record : written) {
			this.metrics.synced(Duration.between(record.value().event().assistant().createdAt(), now));
			this.checkpoint.afterResultPublished(record);
		}
	}

	/**
	 * Writes the records, all at once if the store accepts them all, else one by one.
	 * @return the records that are now in the store
	 */
	private List<ConsumerRecord<String, PendingCreateDelivery>> write(
			List<ConsumerRecord<String, PendingCreateDelivery>> records, Consumer<?, ?> consumer) {
		if (records.isEmpty()) {
			return records;
		}
		if (this.outage.isActive()) {
			// while the store is down, only probe it: a failed probe holds the batch without touching the data
			this.store.probe();
		}
		try {
			this.metrics.timeStoreWrite(() -> this.store.upsertAll(records.stream().map(this::writeOf).toList()));
			this.outage.end();
			return records;
		}
		catch (StoreUnavailableException ex) {
			this.outage.begin(ex);
			throw ex;
		}
		catch (RuntimeException batchFailure) {
			this.outage.end();
			if (records.size() == 1) {
				forward(records.get(0), consumer, batchFailure);
				return List.of();
			}
			logger.debug(batchFailure, () -> "Batch of " + records.size() + " rejected, writing one by one");
			return writeEach(records, consumer);
		}
	}

	private List<ConsumerRecord<String, PendingCreateDelivery>> writeEach(
			List<ConsumerRecord<String, PendingCreateDelivery>> records, Consumer<?, ?> consumer) {
		List<ConsumerRecord<String, PendingCreateDelivery>> written = new ArrayList<>(records.size());
		for (ConsumerRecord<String, PendingCreateDelivery> record : records) {
			StoreWrite write = writeOf(record);
			try {
				this.metrics.timeStoreWrite(() -> this.store.upsert(write.assistant(), write.sourceEventId()));
				written.add(record);
			}
			catch (StoreUnavailableException ex) {
				this.outage.begin(ex);
				throw ex;
			}
			catch (RuntimeException ex) {
				forward(record, consumer, ex);
			}
		}
		return written;
	}

	/**
	 * Hands a failed record to the retry chain: the next retry topic or the dead-letter topic, as
	 * classified, with RETRYING or DEAD_LETTERED published once the broker acknowledged it.
	 */
	private void forward(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
		ListenerExecutionFailedException failed = new ListenerExecutionFailedException(
				"Sync of " + KafkaUtils.format(record) + " failed", KafkaUtils.getConsumerGroupId(), failure);
		try {
			this.recoverer.accept(record, consumer, failed);
		}
		catch (RuntimeException ex) {
			throw new ResultPublicationException("Could not forward " + KafkaUtils.format(record), ex);
		}
	}

	private StoreWrite writeOf(ConsumerRecord<String, PendingCreateDelivery> record) {
		return new StoreWrite(record.value().event().assistant(), record.value().event().eventId());
	}

}
