package io.assistantsync.common.boot;

import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.KafkaException;

import static org.assertj.core.api.Assertions.assertThat;

class TopicCreatorTests {

	@Test
	void shouldRetryWhenKafkaDoesNotAnswerInTime() {
		// what KafkaAdmin.initialize() throws after the context started while no broker answers
		assertThat(TopicCreator.isTransient(new IllegalStateException("Could not configure topics",
				new TimeoutException()))).isTrue();
		assertThat(TopicCreator.isTransient(new IllegalStateException("Could not configure topics",
				new KafkaException("Failed to create topics",
						new org.apache.kafka.common.errors.TimeoutException("Timed out waiting for a node")))))
			.isTrue();
	}

	@Test
	void shouldNotRetryWhenTheBrokerRefuses() {
		assertThat(TopicCreator.isTransient(new IllegalStateException("Could not configure topics",
				new KafkaException("Failed to create topics", new TopicAuthorizationException("denied")))))
			.isFalse();
	}

}
