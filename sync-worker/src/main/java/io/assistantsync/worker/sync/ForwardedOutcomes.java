package io.assistantsync.worker.sync;

import java.time.Clock;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.TimestampedException;
import org.springframework.kafka.retrytopic.RetryTopicConstants;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;

import io.assistantsync.common.event.SyncError;

/**
 * Reports a failed attempt once Spring Kafka has forwarded its record and the broker acknowledged it: a
 * RETRYING result with the due time of the next attempt when it went to a retry topic, a DEAD_LETTERED
 * result when it went to the dead-letter topic. So a client never hears of a retry or a dead letter that
 * did not happen.
 */
@Component
class ForwardedOutcomes {

	private static final Logger logger = LoggerFactory.getLogger(ForwardedOutcomes.class);

	private final SyncResultPublisher results;

	private final SyncMetrics metrics;

	private final Clock clock;

	ForwardedOutcomes(SyncResultPublisher results, SyncMetrics metrics, Clock clock) {
		this.results = results;
		this.metrics = metrics;
		this.clock = clock;
	}

	void forwarded(ConsumerRecord<?, ?> failed, ProducerRecord<?, ?> forwarded, Exception failure) {
		int attempt = RetryHeaders.attempt(failed.headers());
		Instant failedAt = failedAt(failure);
		SyncError error = SyncErrors.of(failure);
		SyncSubject subject = SyncSubject.of(failed);
		if (forwarded.topic().endsWith(RetryTopicConstants.DEFAULT_DLT_SUFFIX)) {
			logger.warn("Dead-lettered {} after attempt {}: {} {}", KafkaUtils.format(failed), attempt, error.type(),
					error.message());
			this.metrics.deadLettered(error.type());
			if (subject != null) {
				this.results.deadLettered(subject, attempt, failedAt, error);
			}
		}
		else {
			logger.info("Attempt {} of {} failed, retrying via {}: {}", attempt, subject, forwarded.topic(),
					error.message());
			this.metrics.retrying(error.type());
			if (subject != null) {
				this.results.retrying(subject, attempt, failedAt, RetryHeaders.dueAt(forwarded.headers()), error);
			}
		}
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
