package io.assistantsync.worker.sync;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The worker's meters: {@code sync.attempts} by outcome and exception type, {@code sync.store.write}
 * latency, {@code sync.dead.letters} by exception type and {@code sync.end.to.end} (from the change: the
 * snapshot's updatedAt, or a delete's occurredAt, to SYNCED). The pause gauge lives with {@link StoreOutage}.
 */
@Component
class SyncMetrics {

	private final MeterRegistry meters;

	private final Timer storeWrite;

	private final Timer endToEnd;

	SyncMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.storeWrite = Timer.builder("sync.store.write")
			.description("Latency of one upsert into the authoritative store")
			.publishPercentileHistogram()
			.register(meters);
		this.endToEnd = Timer.builder("sync.end.to.end")
			.description("From the change (the snapshot's updatedAt, a delete's occurredAt) to its SYNCED result")
			.publishPercentileHistogram()
			.register(meters);
	}

	<T> T timeStoreWrite(Supplier<T> write) {
		return this.storeWrite.record(write);
	}

	void synced(Duration sinceChanged) {
		attempt("synced", "none");
		this.endToEnd.record(sinceChanged.isNegative() ? Duration.ZERO : sinceChanged);
	}

	void retrying(String exceptionType) {
		attempt("retrying", exceptionType);
	}

	void deadLettered(String exceptionType) {
		attempt("dead_lettered", exceptionType);
		Counter.builder("sync.dead.letters")
			.description("Records sent to the dead-letter topic")
			.tag("exception", exceptionType)
			.register(this.meters)
			.increment();
	}

	private void attempt(String outcome, String exceptionType) {
		Counter.builder("sync.attempts")
			.description("Sync attempts by outcome")
			.tag("outcome", outcome)
			.tag("exception", exceptionType)
			.register(this.meters)
			.increment();
	}

}
