package io.assistantsync.api.assistant;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The reconciler that republishes stale PENDING assistants ({@code assistants.reconcile.*}).
 *
 * @param enabled whether it runs; {@code GET /api/sync/status} counts stale assistants either way
 * ({@code ASSISTANTS_RECONCILE_ENABLED})
 * @param interval the pause between two runs ({@code ASSISTANTS_RECONCILE_INTERVAL})
 * @param staleAfter how long an assistant stays PENDING, with its event published and no result since, before it
 * is stale: longer than the sync worker's retries take, or its retries are republished too
 * ({@code ASSISTANTS_RECONCILE_STALE_AFTER})
 * @param batchSize the most assistants one run republishes, in one transaction
 * ({@code ASSISTANTS_RECONCILE_BATCH_SIZE})
 */
@Validated
@ConfigurationProperties("assistants.reconcile")
public record ReconcileProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("30s") @DurationMin(millis = 100) Duration interval,
		@DefaultValue("5m") @DurationMin(seconds = 1) Duration staleAfter,
		@DefaultValue("100") @Min(1) @Max(10_000) int batchSize) {
}
