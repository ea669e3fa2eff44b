package io.assistantsync.api.sync;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.api.SyncResults;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.kafka.EventHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local sync state follows the results the sync-worker publishes: idempotently, never backwards, and
 * only for the current pending-create event; plus the manual re-sync and the status endpoint.
 */
@ApiServiceIntegrationTest
class SyncStateIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	@Autowired
	MeterRegistry meters;

	@Test
	void shouldRecordRetriesWhileStayingPending() {
		Created assistant = create();

		send(SyncResults.retrying(assistant.id(), assistant.eventId(), 1));

		JsonNode sync = awaitSync(assistant.id(), (s) -> s.get("attempts").asInt() == 1);
		assertThat(sync.get("status").stringValue()).isEqualTo("PENDING");
		assertThat(sync.get("lastError").get("type").stringValue()).isEqualTo("TransientStoreException");
		assertThat(sync.get("lastError").get("message").stringValue()).isEqualTo("attempt 1 timed out");
		assertThat(sync.get("lastError").propertyNames()).containsExactly("type", "message");
		assertThat(sync.get("lastAttemptAt").stringValue()).matches(".*\\.\\d{3}Z");
		assertThat(sync.get("syncedAt").isNull()).isTrue();
	}

	@Test
	void shouldBecomeSyncedAndIgnoreLateAndDuplicateResults() {
		Created assistant = create();
		double syncedBefore = resultCounter("SYNCED");
		SyncResult synced = SyncResults.synced(assistant.id(), assistant.eventId(), 3);

		send(SyncResults.retrying(assistant.id(), assistant.eventId(), 2));
		send(synced);
		send(synced);
		// late: attempt 2's retry and an older retry arrive after the final result
		send(SyncResults.retrying(assistant.id(), assistant.eventId(), 2));
		send(SyncResults.retrying(assistant.id(), assistant.eventId(), 1));
		String marker = sendMarker(assistant);

		awaitRecorded(marker);
		JsonNode sync = sync(assistant.id());
		assertThat(sync.get("status").stringValue()).isEqualTo("SYNCED");
		assertThat(sync.get("attempts").asInt()).isEqualTo(3);
		assertThat(sync.get("syncedAt").stringValue()).matches(".*\\.\\d{3}Z");
		assertThat(sync.get("lastError").get("message").stringValue()).isEqualTo("attempt 2 timed out");
		assertThat(this.jdbc.queryForList("SELECT event_id FROM sync_results WHERE assistant_id = ?", String.class,
				assistant.id()))
			.doesNotHaveDuplicates()
			.hasSize(4);
		assertThat(resultCounter("SYNCED") - syncedBefore).isEqualTo(1);
	}

	@Test
	void shouldKeepTheNewestAttemptWhenRetriesArriveOutOfOrder() {
		Created assistant = create();

		send(SyncResults.retrying(assistant.id(), assistant.eventId(), 3));
		send(SyncResults.retrying(assistant.id(), assistant.eventId(), 2));
		String marker = sendMarker(assistant);

		awaitRecorded(marker);
		JsonNode sync = sync(assistant.id());
		assertThat(sync.get("status").stringValue()).isEqualTo("PENDING");
		assertThat(sync.get("attempts").asInt()).isEqualTo(3);
		assertThat(sync.get("lastError").get("message").stringValue()).isEqualTo("attempt 3 timed out");
	}

	@Test
	void shouldFailOnADeadLetterAndNotLeaveFailedOnALateRetry() {
		Created assistant = create();

		send(SyncResults.deadLettered(assistant.id(), assistant.eventId(), 5));
		send(SyncResults.retrying(assistant.id(), assistant.eventId(), 4));
		String marker = sendMarker(assistant);

		awaitRecorded(marker);
		JsonNode sync = sync(assistant.id());
		assertThat(sync.get("status").stringValue()).isEqualTo("FAILED");
		assertThat(sync.get("attempts").asInt()).isEqualTo(5);
		assertThat(sync.get("lastError").get("type").stringValue()).isEqualTo("PermanentSyncException");
		assertThat(sync.get("syncedAt").isNull()).isTrue();
	}

	@Test
	void shouldBecomeSyncedWhenAReplayedDeadLetterSyncs() {
		Created assistant = create();
		send(SyncResults.deadLettered(assistant.id(), assistant.eventId(), 5));
		awaitSync(assistant.id(), (s) -> "FAILED".equals(s.get("status").stringValue()));

		// an operator replays the dead letter: the same event, its attempts starting again at 1
		send(SyncResults.synced(assistant.id(), assistant.eventId(), 1));

		JsonNode sync = awaitSync(assistant.id(), (s) -> "SYNCED".equals(s.get("status").stringValue()));
		assertThat(sync.get("syncedAt").stringValue()).matches(".*\\.\\d{3}Z");
		assertThat(sync.get("lastError").get("type").stringValue()).isEqualTo("PermanentSyncException");
	}

	@Test
	void shouldSkipMalformedResultsWithoutStoppingTheConsumer() {
		Created assistant = create();
		String topic = this.topics.syncResults();

		TopicReader.send(SyncResults.record(topic, assistant.id(), "{ this is not json"),
				SyncResults.record(topic, assistant.id(), "{\"eventId\":\"x\"}"),
				SyncResults.record(topic, assistant.id(), "[1,2,3]"),
				SyncResults.record(topic, assistant.id(),
						SyncResults.json(SyncResults.synced(assistant.id(), assistant.eventId(), 1))
							.replace("\"SYNCED\"", "\"DONE\"")),
				SyncResults.record(topic, assistant.id(), ""));
		send(SyncResults.synced(assistant.id(), assistant.eventId(), 1));

		assertThat(awaitSync(assistant.id(), (s) -> s.get("status").stringValue().equals("SYNCED"))).isNotNull();
	}

	@Test
	void shouldIgnoreResultsOfUnknownAssistants() {
		Created assistant = create();
		send(SyncResults.synced("V1StGXR8_Z5jdHi6B-myT", "no-such-event", 1));
		send(SyncResults.synced(assistant.id(), assistant.eventId(), 1));

		assertThat(awaitSync(assistant.id(), (s) -> s.get("status").stringValue().equals("SYNCED"))).isNotNull();
	}

	@Test
	void shouldResyncAFailedAssistantWithANewEventAndIgnoreTheOldEventsResults() {
		Created assistant = create();
		send(SyncResults.deadLettered(assistant.id(), assistant.eventId(), 5));
		awaitSync(assistant.id(), (s) -> s.get("status").stringValue().equals("FAILED"));

		try (TopicReader pendingCreate = new TopicReader(this.topics.pendingCreate())) {
			HttpResponse<String> resync = client().post("/api/assistants/" + assistant.id() + "/sync", null,
					new byte[0]);

			assertThat(resync.statusCode()).isEqualTo(202);
			JsonNode sync = ApiTestClient.json(resync).get("sync");
			assertThat(sync.get("status").stringValue()).isEqualTo("PENDING");
			assertThat(sync.get("attempts").asInt()).isZero();
			assertThat(sync.get("lastError").isNull()).isTrue();
			List<String> eventIds = pendingCreate
				.await((r) -> assistant.id().equals(r.key()), 2, TIMEOUT)
				.stream()
				.map((r) -> TopicReader.header(r, EventHeaders.CE_ID))
				.toList();
			assertThat(eventIds).containsExactly(assistant.eventId(), currentEventId(assistant.id()));
			String newEventId = eventIds.get(1);
			assertThat(newEventId).isNotEqualTo(assistant.eventId());

			// the first event's results arriving late change nothing
			send(SyncResults.synced(assistant.id(), assistant.eventId(), 5));
			send(SyncResults.retrying(assistant.id(), newEventId, 1));
			JsonNode resynced = awaitSync(assistant.id(), (s) -> s.get("attempts").asInt() == 1);
			assertThat(resynced.get("status").stringValue()).isEqualTo("PENDING");
			send(SyncResults.synced(assistant.id(), newEventId, 2));
			assertThat(awaitSync(assistant.id(), (s) -> s.get("status").stringValue().equals("SYNCED"))
				.get("attempts")
				.asInt()).isEqualTo(2);
		}
	}

	@Test
	void shouldRefuseToResyncUnlessFailed() {
		Created pending = create();
		assertConflict(client().post("/api/assistants/" + pending.id() + "/sync", null, new byte[0]));

		send(SyncResults.synced(pending.id(), pending.eventId(), 1));
		awaitSync(pending.id(), (s) -> s.get("status").stringValue().equals("SYNCED"));
		assertConflict(client().post("/api/assistants/" + pending.id() + "/sync", null, new byte[0]));

		HttpResponse<String> unknown = client().post("/api/assistants/V1StGXR8_Z5jdHi6B-myT/sync", null, new byte[0]);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void shouldReportTheStatusAsTheContractShowsIt() {
		JsonNode before = ApiTestClient.json(client().get("/api/sync/status"));
		Created synced = create();
		Created failed = create();
		create();

		send(SyncResults.synced(synced.id(), synced.eventId(), 1));
		send(SyncResults.deadLettered(failed.id(), failed.eventId(), 5));
		awaitSync(failed.id(), (s) -> s.get("status").stringValue().equals("FAILED"));
		awaitSync(synced.id(), (s) -> s.get("status").stringValue().equals("SYNCED"));

		HttpResponse<String> response = client().get("/api/sync/status");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode status = ApiTestClient.json(response);
		assertThat(status.propertyNames()).containsExactly("outbox", "assistants", "kafka", "stale");
		assertThat(status.get("outbox").propertyNames()).containsExactly("backlog", "oldestAgeMs");
		assertThat(status.get("assistants").propertyNames()).containsExactly("PENDING", "SYNCED", "FAILED");
		assertThat(status.get("kafka").stringValue()).isEqualTo("UP");
		assertThat(delta(before, status, "PENDING")).isEqualTo(1);
		assertThat(delta(before, status, "SYNCED")).isEqualTo(1);
		assertThat(delta(before, status, "FAILED")).isEqualTo(1);
		assertThat(status.get("stale").isIntegralNumber()).isTrue();
	}

	private static long delta(JsonNode before, JsonNode after, String status) {
		return after.get("assistants").get(status).asLong() - before.get("assistants").get(status).asLong();
	}

	private void assertConflict(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(ApiTestClient.json(response).get("detail").stringValue()).contains("FAILED");
	}

	/** A result of another pending-create event: when it is recorded, everything sent before it was consumed. */
	private String sendMarker(Created assistant) {
		SyncResult marker = SyncResults.retrying(assistant.id(), "marker-" + assistant.eventId(), 1);
		send(marker);
		return marker.eventId();
	}

	private void awaitRecorded(String eventId) {
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM sync_results WHERE event_id = ?", Integer.class,
					eventId) == 1);
	}

	private JsonNode awaitSync(String id, java.util.function.Predicate<JsonNode> condition) {
		return await().atMost(TIMEOUT).until(() -> sync(id), condition::test);
	}

	private JsonNode sync(String id) {
		return ApiTestClient.json(client().get("/api/assistants/" + id)).get("sync");
	}

	private double resultCounter(String status) {
		Counter counter = this.meters.find("assistants.sync.results").tag("status", status).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private void send(SyncResult outcome) {
		TopicReader.send(SyncResults.record(this.topics.syncResults(), outcome));
	}

	private Created create() {
		HttpResponse<String> created = client().postJson("/api/assistants", "{\"name\":\"Synced\",\"emoji\":\"🔁\"}");
		String id = ApiTestClient.json(created).get("id").stringValue();
		return new Created(id, currentEventId(id));
	}

	private String currentEventId(String id) {
		return this.jdbc.queryForObject("SELECT sync_event_id FROM assistants WHERE id = ?", String.class, id);
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

	record Created(String id, String eventId) {
	}

}
