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
 * @param retryConcurrency consumer threads of each retry topic; 0 means one per partition, at most one per CPU
 * core, so that records falling due together in different partitions are retried side by side without an
 * idle worker polling its four retry topics with a consumer per partition (a third of a core at 6
 * partitions)
 * @param retryFetchMaxWait how long a retry topic consumer's fetch may wait for new data; a failed record
 * makes Spring Kafka seek back to the rest of its poll, and the next fetch waits for the one in flight, so
 * this bounds the delay each failure adds to the records behind it
 * @param retryPollTimeout the longest a retry topic consumer blocks in one poll; while all its partitions are
 * paused until records fall due, a resume that lands just before the consumer polls again is only seen at the
 * end of that poll, so this bounds how late such a retry fires
 */
@Validated
@ConfigurationProperties("sync.listener")
public record SyncListenerProperties(@DefaultValue("0") @Min(0) int concurrency,
		@DefaultValue("0") @Min(0) int retryConcurrency, @DefaultValue("20ms") @NotNull Duration retryFetchMaxWait,
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
	 * @return the configured concurrency, or one thread per core up to {@code partitions}
	 */
	public int effectiveRetryConcurrency(int partitions) {
		if (this.retryConcurrency > 0) {
			return this.retryConcurrency;
		}
		return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions));
	}

}
