package io.assistantsync.worker.dlt;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces republished records evenly so that a replay never sends more than its rate, protecting the
 * worker and the authoritative store from a burst of thousands of records at once.
 */
class ReplayPacer {

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private long nextAt;

	private boolean started;

	ReplayPacer(long intervalNanos, LongSupplier nanoTime, Sleeper sleeper) {
		this.intervalNanos = intervalNanos;
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
	}

	/**
	 * A pacer for a rate.
	 * @param perSecond records per second, or {@code null} for no limit
	 * @return the pacer, new for each run
	 */
	static ReplayPacer of(Double perSecond) {
		return of(perSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
	}

	static ReplayPacer of(Double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
		long intervalNanos = (perSecond != null) ? Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / perSecond))
				: 0;
		return new ReplayPacer(intervalNanos, nanoTime, sleeper);
	}

	/**
	 * Waits until the next record may be sent; the first may go at once.
	 * @throws InterruptedException when the run is interrupted while waiting
	 */
	void awaitTurn() throws InterruptedException {
		if (this.intervalNanos == 0) {
			return;
		}
		long now = this.nanoTime.getAsLong();
		if (this.started && this.nextAt - now > 0) {
			this.sleeper.sleep(this.nextAt - now);
			now = this.nextAt;
		}
		this.started = true;
		this.nextAt = now + this.intervalNanos;
	}

	/**
	 * Waits for a time.
	 */
	@FunctionalInterface
	interface Sleeper {

		void sleep(long nanos) throws InterruptedException;

	}

}
