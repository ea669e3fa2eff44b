package io.assistantsync.worker.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.assistantsync.common.event.DeadLetterReplayAudited;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.json.Timestamps;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventTypes;

/**
 * Writes one {@code ops.dlt-replay.v1} event per replay run, dry or not, to the ops-audit topic: who ran it
 * (the {@link Operator} the entry point names), when, with which filters, and what it replayed and skipped.
 * Keyed by the event id; the CloudEvents subject is the dead-letter topic.
 */
class ReplayAuditor {

	/** The {@code ce_source} of audit events. */
	static final String SOURCE = "/sync-worker/dlt";

	private final String topic;

	private final Clock clock;

	ReplayAuditor(String topic, Clock clock) {
		this.topic = topic;
		this.clock = clock;
	}

	/**
	 * Writes the audit event of a run and waits for its acknowledgement.
	 * @param producer the run's producer
	 * @param request what was asked
	 * @param report what was done
	 * @param operator who asked
	 * @return the event written
	 * @throws IllegalStateException when the event could not be written
	 */
	DeadLetterReplayAudited record(Producer<byte[], byte[]> producer, ReplayRequest request, ReplayReport report,
			Operator operator) {
		Instant now = Timestamps.toMillis(this.clock.instant());
		DeadLetterReplayAudited event = new DeadLetterReplayAudited(report.auditEventId(), now, operator.by(),
				operator.actor(), request.filter().toAudited(), request.dryRun(), request.fromBeginning(),
				request.force(), report.replayed().size(), report.skipped().size(), report.skippedByReason());
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(this.topic, null,
				event.eventId().getBytes(StandardCharsets.UTF_8), EventJson.mapper().writeValueAsBytes(event),
				new CloudEventHeaders(event.eventId(), SOURCE, EventTypes.DLT_REPLAY_V1, now, report.topic())
					.toKafkaHeaders());
		try {
			Future<?> ack = producer.send(record);
			// bounded by the producer's delivery.timeout.ms
			producer.flush();
			ack.get();
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted writing the audit event " + event.eventId(), ex);
		}
		catch (ExecutionException | RuntimeException ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			throw new IllegalStateException(
					"The audit event " + event.eventId() + " could not be written to " + this.topic + ": " + cause,
					ex);
		}
	}

}
