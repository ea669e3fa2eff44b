package io.assistantsync.api.sync;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Consumption of sync results ({@code assistants.sync.*}).
 *
 * @param consumerGroup the consumer group shared by all instances, so that each result updates the
 * database once ({@code ASSISTANTS_SYNC_CONSUMER_GROUP}); the per-instance stream listener uses this name
 * plus a random suffix and commits no offsets
 */
@Validated
@ConfigurationProperties("assistants.sync")
public record SyncProperties(@DefaultValue("api-service") @NotBlank String consumerGroup) {
}
