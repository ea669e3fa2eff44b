package io.assistantsync.worker.sync;

import java.time.Clock;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes the main pending-create topic a poll at a time through {@link PendingCreateSync}. What a batch
 * listener must do itself: hand each record that failed alone to Spring Kafka's recoverer for the retry chain,
 * exactly as the retry topics' error handler would (so it goes to {@code -retry-1000} or {@code -dlt} with the
 * standard headers), then report the failed attempt. The container is created by
 * {@code WorkerKafkaConfiguration}: a {@code @KafkaListener} on the main topic would be taken for part of the
 * retry chain.
 */
@Component
class PendingCreateBatchListener implements BatchConsumerAwareMessageListener<String, PendingCreateDelivery> {

	/** The id (and bean name) of the main topic's listener container. */
	static final String ID = "pending-create-batch";

	private final PendingCreateSync sync;

	private final DeadLetterPublishingRecoverer recoverer;

	private final FailedAttempts failedAttempts;

	private final Clock clock;

	PendingCreateBatchListener(PendingCreateSync sync,
			@Qualifier(RetryTopicsConfiguration.MAIN_TOPIC_RECOVERER) DeadLetterPublishingRecoverer recoverer,
			FailedAttempts failedAttempts, Clock clock) {
		this.sync = sync;
		this.recoverer = recoverer;
		this.failedAttempts = failedAttempts;
		this.clock = clock;
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, PendingCreateDelivery>> records, Consumer<?, ?> consumer) {
		this.sync.sync(records, (record, failure) -> forward(record, consumer, failure));
	}

	/**
	 * Hands a failed record to the retry chain, stamped with the time of the failure as the container stamps
	 * the failures of record listeners, then reports it.
	 * @throws ResultPublicationException when the record could not be forwarded or its outcome not published
	 */
	private void forward(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, RuntimeException failure) {
		ListenerExecutionFailedException failed = new ListenerExecutionFailedException(
				"Sync of " + KafkaUtils.format(record) + " failed", KafkaUtils.getConsumerGroupId(),
				new TimestampedException(failure, this.clock.instant()));
		try {
			this.recoverer.accept(record, consumer, failed);
			this.failedAttempts.recovered(record, failed);
		}
		catch (RuntimeException ex) {
			throw new ResultPublicationException("Could not forward " + KafkaUtils.format(record), ex);
		}
	}

}
