package io.assistantsync.api.outbox;

import java.time.Duration;

/**
 * What waits in the outbox.
 *
 * @param count rows not yet acknowledged by Kafka
 * @param oldestAge age of the oldest of them, zero when there is none
 */
public record OutboxBacklog(long count, Duration oldestAge) {
}
