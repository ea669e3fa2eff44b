package io.assistantsync.api.sync;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sync-events stream ({@code assistants.sse.*}).
 *
 * @param heartbeatInterval how often an idle stream gets a comment line, so that proxies keep it open
 * ({@code ASSISTANTS_SSE_HEARTBEAT_INTERVAL})
 * @param timeout the longest a stream stays open; a client reconnects with {@code Last-Event-ID}
 * ({@code ASSISTANTS_SSE_TIMEOUT})
 * @param recentResultsRetention how long this instance remembers the results it saw, for streams that
 * open while the database has not recorded them yet ({@code ASSISTANTS_SSE_RECENT_RESULTS_RETENTION})
 */
@Validated
@ConfigurationProperties("assistants.sse")
public record SseProperties(@DefaultValue("15s") @DurationMin(millis = 100) Duration heartbeatInterval,
		@DefaultValue("30m") @DurationMin(seconds = 1) Duration timeout,
		@DefaultValue("1m") @DurationMin(seconds = 1) Duration recentResultsRetention) {
}
