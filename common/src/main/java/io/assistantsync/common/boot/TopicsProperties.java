package io.assistantsync.common.boot;

import org.apache.kafka.clients.admin.NewTopic;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.validation.annotation.Validated;

import io.assistantsync.common.kafka.Topics;

/**
 * Topic names ({@code assistants.topics.*}) and the shape of the topics a service creates, the same keys in
 * both services. Retry and dead-letter topic names are derived from {@code pendingCreate} by Spring Kafka.
 *
 * @param pendingCreate where pending-create events go
 * @param syncResults where sync results go
 * @param opsAudit where dead-letter replay runs are recorded
 * @param partitions partitions of the topics a service creates (retry and dead-letter topics get at least as
 * many as the pending-create topic)
 * @param replicationFactor replicas of the topics a service creates (1 for a single local broker; 3 is usual
 * in production)
 */
@Validated
@ConfigurationProperties("assistants.topics")
public record TopicsProperties(@DefaultValue(Topics.PENDING_CREATE) @NotBlank String pendingCreate,
		@DefaultValue(Topics.SYNC_RESULTS) @NotBlank String syncResults,
		@DefaultValue(Topics.OPS_AUDIT) @NotBlank String opsAudit, @DefaultValue("6") @Min(1) int partitions,
		@DefaultValue("1") @Min(1) int replicationFactor) {

	/**
	 * A topic of this shape, for {@code KafkaAdmin} to create when it is missing (an existing topic keeps its
	 * partitions).
	 * @param name the topic name
	 * @return the topic
	 */
	public NewTopic newTopic(String name) {
		return TopicBuilder.name(name).partitions(this.partitions).replicas(this.replicationFactor).build();
	}

}
