package io.assistantsync.common.boot;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

import io.assistantsync.common.id.IdGenerator;

/**
 * What both services configure the same way: the topic properties, the clock of every timestamp they write
 * and the id generator (beans, so that tests can replace them), the {@code kafka} health indicator, and the
 * {@link TopicCreator} that creates the declared topics once Kafka answers when it did not at start-up.
 * Imported by each service's application class.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicsProperties.class)
public class SharedConfiguration {

	/** The pause between two tries to create the topics while Kafka does not answer. */
	private static final Duration TOPIC_CREATION_RETRY_DELAY = Duration.ofSeconds(2);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	IdGenerator idGenerator() {
		return new IdGenerator();
	}

	@Bean("kafka")
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		return new KafkaHealthIndicator(kafkaAdmin);
	}

	/**
	 * Active where Spring Boot creates topics at all ({@code spring.kafka.admin.auto-create}, on by default) and
	 * there is Kafka to create them on (test slices have no {@link KafkaAdmin}).
	 */
	@Bean
	TopicCreator topicCreator(ObjectProvider<KafkaAdmin> kafkaAdmin, Environment environment) {
		KafkaAdmin admin = kafkaAdmin.getIfAvailable();
		return new TopicCreator(admin, TOPIC_CREATION_RETRY_DELAY,
				admin != null && environment.getProperty("spring.kafka.admin.auto-create", Boolean.class, true));
	}

}
