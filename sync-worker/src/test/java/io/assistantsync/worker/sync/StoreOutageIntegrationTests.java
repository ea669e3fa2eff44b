package io.assistantsync.worker.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.fixtures.StoreFaults;
import io.assistantsync.testing.RestartablePostgres;
import io.assistantsync.testing.SharedInfrastructureInitializer;
import io.assistantsync.testing.TestKafka;
import io.assistantsync.testing.TestPostgres;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.common.boot.TopicsProperties;

import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A two-minute outage of the authoritative store (its PostgreSQL server stopped): consumption pauses, no
 * attempt is used up, nothing is dead-lettered, and every record is synced once the server is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sync.store.outage-backoff-max=4s", "spring.datasource.hikari.connection-timeout=1000",
				// far shorter than the outage: a consumer that stopped polling would be evicted from its group
				"spring.kafka.consumer.properties.max.poll.interval.ms=15000" })
@ContextConfiguration(initializers = { SharedInfrastructureInitializer.class,
		StoreOutageIntegrationTests.OwnStoreInitializer.class })
class StoreOutageIntegrationTests {

	/** How long the store stays down; two minutes by default, shorter with -Dsync.test.outage=PT10S. */
	private static final Duration OUTAGE = Duration.parse(System.getProperty("sync.test.outage", "PT2M"));

	private static final RestartablePostgres store = TestPostgres.startRestartable();

	@Autowired
	TopicsProperties topics;

	@Autowired
	StoreOutage outage;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	@Value("${spring.kafka.consumer.group-id}")
	String groupId;

	private String storeHealth() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		return EventJson.mapper().readTree(health.body()).path("components").path("store").path("status").asString();
	}

	private Set<String> groupMembers() throws Exception {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(this.groupId))
				.describedGroups()
				.get(this.groupId)
				.get();
			return group.members().stream().map(MemberDescription::consumerId).collect(Collectors.toSet());
		}
	}

	@AfterAll
	static void stopStore() {
		store.close();
	}

	@Test
	void shouldPauseDuringAnOutageAndSyncEverythingAfterIt() throws Exception {
		try (TopicReader results = new TopicReader(this.topics.syncResults());
				TopicReader deadLetters = new TopicReader(this.topics.pendingCreate() + "-dlt")) {
			// one record is already on the retry path when the store goes down
			AssistantCreationRequested retried = SampleAssistants.pendingCreate(SampleAssistants.assistant());
			new StoreFaults(Objects.requireNonNull(this.jdbc.getDataSource())::getConnection).fail(retried.assistantId(), "40001", 1);
			TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), retried));
			SyncResults.await(results, retried.assistantId(), SyncResultStatus.RETRYING, Duration.ofSeconds(30));

			store.stop();
			List<AssistantCreationRequested> events = new ArrayList<>();
			List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
				events.add(event);
				records.add(SampleAssistants.record(this.topics.pendingCreate(), event));
			}
			TopicReader.send(records.toArray(ProducerRecord[]::new));

			await().atMost(Duration.ofSeconds(30)).until(this.outage::isActive);
			Set<String> membersBefore = groupMembers();
			assertThat(this.meters.get("sync.store.paused").gauge().value()).isEqualTo(1.0);
			assertThat(storeHealth()).isEqualTo("DOWN");
			await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofSeconds(5)).until(() -> {
				boolean nothingDeadLettered = deadLetters.seen(r -> true).isEmpty();
				boolean noAttemptUsed = results.seen(r -> true)
					.stream()
					.map(SyncResults::parse)
					.noneMatch(result -> result.status() == SyncResultStatus.DEAD_LETTERED
							|| result.attempt() > 1 && result.status() == SyncResultStatus.RETRYING);
				return nothingDeadLettered && noAttemptUsed && this.outage.isActive();
			});

			assertThat(groupMembers()).as("consumers kept their group membership").isEqualTo(membersBefore);
			store.start();

			for (AssistantCreationRequested event : events) {
				List<SyncResult> outcomes = SyncResults.await(results, event.assistantId(),
						SyncResultStatus.SYNCED, Duration.ofSeconds(60));
				// at-least-once: a redelivery may repeat the result, with the same id
				assertThat(outcomes).extracting(SyncResult::status, SyncResult::attempt)
					.containsOnly(org.assertj.core.groups.Tuple.tuple(SyncResultStatus.SYNCED, 1));
				assertThat(outcomes).extracting(SyncResult::eventId).containsOnly(outcomes.get(0).eventId());
			}
			assertThat(SyncResults.await(results, retried.assistantId(), SyncResultStatus.SYNCED,
					Duration.ofSeconds(60)))
				.extracting(SyncResult::status, SyncResult::attempt)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(SyncResultStatus.RETRYING, 1),
						org.assertj.core.groups.Tuple.tuple(SyncResultStatus.SYNCED, 2));
			assertThat(deadLetters.seen(r -> true)).isEmpty();
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM assistants", Integer.class)).isEqualTo(21);
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.outage.isActive());
			assertThat(this.meters.get("sync.store.paused").gauge().value()).isZero();
			assertThat(storeHealth()).isEqualTo("UP");
		}
		finally {
			store.start();
		}
	}

	/**
	 * Points the worker at a PostgreSQL server of this test's own, which the test stops and starts.
	 */
	static class OwnStoreInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String url = store.createDatabase("authority");
			TestPropertyValues.of("spring.datasource.url=" + url, "spring.datasource.username=postgres",
					"spring.datasource.password=")
				.applyTo(context);
		}

	}

}
