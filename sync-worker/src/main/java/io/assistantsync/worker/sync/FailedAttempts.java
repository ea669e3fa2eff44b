package io.assistantsync.worker.sync;

import java.time.Clock;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.listener.TimestampedException;
import org.springframework.kafka.retrytopic.DestinationTopic;
import org.springframework.kafka.retrytopic.DestinationTopicResolver;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;

import io.assistantsync.common.event.SyncError;

/**
 * Reports each failed attempt once Spring Kafka has forwarded its record and the broker acknowledged it: a
 * RETRYING result with the due time of the next attempt when it went to a retry topic, a DEAD_LETTERED
 * result when it went to the dead-letter topic. So a client never hears of a retry or a dead letter that did
 * not happen. A {@link RetryListener} of the retry topics' error handlers; the main topic's batch listener,
 * which forwards failed records itself, calls {@link #recovered(ConsumerRecord, Exception)} after each.
 * <p>
 * Where a record went is asked of Spring Kafka's {@link DestinationTopicResolver}, with the same arguments
 * its recoverer used; the next attempt is due the destination's delay after the failure, as the recoverer
 * wrote in the forwarded record's headers.
 */
@Component
class FailedAttempts implements RetryListener {

	private static final Logger logger = LoggerFactory.getLogger(FailedAttempts.class);

	private final SyncResultPublisher results;

	private final SyncMetrics metrics;

	private final ObjectProvider<DestinationTopicResolver> destinations;

	private final Clock clock;

	FailedAttempts(SyncResultPublisher results, SyncMetrics metrics,
			ObjectProvider<DestinationTopicResolver> destinations, Clock clock) {
		this.results = results;
		this.metrics = metrics;
		this.destinations = destinations;
		this.clock = clock;
	}

	/**
	 * Nothing to report: a delivery retried in place (the store is unreachable) uses up no attempt.
	 */
	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int deliveryAttempt) {
	}

	@Override
	public void recovered(ConsumerRecord<?, ?> record, @Nullable Exception failure) {
		Exception cause = (failure != null) ? failure : new IllegalStateException("unknown failure");
		int attempt = RetryHeaders.attempt(record.headers());
		DestinationTopic destination = this.destinations.getObject()
			.resolveDestinationTopic(PendingCreateListener.ID, record.topic(), attempt, cause,
					RetryHeaders.originalTimestamp(record));
		if (destination.isNoOpsTopic()) {
			return;
		}
		Instant failedAt = failedAt(cause);
		SyncError error = SyncErrors.of(cause);
		SyncSubject subject = SyncSubject.of(record);
		if (destination.isDltTopic()) {
			logger.warn("Dead-lettered {} after attempt {}: {} {}", KafkaUtils.format(record), attempt,
					error.type(), error.message());
			this.metrics.deadLettered(error.type());
			if (subject != null) {
				this.results.deadLettered(subject, failedAt, error);
			}
		}
		else {
			logger.info("Attempt {} of {} failed, retrying via {}: {}", attempt, subject,
					destination.getDestinationName(), error.message());
			this.metrics.retrying(error.type());
			if (subject != null) {
				this.results.retrying(subject, failedAt, failedAt.plusMillis(destination.getDestinationDelay()),
						error);
			}
		}
	}

	/**
	 * A whole batch that failed and was forwarded record by record.
	 */
	@Override
	public void recovered(ConsumerRecords<?, ?> records, Exception failure) {
		records.forEach(record -> recovered(record, failure));
	}

	/**
	 * When the attempt failed, as the listener container recorded it; the next attempt is due a delay after
	 * this instant.
	 */
	private Instant failedAt(Exception failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimestampedException timestamped) {
				return Instant.ofEpochMilli(timestamped.getTimestamp());
			}
		}
		return this.clock.instant();
	}

}
