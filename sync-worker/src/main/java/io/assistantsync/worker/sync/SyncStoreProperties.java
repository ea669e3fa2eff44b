package io.assistantsync.worker.sync;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.validation.annotation.Validated;

/**
 * The authoritative store ({@code sync.store.*}); its connection is {@code spring.datasource.*}, set from
 * {@code SYNC_STORE_JDBC_URL}, {@code SYNC_STORE_JDBC_USERNAME} and {@code SYNC_STORE_JDBC_PASSWORD}.
 *
 * @param statementTimeout longest a store statement may run before it is cancelled (a transient failure)
 * @param probeTimeout longest the outage probe waits for an answer
 * @param outageBackoffInitial first wait before a record is tried again while the store is unreachable
 * @param outageBackoffMax longest wait between tries while the store is unreachable; the outage itself
 * may last any time
 */
@Validated
@ConfigurationProperties("sync.store")
public record SyncStoreProperties(@DefaultValue("10s") @NotNull Duration statementTimeout,
		@DefaultValue("2s") @NotNull Duration probeTimeout, @DefaultValue("1s") @NotNull Duration outageBackoffInitial,
		@DefaultValue("30s") @NotNull Duration outageBackoffMax) {

	/**
	 * The back-off between tries while the store is unreachable: doubling up to {@code outageBackoffMax},
	 * without end.
	 * @return a new back-off
	 */
	public ExponentialBackOff outageBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.outageBackoffInitial.toMillis(), 2.0);
		backOff.setMaxInterval(this.outageBackoffMax.toMillis());
		return backOff;
	}

}
