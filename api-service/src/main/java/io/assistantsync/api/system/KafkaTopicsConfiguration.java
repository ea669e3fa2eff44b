package io.assistantsync.api.system;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.assistantsync.common.boot.TopicsProperties;

/**
 * The topics this service writes and reads, created at start-up when they are missing (an existing
 * topic keeps its partitions). When Kafka is down at start-up the service starts anyway.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

	@Bean
	NewTopic pendingCreateTopic(TopicsProperties topics) {
		return topics.newTopic(topics.pendingCreate());
	}

	@Bean
	NewTopic syncResultsTopic(TopicsProperties topics) {
		return topics.newTopic(topics.syncResults());
	}

}
