package io.assistantsync.api.system;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.assistantsync.common.kafka.Topics;

/**
 * Topic names ({@code assistants.topics.*}) and the partition count used when this service creates them.
 *
 * @param pendingCreate where pending-create events go
 * @param syncResults where sync results come from
 * @param partitions partitions of the topics this service creates
 */
@Validated
@ConfigurationProperties("assistants.topics")
public record TopicsProperties(@DefaultValue(Topics.PENDING_CREATE) @NotBlank String pendingCreate,
		@DefaultValue(Topics.SYNC_RESULTS) @NotBlank String syncResults, @DefaultValue("6") @Min(1) int partitions) {
}
