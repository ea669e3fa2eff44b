package io.assistantsync.api.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

import io.assistantsync.api.system.KafkaReachability;

/**
 * The outbox meters: {@code assistants.outbox.backlog} and {@code assistants.outbox.oldest.age} (gauges,
 * read from the table at most once a second), {@code assistants.outbox.published} and
 * {@code assistants.outbox.send.failures} (counters) and {@code assistants.outbox.relay.batch} (timer).
 * Also tells {@link KafkaReachability} how the sends went.
 */
class OutboxMetrics implements RelayObserver {

	private static final Duration SNAPSHOT_VALIDITY = Duration.ofSeconds(1);

	private final Outbox outbox;

	private final KafkaReachability kafka;

	private final Clock clock;

	private final Counter published;

	private final Counter failed;

	private final Timer batches;

	private volatile Snapshot snapshot;

	OutboxMetrics(Outbox outbox, KafkaReachability kafka, MeterRegistry meters, Clock clock) {
		this.outbox = outbox;
		this.kafka = kafka;
		this.clock = clock;
		this.published = Counter.builder("assistants.outbox.published")
			.description("Outbox records acknowledged by Kafka")
			.register(meters);
		this.failed = Counter.builder("assistants.outbox.send.failures")
			.description("Outbox records whose send failed or was not acknowledged in time")
			.register(meters);
		this.batches = Timer.builder("assistants.outbox.relay.batch")
			.description("One relay batch, from claim to the last acknowledgement")
			.publishPercentileHistogram()
			.register(meters);
		Gauge.builder("assistants.outbox.backlog", this, (metrics) -> metrics.backlog().count())
			.description("Outbox records waiting for Kafka")
			.register(meters);
		TimeGauge.builder("assistants.outbox.oldest.age", this, TimeUnit.MILLISECONDS,
				(metrics) -> metrics.backlog().oldestAge().toMillis())
			.description("Age of the oldest outbox record waiting for Kafka")
			.register(meters);
	}

	@Override
	public void batchRelayed(int published, int failed, Duration took) {
		this.published.increment(published);
		this.failed.increment(failed);
		this.batches.record(took);
		if (failed > 0) {
			this.kafka.sendFailed();
		}
		else {
			this.kafka.sendSucceeded();
		}
	}

	private OutboxBacklog backlog() {
		Instant now = this.clock.instant();
		Snapshot current = this.snapshot;
		if (current == null || current.takenAt().plus(SNAPSHOT_VALIDITY).isBefore(now)) {
			current = new Snapshot(this.outbox.backlog(), now);
			this.snapshot = current;
		}
		return current.backlog();
	}

	private record Snapshot(OutboxBacklog backlog, Instant takenAt) {
	}

}
