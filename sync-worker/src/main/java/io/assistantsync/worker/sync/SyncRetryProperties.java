package io.assistantsync.worker.sync;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The retry policy of failed syncs ({@code sync.retry.*}, docs/contract.md §3). Attempt n+1 is due
 * {@code initialDelay × multiplier^(n−1)} (at most {@code maxDelay}) after attempt n fails; the retry topics
 * are named after these delays ({@code -retry-1000} …), so other values give other topic names.
 *
 * @param attempts attempts in all, the first delivery included; after the last the record is dead-lettered
 * @param initialDelay delay before the second attempt
 * @param multiplier growth of the delay from one attempt to the next
 * @param maxDelay the longest delay between two attempts
 */
@Validated
@ConfigurationProperties("sync.retry")
public record SyncRetryProperties(@DefaultValue("5") @Min(1) @Max(20) int attempts,
		@DefaultValue("1s") @NotNull Duration initialDelay, @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
		@DefaultValue("8s") @NotNull Duration maxDelay) {
}
