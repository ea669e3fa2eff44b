package io.assistantsync.api.outbox;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.testing.EventSchemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox relay against the real broker: what it publishes, how fast, and that concurrent relays never
 * publish a row twice.
 */
@ApiServiceIntegrationTest
class OutboxRelayIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxRelay relay;

	@Autowired
	ProducerFactory<?, ?> producerFactory;

	@Autowired
	PlatformTransactionManager transactionManager;

	private final IdGenerator ids = new IdGenerator();

	@Test
	void shouldPublishThePendingCreateEventAsTheContractDescribesIt() {
		try (TopicReader topic = new TopicReader(this.topics.pendingCreate())) {
			HttpResponse<String> created = client().postJson("/api/assistants",
					"{\"name\":\"Flight log analyst\",\"emoji\":\"🛩️\",\"description\":\"Reads logs.\",\"tags\":[\"drone\"]}");
			JsonNode assistant = ApiTestClient.json(created);
			String id = assistant.get("id").stringValue();

			ConsumerRecord<String, byte[]> record = topic
				.await((r) -> id.equals(r.key()), 1, Duration.ofSeconds(30))
				.get(0);

			String value = new String(record.value(), StandardCharsets.UTF_8);
			EventSchemas.assertConforms(EventTypes.PENDING_CREATE_V1, value);
			JsonNode event = EventJson.mapper().readTree(value);
			assertThat(event.get("assistantId").stringValue()).isEqualTo(id);
			assertThat(event.get("version").asLong()).isEqualTo(1);
			JsonNode snapshot = event.get("assistant");
			for (String field : List.of("id", "name", "emoji", "description", "category", "tags", "instructions",
					"visibility", "version", "createdAt", "updatedAt")) {
				assertThat(snapshot.get(field)).as(field).isEqualTo(assistant.get(field));
			}
			assertThat(snapshot.has("sync")).isFalse();

			Map<String, String> headers = new LinkedHashMap<>();
			for (Header header : record.headers()) {
				headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
			}
			// exactly the CloudEvents headers: no __TypeId__ or any other Java type information
			assertThat(headers).containsOnlyKeys(EventHeaders.CE_SPECVERSION, EventHeaders.CE_ID,
					EventHeaders.CE_SOURCE, EventHeaders.CE_TYPE, EventHeaders.CE_TIME, EventHeaders.CE_SUBJECT,
					EventHeaders.CONTENT_TYPE);
			assertThat(headers).containsEntry(EventHeaders.CE_SPECVERSION, "1.0")
				.containsEntry(EventHeaders.CE_ID, event.get("eventId").stringValue())
				.containsEntry(EventHeaders.CE_SOURCE, "/api-service")
				.containsEntry(EventHeaders.CE_TYPE, EventTypes.PENDING_CREATE_V1)
				.containsEntry(EventHeaders.CE_TIME, event.get("occurredAt").stringValue())
				.containsEntry(EventHeaders.CE_SUBJECT, id)
				.containsEntry(EventHeaders.CONTENT_TYPE, "application/json");
			assertThat(this.jdbc.queryForObject("SELECT sync_event_id FROM assistants WHERE id = ?", String.class, id))
				.isEqualTo(event.get("eventId").stringValue());
		}
	}

	@Test
	void shouldPublishRightAfterTheCommitRatherThanAtTheNextPoll() {
		// the tests' fallback poll is 5 s: only the after-commit wake-up explains a faster publication
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String id = ApiTestClient.json(client().postJson("/api/assistants", "{\"name\":\"quick\",\"emoji\":\"⚡\"}"))
				.get("id")
				.stringValue();
			long answered = System.nanoTime();
			await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(2)).until(() -> this.jdbc
				.queryForObject("SELECT count(*) FROM outbox WHERE aggregate_id = ?", Integer.class, id) == 0);
			millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered));
		}
		List<Long> sorted = millis.stream().sorted().toList();
		System.out.printf("Outbox row published and deleted after the 202: median %d ms, max %d ms%n",
				sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
		assertThat(sorted.get(sorted.size() / 2)).isLessThan(500);
	}

	@Test
	void shouldLetConcurrentClaimsSkipRowsAnotherTransactionHolds() throws Exception {
		this.relay.stop();
		try {
			List<String> eventIds = appendRows(10);
			CountDownLatch claimed = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> transactions().execute((tx) -> {
				List<String> mine = eventIdsOf(this.outbox.claimDue(5));
				claimed.countDown();
				awaitLatch(release);
				return mine;
			}));
			awaitLatch(claimed);

			List<String> second = transactions().execute((tx) -> eventIdsOf(this.outbox.claimDue(100)));
			release.countDown();

			List<String> firstClaim = first.get(10, TimeUnit.SECONDS);
			assertThat(firstClaim).hasSize(5).isSubsetOf(eventIds);
			assertThat(second).containsAll(eventIds.stream().filter((id) -> !firstClaim.contains(id)).toList())
				.doesNotContainAnyElementsOf(firstClaim);
		}
		finally {
			this.relay.start();
		}
	}

	@Test
	void shouldPublishEachRowOnceWhileTwoRelaysCompete() {
		AtomicInteger publishedBySecond = new AtomicInteger();
		OutboxProperties eager = new OutboxProperties(10, Duration.ofMillis(10), Duration.ofSeconds(30),
				new OutboxProperties.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0));
		OutboxRelay second = new OutboxRelay("second-outbox-relay", this.outbox,
				OutboxConfiguration.producers(this.producerFactory, "second-outbox-relay"), new OutboxSignal(), eager,
				transactions(), new RelayObserver() {
					@Override
					public void batchRelayed(int published, int failed, Duration took) {
						publishedBySecond.addAndGet(published);
					}
				}, Clock.systemUTC());
		try (TopicReader topic = new TopicReader(this.topics.pendingCreate())) {
			second.start();
			Set<String> eventIds = new HashSet<>();
			for (int i = 0; i < 30; i++) {
				eventIds.addAll(appendRows(10));
			}

			List<ConsumerRecord<String, byte[]>> records = topic.await(
					(r) -> eventIds.contains(TopicReader.header(r, EventHeaders.CE_ID)), eventIds.size(),
					Duration.ofSeconds(60));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_id IN ("
						+ eventIds.stream().map((id) -> "'" + id + "'").collect(Collectors.joining(",")) + ")",
						Integer.class) == 0);
			records = topic.seen((r) -> eventIds.contains(TopicReader.header(r, EventHeaders.CE_ID)));

			Map<String, Long> copies = records.stream()
				.collect(Collectors.groupingBy((r) -> TopicReader.header(r, EventHeaders.CE_ID),
						Collectors.counting()));
			assertThat(copies).hasSize(300).allSatisfy((eventId, count) -> assertThat(count).isEqualTo(1));
			System.out.printf("Of 300 rows the second relay published %d, the application's relay the rest%n",
					publishedBySecond.get());
		}
		finally {
			second.stop();
		}
	}

	/** Appends rows in one transaction, as another instance would (so no wake-up reaches a relay here). */
	private List<String> appendRows(int count) {
		List<String> eventIds = new ArrayList<>();
		transactions().executeWithoutResult((tx) -> {
			for (int i = 0; i < count; i++) {
				String eventId = this.ids.newId();
				String key = this.ids.newId();
				this.outbox.append(new OutboxMessage(key, eventId, this.topics.pendingCreate(), key,
						Map.of(EventHeaders.CE_ID, eventId), ("{\"test\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8)));
				eventIds.add(eventId);
			}
		});
		return eventIds;
	}

	private static List<String> eventIdsOf(List<OutboxEntry> entries) {
		return entries.stream().map(OutboxEntry::eventId).toList();
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private TransactionTemplate transactions() {
		return new TransactionTemplate(this.transactionManager);
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

}
