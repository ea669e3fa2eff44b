package io.assistantsync.api.sync;

import java.time.Duration;

import jakarta.validation.constraints.Min;
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
 * @param maxPendingEvents how many live events may wait for one client to read them; a stream with more is
 * dropped, and its client reconnects with {@code Last-Event-ID} ({@code ASSISTANTS_SSE_MAX_PENDING_EVENTS})
 * @param senderThreads the threads that write live events to all the clients of this instance; a client that
 * does not read holds up at most one of them, until the write to it times out (Tomcat's connection timeout)
 * ({@code ASSISTANTS_SSE_SENDER_THREADS})
 */
@Validated
@ConfigurationProperties("assistants.sse")
public record SseProperties(@DefaultValue("15s") @DurationMin(millis = 100) Duration heartbeatInterval,
		@DefaultValue("30m") @DurationMin(seconds = 1) Duration timeout,
		@DefaultValue("1m") @DurationMin(seconds = 1) Duration recentResultsRetention,
		@DefaultValue("100") @Min(1) int maxPendingEvents, @DefaultValue("4") @Min(1) int senderThreads) {
}
