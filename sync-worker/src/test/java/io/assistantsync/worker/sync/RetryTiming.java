package io.assistantsync.worker.sync;

import java.time.Duration;
import java.util.List;

import io.assistantsync.common.event.SyncResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the spacing of attempts from their results: attempt n+1 never happens before the due time announced
 * by attempt n's RETRYING result, and happens soon after it.
 */
final class RetryTiming {

	/** How late a retry may fire on a busy two-core machine. */
	static final Duration TOLERANCE = Duration.ofMillis(1500);

	private RetryTiming() {
	}

	static void assertSpacing(List<SyncResult> outcomes, Duration... delays) {
		assertThat(outcomes).hasSizeGreaterThan(delays.length);
		for (int i = 0; i < delays.length; i++) {
			SyncResult failed = outcomes.get(i);
			SyncResult next = outcomes.get(i + 1);
			assertThat(Duration.between(failed.occurredAt(), failed.nextAttemptAt()))
				.as("announced delay after attempt %d", failed.attempt())
				.isBetween(delays[i].minusMillis(50), delays[i].plusMillis(50));
			assertThat(next.occurredAt()).as("attempt %d is not early", next.attempt())
				.isAfterOrEqualTo(failed.nextAttemptAt());
			assertThat(Duration.between(failed.nextAttemptAt(), next.occurredAt()))
				.as("attempt %d fires soon after it is due", next.attempt())
				.isLessThan(TOLERANCE);
		}
	}

}
