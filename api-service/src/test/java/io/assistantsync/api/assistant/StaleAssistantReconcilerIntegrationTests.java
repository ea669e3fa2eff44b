package io.assistantsync.api.assistant;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.api.SyncResults;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler republishes assistants PENDING for longer than {@code assistants.reconcile.stale-after} whose
 * event was published and never answered, and nothing else. The tests' stale-after is an hour, so an assistant
 * becomes stale here only by having its rows dated back; the reconciler is held while a test sets up.
 */
@ApiServiceIntegrationTest
class StaleAssistantReconcilerIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	@Autowired
	MeterRegistry meters;

	@Autowired
	StaleAssistantReconciler reconciler;

	@Autowired
	@Qualifier("outboxRelay")
	SmartLifecycle relay;

	@BeforeEach
	void holdTheReconciler() {
		this.reconciler.stop();
	}

	@AfterEach
	void resume() {
		this.relay.start();
		this.reconciler.start();
	}

	@Test
	void shouldRepublishAStalePendingAssistantOnceWithTheSameSnapshotAndLeaveTheOthersAlone() {
		try (TopicReader pendingCreate = new TopicReader(this.topics.pendingCreate())) {
			String stale = createPublished();
			String young = createPublished();
			String synced = createPublished();
			String failed = createPublished();
			send(SyncResults.synced(synced, eventId(synced), 1));
			send(SyncResults.deadLettered(failed, eventId(failed), 5));
			awaitStatus(synced, "SYNCED");
			awaitStatus(failed, "FAILED");
			this.relay.stop();
			String unpublished = create();
			Map<String, String> eventIds = Stream.of(stale, young, synced, failed, unpublished)
				.collect(Collectors.toMap(Function.identity(), this::eventId));
			long staleBefore = staleCount();
			double reconciledBefore = reconciled();

			dateBack(stale, synced, failed, unpublished);

			assertThat(staleCount() - staleBefore).isEqualTo(1);
			this.reconciler.start();
			await().atMost(TIMEOUT).until(() -> !eventIds.get(stale).equals(eventId(stale)));
			assertThat(this.reconciler.reconcile()).isZero();
			for (String other : List.of(young, synced, failed, unpublished)) {
				assertThat(eventId(other)).as(other).isEqualTo(eventIds.get(other));
			}
			assertThat(status(young)).isEqualTo("PENDING");
			assertThat(status(synced)).isEqualTo("SYNCED");
			assertThat(status(failed)).isEqualTo("FAILED");
			assertThat(reconciled() - reconciledBefore).isEqualTo(1);
			assertThat(staleCount()).isEqualTo(staleBefore);

			this.relay.start();
			List<ConsumerRecord<String, byte[]>> records = pendingCreate.await((r) -> stale.equals(r.key()), 2,
					TIMEOUT);
			assertThat(records).hasSize(2);
			assertThat(TopicReader.header(records.get(0), EventHeaders.CE_ID)).isEqualTo(eventIds.get(stale));
			assertThat(TopicReader.header(records.get(1), EventHeaders.CE_ID)).isEqualTo(eventId(stale));
			JsonNode original = EventJson.mapper().readTree(records.get(0).value());
			JsonNode republished = EventJson.mapper().readTree(records.get(1).value());
			assertThat(republished.get("version")).isEqualTo(original.get("version"));
			assertThat(republished.get("assistant")).isEqualTo(original.get("assistant"));
			JsonNode sync = sync(stale);
			assertThat(sync.get("status").stringValue()).isEqualTo("PENDING");
			assertThat(sync.get("attempts").asInt()).isZero();

			// once its event is out and no result follows, the dated-back one is stale in turn
			await().atMost(TIMEOUT).until(() -> !eventIds.get(unpublished).equals(eventId(unpublished)));
		}
	}

	@Test
	void shouldAcceptAManualResyncOfAStalePendingAssistantOnly() {
		String stale = createPublished();
		String fresh = createPublished();
		String eventId = eventId(stale);
		dateBack(stale);

		HttpResponse<String> refused = resync(fresh);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(ApiTestClient.json(refused).get("detail").stringValue()).contains("FAILED");

		HttpResponse<String> accepted = resync(stale);
		assertThat(accepted.statusCode()).isEqualTo(202);
		JsonNode sync = ApiTestClient.json(accepted).get("sync");
		assertThat(sync.get("status").stringValue()).isEqualTo("PENDING");
		assertThat(sync.get("attempts").asInt()).isZero();
		assertThat(eventId(stale)).isNotEqualTo(eventId);
		// a re-sync makes it fresh again
		assertThat(resync(stale).statusCode()).isEqualTo(409);
	}

	@Test
	void shouldRepublishAStaleUpdateAsAPendingUpdateAndAStaleDeleteAsAPendingDelete() {
		try (TopicReader changes = new TopicReader(this.topics.pendingCreate())) {
			String updated = createPublished();
			String deleted = createPublished();
			assertThat(client().send("PATCH", "/api/assistants/" + updated, "application/merge-patch+json",
					"{\"name\":\"Stale 2\"}", "If-Match", "\"1\"")
				.statusCode()).isEqualTo(202);
			assertThat(client().delete("/api/assistants/" + deleted, "If-Match", "\"1\"").statusCode()).isEqualTo(202);
			awaitPublished(updated);
			awaitPublished(deleted);
			String updateEvent = eventId(updated);
			String deleteEvent = eventId(deleted);

			dateBack(updated, deleted);
			this.reconciler.start();

			await().atMost(TIMEOUT)
				.until(() -> !updateEvent.equals(eventId(updated)) && !deleteEvent.equals(eventId(deleted)));
			ConsumerRecord<String, byte[]> update = republished(changes, updated);
			ConsumerRecord<String, byte[]> delete = republished(changes, deleted);
			assertThat(TopicReader.header(update, EventHeaders.CE_TYPE)).isEqualTo(EventTypes.PENDING_UPDATE_V1);
			JsonNode updateValue = EventJson.mapper().readTree(update.value());
			assertThat(updateValue.get("version").asLong()).isEqualTo(2);
			assertThat(updateValue.get("assistant").get("name").stringValue()).isEqualTo("Stale 2");
			assertThat(TopicReader.header(delete, EventHeaders.CE_TYPE)).isEqualTo(EventTypes.PENDING_DELETE_V1);
			assertThat(EventJson.mapper().readTree(delete.value()).get("version").asLong()).isEqualTo(2);
		}
	}

	private ConsumerRecord<String, byte[]> republished(TopicReader changes, String id) {
		String eventId = eventId(id);
		return changes.await((r) -> eventId.equals(TopicReader.header(r, EventHeaders.CE_ID)), 1, TIMEOUT).get(0);
	}

	private void awaitPublished(String id) {
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregate_id = ?", Integer.class,
					id) == 0);
	}

	/** Moves the assistants' request and last attempt two hours back, past the tests' stale-after. */
	private void dateBack(String... ids) {
		for (String id : ids) {
			this.jdbc.update("""
					UPDATE assistants SET sync_requested_at = sync_requested_at - interval '2 hours',
					    last_attempt_at = last_attempt_at - interval '2 hours'
					WHERE id = ?
					""", id);
		}
	}

	private HttpResponse<String> resync(String id) {
		return client().post("/api/assistants/" + id + "/sync", null, new byte[0]);
	}

	private long staleCount() {
		return ApiTestClient.json(client().get("/api/sync/status")).get("stale").asLong();
	}

	private double reconciled() {
		return this.meters.get("assistants.reconciled").counter().count();
	}

	private void send(SyncResult result) {
		TopicReader.send(SyncResults.record(this.topics.syncResults(), result));
	}

	private void awaitStatus(String id, String status) {
		await().atMost(TIMEOUT).until(() -> status(id), status::equals);
	}

	private String status(String id) {
		return sync(id).get("status").stringValue();
	}

	private JsonNode sync(String id) {
		return ApiTestClient.json(client().get("/api/assistants/" + id)).get("sync");
	}

	/** Creates an assistant and waits until the relay has published its event and deleted its outbox row. */
	private String createPublished() {
		String id = create();
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregate_id = ?", Integer.class,
					id) == 0);
		return id;
	}

	private String create() {
		HttpResponse<String> created = client().postJson("/api/assistants", "{\"name\":\"Stale\",\"emoji\":\"⏳\"}");
		return ApiTestClient.json(created).get("id").stringValue();
	}

	private String eventId(String id) {
		return this.jdbc.queryForObject("SELECT sync_event_id FROM assistants WHERE id = ?", String.class, id);
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

}
