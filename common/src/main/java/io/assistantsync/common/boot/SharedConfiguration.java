package io.assistantsync.common.boot;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import io.assistantsync.common.id.IdGenerator;

/**
 * What both services configure the same way: the topic properties, the clock of every timestamp they write
 * and the id generator (beans, so that tests can replace them), and the {@code kafka} health indicator.
 * Imported by each service's application class.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicsProperties.class)
public class SharedConfiguration {

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

}
