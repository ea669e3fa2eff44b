package io.assistantsync.worker.sync;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The pending-create listeners ({@code sync.listener.*}).
 *
 * @param concurrency consumer threads per topic (main and each retry topic); 0 means one per CPU core, at
 * most the partition count
 */
@Validated
@ConfigurationProperties("sync.listener")
public record SyncListenerProperties(@DefaultValue("0") @Min(0) int concurrency) {

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

}
