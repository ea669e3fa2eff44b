package io.assistantsync.api.outbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.testing.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docs/contract.md §2: a POST answers 202 as soon as it is committed locally, whether or not Kafka is reachable,
 * and nothing committed is lost.
 */
@ApiServiceIntegrationTest
class OutboxOutageIntegrationTests {

	private static final int ASSISTANTS = 200;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	@Test
	void shouldAcceptWhileKafkaIsDownAndPublishEverythingOnceItIsBack() {
		assumeTrue(TestKafka.canSimulateOutage());
		ApiTestClient client = new ApiTestClient(this.port);
		Set<String> ids = new HashSet<>();
		List<Long> latencies = new ArrayList<>();
		try (TopicReader topic = new TopicReader(this.topics.pendingCreate())) {
			TestKafka.stop();
			try {
				for (int i = 0; i < ASSISTANTS; i++) {
					long started = System.nanoTime();
					HttpResponse<String> created = client.postJson("/api/assistants",
							"{\"name\":\"during the outage " + i + "\",\"emoji\":\"🌩️\"}");
					latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
					assertThat(created.statusCode()).isEqualTo(202);
					ids.add(ApiTestClient.json(created).get("id").stringValue());
				}
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
					JsonNode status = ApiTestClient.json(client.get("/api/sync/status"));
					assertThat(status.get("kafka").stringValue()).isEqualTo("DOWN");
					assertThat(status.get("outbox").get("backlog").asLong()).isGreaterThanOrEqualTo(ASSISTANTS);
					assertThat(status.get("outbox").get("oldestAgeMs").asLong()).isPositive();
				});
			}
			finally {
				TestKafka.start();
			}
			List<Long> sorted = latencies.stream().sorted().toList();
			System.out.printf("POST latency with Kafka down: median %d ms, p99 %d ms, max %d ms%n",
					sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 99 / 100), sorted.get(sorted.size() - 1));
			assertThat(sorted.get(sorted.size() / 2)).isLessThan(200);
			assertThat(sorted.get(sorted.size() - 1)).isLessThan(2_000);

			topic.await((r) -> ids.contains(r.key()), ASSISTANTS, Duration.ofSeconds(90));
			await().atMost(Duration.ofSeconds(30)).until(() -> backlogOf(ids) == 0);
			List<ConsumerRecord<String, byte[]>> published = topic.seen((r) -> ids.contains(r.key()));

			Map<String, Long> perAssistant = published.stream()
				.collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
			assertThat(perAssistant).hasSize(ASSISTANTS).allSatisfy((id, copies) -> assertThat(copies).isEqualTo(1));
			assertThat(published.stream().map((r) -> TopicReader.header(r, EventHeaders.CE_ID)).distinct())
				.hasSize(ASSISTANTS);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(ApiTestClient.json(client.get("/api/sync/status")).get("kafka")
					.stringValue()).isEqualTo("UP"));
		}
	}

	private int backlogOf(Set<String> ids) {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregate_id = ANY (?)", Integer.class,
				(Object) ids.toArray(String[]::new));
	}

}
