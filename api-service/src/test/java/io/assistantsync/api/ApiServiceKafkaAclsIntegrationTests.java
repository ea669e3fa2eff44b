package io.assistantsync.api;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.Topics;
import io.assistantsync.testing.DocumentedAcls;
import io.assistantsync.testing.ScramKafka;
import io.assistantsync.testing.TestDatabase;
import io.assistantsync.testing.TestPostgres;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api-service against a locked-down Kafka of its own: SASL/SCRAM-SHA-512, the standard authorizer and exactly
 * the ACLs of {@code docs/kafka-security.md}, configured only through {@code spring.kafka.*} properties, with the
 * default topic and group names the page grants.
 */
class ApiServiceKafkaAclsIntegrationTests {

	private static final String API_SERVICE = "api-service";

	private static final String SYNC_WORKER = "sync-worker";

	private static ScramKafka kafka;

	private static TestDatabase database;

	private static ConfigurableApplicationContext api;

	@BeforeAll
	static void startKafkaAndApiService() {
		kafka = ScramKafka.start();
		for (String user : List.of(API_SERVICE, SYNC_WORKER)) {
			kafka.createUser(user, password(user));
		}
		kafka.allow(DocumentedAcls.read().stream()
			.filter(acl -> !acl.entry().principal().equals("User:sync-worker-ops"))
			.toList());
		database = TestPostgres.createDatabase("api-service-secured-kafka");
		List<String> arguments = new ArrayList<>();
		kafka.springProperties(API_SERVICE, password(API_SERVICE))
			.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		arguments.addAll(List.of("--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--server.port=0",
				"--assistants.topics.partitions=2", "--assistants.security.mode=none"));
		api = new SpringApplicationBuilder(ApiServiceApplication.class).run(arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stopApiServiceAndKafka() {
		try {
			if (api != null) {
				api.close();
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
		assertThat(kafka.admin().listTopics().names().get(10, TimeUnit.SECONDS)).contains(Topics.PENDING_CREATE,
				Topics.SYNC_RESULTS);
		assertThat(api.getBean("kafka", HealthIndicator.class).health(false).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void shouldRelayAnAssistantAndRecordItsSyncResult() throws Exception {
		ApiTestClient client = new ApiTestClient(((WebServerApplicationContext) api).getWebServer().getPort());
		HttpResponse<String> created = client.postJson("/api/assistants",
				"{\"name\":\"Locked down\",\"emoji\":\"🔒\"}");
		assertThat(created.statusCode()).isEqualTo(202);
		String id = ApiTestClient.json(created).get("id").stringValue();

		ConsumerRecord<String, byte[]> relayed = Awaitility.await("the outbox relay publishing " + id)
			.atMost(Duration.ofSeconds(30))
			.until(() -> kafka.records(Topics.PENDING_CREATE).stream().filter(r -> id.equals(r.key())).findFirst(),
					Optional::isPresent)
			.orElseThrow();
		try (KafkaProducer<String, byte[]> worker = producer(SYNC_WORKER)) {
			worker.send(SyncResults.record(Topics.SYNC_RESULTS,
					SyncResults.synced(id, TopicReader.header(relayed, EventHeaders.CE_ID), 1)))
				.get(10, TimeUnit.SECONDS);
		}

		Awaitility.await("SYNCED recorded for " + id)
			.atMost(Duration.ofSeconds(30))
			.until(() -> ApiTestClient.json(client.get("/api/assistants/" + id)).get("sync").get("status")
				.stringValue(), "SYNCED"::equals);
	}

	private static KafkaProducer<String, byte[]> producer(String user) {
		Map<String, Object> config = new LinkedHashMap<>(kafka.clientProperties(user, password(user)));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	private static String password(String user) {
		return user + "-secret";
	}

}
