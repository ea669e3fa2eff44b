package io.assistantsync.worker.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncError;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.id.DerivedIds;
import io.assistantsync.common.json.Timestamps;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.common.boot.TopicsProperties;

/**
 * Publishes one sync result per attempt outcome on the sync-results topic, keyed by the assistant id, with
 * CloudEvents headers and an id derived from (source event, attempt, status), and waits for the broker's
 * acknowledgement: a record's offset is committed only after its result is durable.
 */
@Component
class SyncResultPublisher {

	static final String SOURCE = "/sync-worker";

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private final KafkaTemplate<Object, Object> kafka;

	private final String topic;

	private final int maxAttempts;

	private final Clock clock;

	SyncResultPublisher(KafkaTemplate<Object, Object> kafka, TopicsProperties topics, SyncRetryProperties retry,
			Clock clock) {
		this.kafka = kafka;
		this.topic = topics.syncResults();
		this.maxAttempts = retry.attempts();
		this.clock = clock;
	}

	/**
	 * Publishes SYNCED for many subjects with one flush, then waits for every acknowledgement.
	 * @param subjects what was synced, each on its attempt
	 */
	void syncedAll(List<SyncSubject> subjects) {
		if (subjects.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		List<CompletableFuture<?>> acks = new ArrayList<>(subjects.size());
		for (SyncSubject subject : subjects) {
			acks.add(send(record(subject, SyncResultStatus.SYNCED, now, null, null)));
		}
		await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)),
				"SYNCED of " + subjects.size() + " assistants");
	}

	void retrying(SyncSubject subject, Instant failedAt, Instant nextAttemptAt, SyncError error) {
		publish(subject, SyncResultStatus.RETRYING, failedAt, nextAttemptAt, error);
	}

	void deadLettered(SyncSubject subject, Instant failedAt, SyncError error) {
		publish(subject, SyncResultStatus.DEAD_LETTERED, failedAt, null, error);
	}

	/**
	 * Publishes a result and waits for its acknowledgement.
	 * @param occurredAt when the outcome was decided: the store commit, or the failure of the attempt
	 */
	private void publish(SyncSubject subject, SyncResultStatus status, Instant occurredAt, Instant nextAttemptAt,
			SyncError error) {
		await(send(record(subject, status, occurredAt, nextAttemptAt, error)), status + " of " + subject);
	}

	private ProducerRecord<Object, Object> record(SyncSubject subject, SyncResultStatus status, Instant occurredAt,
			Instant nextAttemptAt, SyncError error) {
		int attempt = subject.attempt();
		Instant at = Timestamps.toMillis(occurredAt);
		String eventId = DerivedIds.syncResultId(subject.sourceEventId(), subject.replay(), attempt, status.name());
		SyncResult outcome = new SyncResult(eventId, subject.sourceEventId(),
				subject.assistantId(), subject.version(), status, attempt, this.maxAttempts,
				(nextAttemptAt != null) ? Timestamps.toMillis(nextAttemptAt) : null, error, at);
		return new ProducerRecord<>(this.topic, null, subject.assistantId(), outcome,
				new CloudEventHeaders(eventId, SOURCE, EventTypes.SYNC_RESULT_V1, at, subject.assistantId())
					.toKafkaHeaders());
	}

	private CompletableFuture<?> send(ProducerRecord<Object, Object> record) {
		try {
			return this.kafka.send(record);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static void await(CompletableFuture<?> acks, String what) {
		try {
			acks.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ResultPublicationException("Interrupted publishing " + what, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new ResultPublicationException("Could not publish " + what, ex);
		}
	}

}
