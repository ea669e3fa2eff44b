package io.assistantsync.api;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.assistantsync.api.SseRecorder.Event;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two api-service instances on one database, one set of topics and one shared consumer group, as in
 * production (docs/contract.md §6): each outbox row is published once, each sync result is recorded once, and
 * every instance streams every result to its own clients.
 */
@ApiServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext first;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	private ConfigurableApplicationContext second;

	@BeforeAll
	void startSecondInstance() {
		Environment env = this.first.getEnvironment();
		List<String> args = new ArrayList<>();
		for (String property : List.of("spring.datasource.url", "spring.datasource.username",
				"spring.datasource.password", "spring.kafka.bootstrap-servers", "assistants.topics.pending-create",
				"assistants.topics.sync-results", "assistants.sync.consumer-group", "assistants.outbox.poll-interval",
				"assistants.outbox.backoff.max", "assistants.security.mode")) {
			args.add("--" + property + "=" + env.getProperty(property, ""));
		}
		args.add("--server.port=0");
		args.add("--spring.main.banner-mode=off");
		this.second = new SpringApplicationBuilder(ApiServiceApplication.class).run(args.toArray(String[]::new));
		// both instances share the group's partitions, and each stream listener has all of them
		await().atMost(TIMEOUT).until(() -> assigned(this.first, "sync-results") + assigned(this.second,
				"sync-results") == this.topics.partitions());
		await().atMost(TIMEOUT)
			.until(() -> assigned(this.first, "sync-results-fan-out") == this.topics.partitions()
					&& assigned(this.second, "sync-results-fan-out") == this.topics.partitions());
	}

	@AfterAll
	void stopSecondInstance() {
		if (this.second != null) {
			this.second.close();
		}
	}

	@Test
	void shouldRecordEachResultOnceAndStreamItFromEveryInstance() {
		ApiTestClient a = new ApiTestClient(this.port);
		ApiTestClient b = new ApiTestClient(secondPort());
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ids.add(ApiTestClient.json(a.postJson("/api/assistants", "{\"name\":\"Shared " + i + "\",\"emoji\":\"🤝\"}"))
				.get("id")
				.stringValue());
		}
		double recordedBefore = recorded(this.first) + recorded(this.second);
		List<SseRecorder> onA = new ArrayList<>();
		List<SseRecorder> onB = new ArrayList<>();
		try {
			for (String id : ids) {
				onA.add(a.sse("/api/assistants/" + id + "/sync-events"));
				onB.add(b.sse("/api/assistants/" + id + "/sync-events"));
			}
			await().atMost(TIMEOUT)
				.until(() -> onA.stream().allMatch((s) -> s.events().size() == 1)
						&& onB.stream().allMatch((s) -> s.events().size() == 1));
			for (String id : ids) {
				String eventId = this.jdbc.queryForObject("SELECT sync_event_id FROM assistants WHERE id = ?",
						String.class, id);
				send(SyncResults.retrying(id, eventId, 1));
				send(SyncResults.synced(id, eventId, 2));
			}

			for (List<SseRecorder> streams : List.of(onA, onB)) {
				for (SseRecorder stream : streams) {
					await().atMost(TIMEOUT).until(stream::ended);
					assertThat(stream.events()).extracting(Event::name)
						.containsExactly("state", "sync-result", "sync-result");
				}
			}
		}
		finally {
			onA.forEach(SseRecorder::close);
			onB.forEach(SseRecorder::close);
		}
		for (String id : ids) {
			assertThat(ApiTestClient.json(b.get("/api/assistants/" + id)).get("sync").get("status").stringValue())
				.isEqualTo("SYNCED");
		}
		assertThat(recorded(this.first) + recorded(this.second) - recordedBefore).isEqualTo(12);
	}

	@Test
	void shouldPublishEachAssistantOnceFromBothInstances() throws Exception {
		ApiTestClient a = new ApiTestClient(this.port);
		ApiTestClient b = new ApiTestClient(secondPort());
		Set<String> ids = ConcurrentHashMap.newKeySet();
		try (TopicReader topic = new TopicReader(this.topics.pendingCreate())) {
			List<CompletableFuture<Void>> writers = new ArrayList<>();
			for (ApiTestClient client : List.of(a, b)) {
				writers.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < 100; i++) {
						HttpResponse<String> created = client.postJson("/api/assistants",
								"{\"name\":\"Either " + i + "\",\"emoji\":\"🔀\"}");
						ids.add(ApiTestClient.json(created).get("id").stringValue());
					}
				}));
			}
			CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();

			topic.await((r) -> ids.contains(r.key()), 200, TIMEOUT);
			await().atMost(TIMEOUT)
				.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregate_id = ANY (?)",
						Integer.class, (Object) ids.toArray(String[]::new)) == 0);
			Map<String, Long> copies = topic.seen((r) -> ids.contains(r.key()))
				.stream()
				.collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
			assertThat(copies).hasSize(200).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
		}
	}

	private void send(SyncResult outcome) {
		TopicReader.send(SyncResults.record(this.topics.syncResults(), outcome));
	}

	private static double recorded(ApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.find("assistants.sync.results")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private static int assigned(ApplicationContext context, String listenerId) {
		MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer(listenerId);
		return (container != null && container.getAssignedPartitions() != null)
				? container.getAssignedPartitions().size() : 0;
	}

	private int secondPort() {
		return ((WebServerApplicationContext) this.second).getWebServer().getPort();
	}

}
