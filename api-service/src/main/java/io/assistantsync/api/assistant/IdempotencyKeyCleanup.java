package io.assistantsync.api.assistant;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Deletes idempotency keys older than the retention, in batches, every cleanup interval, so the table
 * holds about one retention period of keys. Safe to run on several instances at once.
 */
@Component
class IdempotencyKeyCleanup implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

	private final IdempotencyKeys keys;

	private final IdempotencyProperties properties;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private volatile ScheduledFuture<?> schedule;

	IdempotencyKeyCleanup(IdempotencyKeys keys, IdempotencyProperties properties, TaskScheduler scheduler,
			Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * Deletes every expired key, one batch per statement.
	 * @return how many keys were deleted
	 */
	int deleteExpired() {
		Instant expiredBefore = this.clock.instant().minus(this.properties.retention());
		int total = 0;
		int deleted;
		do {
			deleted = this.keys.deleteExpired(expiredBefore, this.properties.cleanupBatchSize());
			total += deleted;
		}
		while (deleted == this.properties.cleanupBatchSize());
		if (total > 0) {
			log.info("Deleted {} idempotency keys older than {}", total, this.properties.retention());
		}
		return total;
	}

	private void runQuietly() {
		try {
			deleteExpired();
		}
		catch (RuntimeException ex) {
			log.warn("Idempotency key cleanup failed; next try in {}: {}", this.properties.cleanupInterval(),
					ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.schedule = this.scheduler.scheduleWithFixedDelay(this::runQuietly,
				this.clock.instant().plus(this.properties.cleanupInterval()), this.properties.cleanupInterval());
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = this.schedule;
		if (current != null) {
			current.cancel(false);
			this.schedule = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}
