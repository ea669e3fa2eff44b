package io.assistantsync.worker.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.support.TopicForRetryable;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import io.assistantsync.common.boot.TopicCreator;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.fixtures.InJvmKafka;
import io.assistantsync.testing.NoBrokerYet;
import io.assistantsync.testing.SharedInfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker started while no broker listens on its bootstrap address creates its topics, the retry and
 * dead-letter topics Spring Kafka derives included, with its own partition count, once a broker starts
 * there, without a restart. The broker creates no topic on its own, so only the worker's admin can have
 * created them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "assistants.topics.partitions=3", "spring.kafka.admin.operation-timeout=2s",
				"spring.kafka.admin.close-timeout=1s" })
@ContextConfiguration(initializers = { SharedInfrastructureInitializer.class,
		NoBrokerYet.class })
@DirtiesContext
class RetryTopicCreationIntegrationTests {

	private static InJvmKafka broker;

	@Autowired
	TopicsProperties topics;

	@Autowired
	TopicCreator creator;

	@Autowired
	ApplicationContext context;

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void shouldCreateItsTopicsAndItsRetryTopicsOnceKafkaAnswers() throws Exception {
		List<String> expected = new ArrayList<>(
				List.of(this.topics.pendingCreate(), this.topics.syncResults(), this.topics.opsAudit()));
		this.context.getBeansOfType(TopicForRetryable.class).values().forEach((topic) -> expected.add(topic.name()));
		assertThat(expected).contains(this.topics.pendingCreate() + "-dlt", this.topics.pendingCreate() + "-retry-1000");
		assertThat(this.creator.isCreated()).isFalse();

		broker = InJvmKafka.start(NoBrokerYet.PORT, 1, false);
		await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(this.creator::isCreated);

		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			Map<String, TopicDescription> described = admin.describeTopics(expected)
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			assertThat(described).containsOnlyKeys(expected)
				.allSatisfy((name, topic) -> assertThat(topic.partitions()).as(name).hasSize(3));
		}
	}

}
