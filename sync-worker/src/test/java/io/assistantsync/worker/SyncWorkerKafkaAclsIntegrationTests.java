package io.assistantsync.worker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.Topics;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.testing.DocumentedAcls;
import io.assistantsync.testing.ScramKafka;
import io.assistantsync.testing.TestDatabase;
import io.assistantsync.testing.TestPostgres;
import io.assistantsync.worker.dlt.cli.DeadLetterCommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worker against a locked-down Kafka of its own: SASL/SCRAM-SHA-512, the standard authorizer, one user per
 * principal and exactly the ACLs of {@code docs/kafka-security.md}. The worker is configured only through
 * {@code spring.kafka.*} properties and uses the default topic and group names the page grants.
 */
class SyncWorkerKafkaAclsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String API_SERVICE = "api-service";

	private static final String SYNC_WORKER = "sync-worker";

	private static final String REPLAY_TOOL = "sync-worker-ops";

	private static final String DEAD_LETTER_TOPIC = Topics.PENDING_CREATE + "-dlt";

	private static ScramKafka kafka;

	private static TestDatabase database;

	private static ConfigurableApplicationContext worker;

	@BeforeAll
	static void startKafkaAndWorker() {
		kafka = ScramKafka.start();
		for (String user : List.of(API_SERVICE, SYNC_WORKER, REPLAY_TOOL)) {
			kafka.createUser(user, password(user));
		}
		kafka.allow(DocumentedAcls.read());
		database = TestPostgres.createDatabase("sync-worker-secured-kafka");
		List<String> arguments = new ArrayList<>();
		kafka.springProperties(SYNC_WORKER, password(SYNC_WORKER))
			.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		arguments.addAll(List.of("--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--server.port=0",
				"--assistants.topics.partitions=2"));
		worker = new SpringApplicationBuilder(SyncWorkerApplication.class).run(arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stopWorkerAndKafka() {
		try {
			if (worker != null) {
				worker.close();
			}
		}
		finally {
			if (database != null) {
				database.close();
			}
			if (kafka != null) {
				kafka.close();
			}
		}
	}

	@Test
	void shouldCreateItsTopicsAndReportKafkaUpUnderItsOwnPrincipal() throws Exception {
		Set<String> topics = kafka.admin().listTopics().names().get(10, TimeUnit.SECONDS);

		assertThat(topics).contains(Topics.PENDING_CREATE, Topics.SYNC_RESULTS, Topics.OPS_AUDIT, DEAD_LETTER_TOPIC)
			.anyMatch(topic -> topic.startsWith(Topics.PENDING_CREATE + "-retry-"));
		assertThat(worker.getBean("kafka", HealthIndicator.class).health(false).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void shouldSyncAnEventThatTheApiServicePublishedAndLetItReadTheResult() throws Exception {
		AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());

		try (KafkaProducer<String, byte[]> producer = producer(API_SERVICE)) {
			producer.send(SampleAssistants.record(Topics.PENDING_CREATE, event)).get(10, TimeUnit.SECONDS);
		}

		try (KafkaConsumer<String, byte[]> results = consumer(API_SERVICE, API_SERVICE)) {
			results.subscribe(List.of(Topics.SYNC_RESULTS));
			List<SyncResult> seen = new ArrayList<>();
			Awaitility.await("SYNCED for " + event.assistantId()).atMost(TIMEOUT).until(() -> {
				for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(200))) {
					seen.add(EventJson.mapper().readValue(record.value(), SyncResult.class));
				}
				return seen.stream()
					.anyMatch(result -> event.assistantId().equals(result.assistantId())
							&& result.status() == SyncResultStatus.SYNCED);
			});
			results.commitSync();
		}
		assertThat(worker.getBean(JdbcTemplate.class)
			.queryForObject("SELECT source_event_id FROM assistants WHERE id = ?", String.class, event.assistantId()))
			.isEqualTo(event.eventId());
	}

	@Test
	void shouldRefuseTheApiServiceOnTheRetryAndDeadLetterTopics() throws Exception {
		List<String> workerOnly = kafka.admin()
			.listTopics()
			.names()
			.get(10, TimeUnit.SECONDS)
			.stream()
			.filter(topic -> topic.startsWith(Topics.PENDING_CREATE + "-"))
			.sorted()
			.toList();
		assertThat(workerOnly).hasSizeGreaterThanOrEqualTo(2).contains(DEAD_LETTER_TOPIC);
		AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());

		try (KafkaProducer<String, byte[]> producer = producer(API_SERVICE)) {
			for (String topic : workerOnly) {
				ProducerRecord<String, byte[]> record = SampleAssistants.record(topic, event);
				// what a forged retry would carry: Spring Kafka's attempt counter and due time
				record.headers()
					.add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, ByteBuffer.allocate(4).putInt(5).array())
					.add(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
							ByteBuffer.allocate(8).putLong(System.currentTimeMillis()).array());

				assertThatThrownBy(() -> producer.send(record).get(10, TimeUnit.SECONDS)).as(topic)
					.hasCauseInstanceOf(TopicAuthorizationException.class);
			}
		}
	}

	@Test
	void shouldReplayDeadLettersWithTheCommandLineUnderItsOwnPrincipal() throws Exception {
		String key = SampleAssistants.newId();
		try (KafkaProducer<String, byte[]> producer = producer(API_SERVICE)) {
			producer.send(SampleAssistants.record(Topics.PENDING_CREATE, key, SampleAssistants.poisonPill(), key))
				.get(10, TimeUnit.SECONDS);
		}
		Awaitility.await("the poison pill dead-lettered")
			.atMost(TIMEOUT)
			.until(() -> !recordsOf(DEAD_LETTER_TOPIC, key).isEmpty());
		long auditsBefore = recordsOf(Topics.OPS_AUDIT, null).size();

		int exit = runCommandLine(REPLAY_TOOL, "replay", "--assistant-id", key);

		assertThat(exit).isZero();
		assertThat(recordsOf(Topics.PENDING_CREATE, key)).anySatisfy(record -> assertThat(
				record.headers().lastHeader(EventHeaders.REPLAY_OF)).as("a replayed record").isNotNull());
		assertThat(recordsOf(Topics.OPS_AUDIT, null)).hasSize((int) auditsBefore + 1);
	}

	// the command line reads the worker's configuration like the process does: the environment, here as system
	// properties, set only for this run
	private static int runCommandLine(String user, String... arguments) {
		Map<String, String> properties = kafka.springProperties(user, password(user));
		Map<String, String> previous = new LinkedHashMap<>();
		properties.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
		try {
			return DeadLetterCommandLine.run(arguments);
		}
		finally {
			previous.forEach((name, value) -> {
				if (value != null) {
					System.setProperty(name, value);
				}
				else {
					System.clearProperty(name);
				}
			});
		}
	}

	private static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, String key) {
		return kafka.records(topic).stream().filter(record -> key == null || key.equals(record.key())).toList();
	}

	/** A producer like the api-service's outbox relay: idempotent, acknowledged by all replicas. */
	private static KafkaProducer<String, byte[]> producer(String user) {
		Map<String, Object> config = new LinkedHashMap<>(kafka.clientProperties(user, password(user)));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	private static KafkaConsumer<String, byte[]> consumer(String user, String group) {
		Map<String, Object> config = new LinkedHashMap<>(kafka.clientProperties(user, password(user)));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	private static String password(String user) {
		return user + "-secret";
	}

}
