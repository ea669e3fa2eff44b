package io.assistantsync.api.system;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics this service writes and reads, created at start-up when they are missing (an existing
 * topic keeps its partitions). When Kafka is down at start-up the service starts anyway.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

	@Bean
	NewTopic pendingCreateTopic(TopicsProperties topics) {
		return TopicBuilder.name(topics.pendingCreate()).partitions(topics.partitions()).build();
	}

	@Bean
	NewTopic syncResultsTopic(TopicsProperties topics) {
		return TopicBuilder.name(topics.syncResults()).partitions(topics.partitions()).build();
	}

}
