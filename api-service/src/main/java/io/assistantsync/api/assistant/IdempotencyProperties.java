package io.assistantsync.api.assistant;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency keys of {@code POST /api/assistants} ({@code assistants.idempotency.*}).
 *
 * @param retention how long a key answers with its first response; docs/contract.md promises 24 h
 * ({@code ASSISTANTS_IDEMPOTENCY_RETENTION})
 * @param cleanupInterval how often expired keys are deleted ({@code ASSISTANTS_IDEMPOTENCY_CLEANUP_INTERVAL})
 * @param cleanupBatchSize keys deleted per statement, so that a large cleanup never holds long locks
 * ({@code ASSISTANTS_IDEMPOTENCY_CLEANUP_BATCH_SIZE})
 */
@Validated
@ConfigurationProperties("assistants.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") @DurationMin(minutes = 1) Duration retention,
		@DefaultValue("10m") @DurationMin(seconds = 1) Duration cleanupInterval,
		@DefaultValue("1000") @Min(1) @Max(100_000) int cleanupBatchSize) {
}
