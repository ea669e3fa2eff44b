package io.assistantsync.api;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.testing.RestartablePostgres;
import io.assistantsync.testing.SharedInfrastructureInitializer;
import io.assistantsync.testing.TestKafka;
import io.assistantsync.testing.TestPostgres;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outage of the api-service's own database (its PostgreSQL server stopped, then started again on the same
 * port and data): requests that need it answer 503 with {@code Retry-After} within the pool's connection
 * timeout, liveness stays UP, and once the server is back the relay publishes what was accepted before, the
 * results that arrived meanwhile are recorded (their offsets were not committed before), and POSTs work
 * again, all without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "assistants.sync.consumer-group=api-service-${test.topic-prefix}",
				"assistants.outbox.backoff.initial=200ms", "assistants.outbox.backoff.max=1s",
				"assistants.security.mode=none" })
@ContextConfiguration(initializers = { SharedInfrastructureInitializer.class,
		DatabaseOutageIntegrationTests.OwnDatabaseInitializer.class })
@DirtiesContext
class DatabaseOutageIntegrationTests {

	private static final RestartablePostgres database = TestPostgres.startRestartable();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	@Autowired
	ApplicationContext context;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Value("${assistants.sync.consumer-group}")
	String resultsGroup;

	@AfterAll
	static void stopDatabase() {
		database.close();
	}

	@Test
	void shouldAnswer503DuringAnOutageAndCatchUpAfterIt() throws Exception {
		ApiTestClient client = new ApiTestClient(this.port);
		SmartLifecycle relay = this.context.getBean("outboxRelay", SmartLifecycle.class);
		try (TopicReader pendingCreate = new TopicReader(this.topics.pendingCreate());
				TopicReader syncResults = new TopicReader(this.topics.syncResults())) {
			String published = create(client, "published before the outage");
			pendingCreate.await((r) -> published.equals(r.key()), 1, Duration.ofSeconds(30));
			String publishedEvent = eventIdOf(published);

			// accepted, but not relayed before the database goes down
			relay.stop();
			String accepted = create(client, "accepted before the outage");
			database.stop();
			relay.start();

			SyncResult result = SyncResults.synced(published, publishedEvent, 1);
			TopicReader.send(SyncResults.record(this.topics.syncResults(), result));
			ConsumerRecord<String, byte[]> resultRecord = syncResults
				.await((r) -> published.equals(r.key()), 1, Duration.ofSeconds(30))
				.get(0);

			long started = System.nanoTime();
			assertUnavailable(client.postJson("/api/assistants", "{\"name\":\"during\",\"emoji\":\"🌩️\"}"));
			// within the pool's connection timeout (2 s), not after Hikari's default 30 s
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
			assertUnavailable(client.get("/api/assistants/" + published));
			assertUnavailable(client.get("/api/assistants"));
			assertUnavailable(client.get("/api/sync/status"));
			assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(503);

			// the result was delivered but could not be recorded: its offset stays uncommitted
			TopicPartition partition = new TopicPartition(resultRecord.topic(), resultRecord.partition());
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> committed(partition) <= resultRecord.offset());
			assertThat(this.listeners.getListenerContainer("sync-results").isRunning()).isTrue();
			assertThat(pendingCreate.seen((r) -> accepted.equals(r.key()))).isEmpty();

			database.start();

			pendingCreate.await((r) -> accepted.equals(r.key()), 1, Duration.ofSeconds(30));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(ApiTestClient.json(client.get("/api/assistants/" + published))
					.get("sync")
					.get("status")
					.stringValue()).isEqualTo("SYNCED"));
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM sync_results WHERE event_id = ?", Integer.class,
					result.eventId()))
				.isOne();
			await().atMost(Duration.ofSeconds(10)).until(() -> committed(partition) > resultRecord.offset());
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class)).isZero();
			String after = create(client, "after the outage");
			pendingCreate.await((r) -> after.equals(r.key()), 1, Duration.ofSeconds(30));
			assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
		finally {
			database.start();
		}
	}

	private static void assertUnavailable(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(ApiTestClient.json(response).get("status").asInt()).isEqualTo(503);
	}

	private String create(ApiTestClient client, String name) {
		HttpResponse<String> created = client.postJson("/api/assistants",
				"{\"name\":\"" + name + "\",\"emoji\":\"🗄️\"}");
		assertThat(created.statusCode()).isEqualTo(202);
		return ApiTestClient.json(created).get("id").stringValue();
	}

	private String eventIdOf(String id) {
		return this.jdbc.queryForObject("SELECT sync_event_id FROM assistants WHERE id = ?", String.class, id);
	}

	/**
	 * The shared result group's committed offset of a partition, -1 when none is committed.
	 */
	private long committed(TopicPartition partition) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(this.resultsGroup)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			OffsetAndMetadata offset = offsets.get(partition);
			return (offset != null) ? offset.offset() : -1;
		}
	}

	/**
	 * Points the service at a PostgreSQL server of this test's own, which the test stops and starts.
	 */
	static class OwnDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String url = database.createDatabase("api");
			TestPropertyValues.of("spring.datasource.url=" + url, "spring.datasource.username=postgres",
					"spring.datasource.password=")
				.applyTo(context);
		}

	}

}
