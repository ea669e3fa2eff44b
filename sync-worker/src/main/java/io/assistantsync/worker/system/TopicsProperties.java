package io.assistantsync.worker.system;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.assistantsync.common.kafka.Topics;

/**
 * Topic names ({@code assistants.topics.*}) and the partition count of the topics this service creates.
 * Retry and dead-letter topic names are derived from {@code pendingCreate} by Spring Kafka.
 *
 * @param pendingCreate where pending-create events come from
 * @param syncResults where sync results go
 * @param opsAudit where dead-letter replay runs are recorded
 * @param partitions partitions of the pending-create topic and, at least, of its retry and dead-letter topics
 * @param replicationFactor replicas of the topics this service creates (1 for a single local broker; 3 is
 * usual in production)
 */
@Validated
@ConfigurationProperties("assistants.topics")
public record TopicsProperties(@DefaultValue(Topics.PENDING_CREATE) @NotBlank String pendingCreate,
		@DefaultValue(Topics.SYNC_RESULTS) @NotBlank String syncResults,
		@DefaultValue(Topics.OPS_AUDIT) @NotBlank String opsAudit, @DefaultValue("6") @Min(1) int partitions,
		@DefaultValue("1") @Min(1) int replicationFactor) {
}
