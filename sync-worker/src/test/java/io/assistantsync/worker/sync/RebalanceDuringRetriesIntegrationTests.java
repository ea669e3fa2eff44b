package io.assistantsync.worker.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.fixtures.StoreFaults;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.worker.SyncWorkerApplication;
import io.assistantsync.worker.SyncWorkerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second worker joins the group while records wait in the retry topics and leaves again (a graceful stop) while
 * they still do: every record still gets its remaining attempts and ends SYNCED, none is committed past without
 * an attempt. Each record fails its first three attempts, so it passes through {@code -retry-1000},
 * {@code -retry-2000} and {@code -retry-4000} while the partitions move from one worker to the other and back.
 */
@SyncWorkerIntegrationTest
class RebalanceDuringRetriesIntegrationTests {

	private static final int RECORDS = 90;

	private static final Duration SEND_INTERVAL = Duration.ofMillis(100);

	@Autowired
	TopicsProperties topics;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Environment environment;

	@Test
	void shouldGiveEveryRecordItsRetriesWhenAWorkerJoinsAndLeaves() throws Exception {
		StoreFaults faults = new StoreFaults(Objects.requireNonNull(this.jdbc.getDataSource())::getConnection);
		List<AssistantCreationRequested> events = new ArrayList<>();
		try (TopicReader results = new TopicReader(this.topics.syncResults())) {
			CompletableFuture<ConfigurableApplicationContext> second = null;
			CompletableFuture<Void> secondStopped = null;
			for (int i = 0; i < RECORDS; i++) {
				AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
				faults.fail(event.assistantId(), "40001", 3);
				events.add(event);
				TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), event));
				if (i == RECORDS / 6) {
					second = CompletableFuture.supplyAsync(this::startSecondWorker);
				}
				if (i == RECORDS * 2 / 3) {
					secondStopped = second.thenAccept(ConfigurableApplicationContext::close);
				}
				Thread.sleep(SEND_INTERVAL.toMillis());
			}
			secondStopped.get();

			Set<String> ids = events.stream().map(AssistantCreationRequested::assistantId).collect(Collectors.toSet());
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				Set<String> synced = synced(results, ids);
				assertThat(synced).as(() -> "SYNCED of every record; the others' results: " + attempts(results, ids, synced))
					.containsExactlyInAnyOrderElementsOf(ids);
			});
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM assistants", Integer.class))
				.isEqualTo(RECORDS);
		}
	}

	/**
	 * A worker like this test's, in the same group, on the same topics and store (as arguments, which take
	 * precedence over the worker's own configuration).
	 */
	private ConfigurableApplicationContext startSecondWorker() {
		List<String> properties = new ArrayList<>(Stream
			.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
					"spring.kafka.bootstrap-servers", "spring.kafka.consumer.group-id",
					"assistants.topics.pending-create", "assistants.topics.sync-results",
					"assistants.topics.ops-audit")
			.map(name -> "--" + name + "=" + this.environment.getProperty(name, ""))
			.toList());
		properties.add("--server.port=0");
		return new SpringApplicationBuilder(SyncWorkerApplication.class).run(properties.toArray(String[]::new));
	}

	private static Set<String> synced(TopicReader results, Set<String> ids) {
		return results
			.seen(r -> ids.contains(r.key()) && SyncResults.parse(r).status() == SyncResultStatus.SYNCED)
			.stream()
			.map(r -> r.key())
			.collect(Collectors.toSet());
	}

	private static String attempts(TopicReader results, Set<String> ids, Set<String> synced) {
		return ids.stream()
			.filter(id -> !synced.contains(id))
			.map(id -> id + " " + SyncResults.of(results, id)
				.stream()
				.map(r -> r.status() + "#" + r.attempt())
				.toList())
			.collect(Collectors.joining(", "));
	}

}
