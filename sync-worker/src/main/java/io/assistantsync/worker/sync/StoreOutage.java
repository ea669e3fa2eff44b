package io.assistantsync.worker.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Whether the authoritative store is in an outage. While it is, listeners stop writing: each record is
 * held where it is (retried in place with a growing back-off, see {@code RetryTopicsConfiguration}) and
 * only the cheap {@link AuthoritativeStore#probe() probe} runs until the store answers again. Exposed as
 * the gauge {@code sync.store.paused} and in the {@code store} health.
 */
@Component
public class StoreOutage {

	private static final Logger logger = LoggerFactory.getLogger(StoreOutage.class);

	private final AtomicReference<Instant> since = new AtomicReference<>();

	private final Clock clock;

	StoreOutage(Clock clock, MeterRegistry meters) {
		this.clock = clock;
		Gauge.builder("sync.store.paused", () -> isActive() ? 1 : 0)
			.description("1 while consumption is paused because the authoritative store is unreachable")
			.register(meters);
	}

	/**
	 * Whether an outage is going on.
	 * @return {@code true} from the first unreachable write until the store answers again
	 */
	public boolean isActive() {
		return this.since.get() != null;
	}

	/**
	 * When the outage began.
	 * @return the instant, or {@code null} when there is none
	 */
	public Instant since() {
		return this.since.get();
	}

	void begin(StoreUnavailableException cause) {
		if (this.since.compareAndSet(null, this.clock.instant())) {
			logger.warn("Authoritative store unreachable, pausing consumption until it answers: {}",
					rootMessage(cause));
		}
	}

	void end() {
		Instant began = this.since.getAndSet(null);
		if (began != null) {
			logger.info("Authoritative store answers again after {} ms, resuming consumption",
					this.clock.millis() - began.toEpochMilli());
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
