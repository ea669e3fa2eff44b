package io.assistantsync.worker.sync;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The pending-create listeners ({@code sync.listener.*}).
 *
 * @param concurrency consumer threads of the main topic; 0 means one per CPU core, at most the partition count
 * @param retryConcurrency consumer threads of each retry topic; 0 means one per partition, so that records
 * falling due together in different partitions are retried side by side and each consumer goes on from a
 * forwarded record to the next one it already holds (see {@link #seeksAfterError(int)})
 * @param retryFetchMaxWait how long a retry topic consumer's fetch may wait for new data; a fetch in flight for
 * a partition that is paused until its record is due, or sought back after a failure, holds the next fetch
 * until it returns, so this bounds the delay it adds to the records behind; it also sets how often an idle
 * consumer asks (at 6 partitions, 24 retry consumers: 20 ms cost an idle worker and its broker 0.39 of a core,
 * 100 ms 0.17)
 * @param retryPollTimeout the longest a retry topic consumer blocks in one poll; while all its partitions are
 * paused until records fall due, a resume that lands just before the consumer polls again is only seen at the
 * end of that poll, so this bounds how late such a retry fires
 */
@Validated
@ConfigurationProperties("sync.listener")
public record SyncListenerProperties(@DefaultValue("0") @Min(0) int concurrency,
		@DefaultValue("0") @Min(0) int retryConcurrency, @DefaultValue("100ms") @NotNull Duration retryFetchMaxWait,
		@DefaultValue("250ms") @NotNull Duration retryPollTimeout) {

	/**
	 * The concurrency to use.
	 * @param partitions partitions of the pending-create topic
	 * @return the configured concurrency, or one thread per core up to {@code partitions}
	 */
	public int effectiveConcurrency(int partitions) {
		if (this.concurrency > 0) {
			return this.concurrency;
		}
		return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions));
	}

	/**
	 * The concurrency of each retry topic.
	 * @param partitions partitions of the retry topics
	 * @return the configured concurrency, or one thread per partition
	 */
	public int effectiveRetryConcurrency(int partitions) {
		return (this.retryConcurrency > 0) ? this.retryConcurrency : Math.max(1, partitions);
	}

	/**
	 * Whether a retry topic's error handler seeks back to the rest of a poll after a failed record. Without
	 * seeks, the records behind a forwarded one are processed from memory, with no fetch in between; but a
	 * record that is not due yet keeps the records behind it in memory too, the other partitions' included,
	 * so only a consumer that owns a single partition can do without.
	 * @param partitions partitions of the retry topics
	 * @return {@code true} when a retry topic consumer can own more than one partition
	 */
	public boolean seeksAfterError(int partitions) {
		return effectiveRetryConcurrency(partitions) < partitions;
	}

}
