package io.assistantsync.api.assistant;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Deletes idempotency keys older than the retention, in batches, every cleanup interval, so the table
 * holds about one retention period of keys. Safe to run on several instances at once.
 */
@Component
class IdempotencyKeyCleanup extends PeriodicJob {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

	private final IdempotencyKeys keys;

	private final IdempotencyProperties properties;

	private final Clock clock;

	IdempotencyKeyCleanup(IdempotencyKeys keys, IdempotencyProperties properties, TaskScheduler scheduler,
			Clock clock) {
		super("Idempotency key cleanup", scheduler, clock, properties.cleanupInterval(), true);
		this.keys = keys;
		this.properties = properties;
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

	@Override
	void runOnce() {
		deleteExpired();
	}

}
