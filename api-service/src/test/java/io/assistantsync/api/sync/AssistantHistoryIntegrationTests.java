package io.assistantsync.api.sync;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.api.SyncResults;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.testing.EventSchemas;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/assistants/{id}/history} and the sync state across versions (docs/contract.md §7): results of an
 * older version are kept and shown but never finalise the newer one; a re-sync republishes the latest change.
 */
@ApiServiceIntegrationTest
class AssistantHistoryIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	@Test
	void shouldListEveryVersionNewestFirstWithWhatItChangedAndItsSync() {
		String id = created("{\"name\":\"History\",\"emoji\":\"📜\",\"description\":\"first\",\"tags\":[]}");
		SyncResult synced = SyncResults.synced(id, eventId(id), 1);
		send(synced);
		awaitStatus(id, "SYNCED");
		assertThat(client().mergePatch(path(id), "{\"name\":\"History 2\"}", "If-Match", "\"1\"").statusCode())
			.isEqualTo(202);
		assertThat(client().putJson(path(id),
				"{\"name\":\"History 2\",\"emoji\":\"📜\",\"tags\":[\"t\"],\"visibility\":\"PUBLIC\"}", "If-Match",
				"\"2\"")
			.statusCode()).isEqualTo(202);
		assertThat(client().delete(path(id), "If-Match", "\"3\"").statusCode()).isEqualTo(202);

		HttpResponse<String> response = client().get(path(id) + "/history");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode history = ApiTestClient.json(response);
		assertThat(history.propertyNames()).containsExactly("items", "nextCursor");
		assertThat(history.get("nextCursor").isNull()).isTrue();
		JsonNode items = history.get("items");
		assertThat(items).extracting((item) -> item.get("version").asLong()).containsExactly(4L, 3L, 2L, 1L);
		assertThat(items).extracting((item) -> item.get("change").stringValue())
			.containsExactly("DELETED", "UPDATED", "UPDATED", "CREATED");
		assertThat(fields(items.get(3))).containsExactly("name", "emoji", "description", "visibility");
		assertThat(fields(items.get(2))).containsExactly("name");
		assertThat(fields(items.get(1))).containsExactly("description", "tags", "visibility");
		assertThat(fields(items.get(0))).isEmpty();
		for (JsonNode item : items) {
			assertThat(item.propertyNames()).containsExactly("version", "change", "changedFields", "by", "at", "sync");
			assertThat(item.get("by").stringValue()).isEqualTo("anonymous");
			assertThat(item.get("at").stringValue()).matches(TIMESTAMP);
			assertThat(item.get("sync").propertyNames()).containsExactly("status", "attempts", "lastError", "results");
		}
		JsonNode created = items.get(3).get("sync");
		assertThat(created.get("status").stringValue()).isEqualTo("SYNCED");
		assertThat(created.get("attempts").asInt()).isEqualTo(1);
		assertThat(created.get("results")).hasSize(1);
		assertThat(created.get("results").get(0)).isEqualTo(EventJson.mapper().readTree(SyncResults.json(synced)));
		JsonNode deleted = items.get(0).get("sync");
		assertThat(deleted.get("status").stringValue()).isEqualTo("PENDING");
		assertThat(deleted.get("attempts").asInt()).isZero();
		assertThat(deleted.get("results")).isEmpty();
		assertThat(items.get(2).get("sync").get("status").stringValue()).isEqualTo("PENDING");
	}

	@Test
	void shouldPageTheHistoryWithAnOpaqueCursor() {
		String id = create("Paged");
		for (int version = 1; version < 5; version++) {
			assertThat(client().mergePatch(path(id), "{\"name\":\"Paged " + version + "\"}", "If-Match",
					"\"" + version + "\"")
				.statusCode()).isEqualTo(202);
		}
		List<Long> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = ApiTestClient.json(client()
				.get(path(id) + "/history?limit=2" + ((cursor != null) ? "&cursor=" + cursor : "")));
			page.get("items").forEach((item) -> seen.add(item.get("version").asLong()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").stringValue();
			pages++;
		}
		while (cursor != null && pages < 10);

		assertThat(seen).containsExactly(5L, 4L, 3L, 2L, 1L);
		assertThat(pages).isEqualTo(3);
		assertThat(ApiTestClient.json(client().get(path(id) + "/history")).get("items")).hasSize(5);
		for (String query : List.of("limit=0", "limit=201", "limit=x", "cursor=nope")) {
			HttpResponse<String> bad = client().get(path(id) + "/history?" + query);
			assertThat(bad.statusCode()).as(query).isEqualTo(400);
			assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	@Test
	void shouldKeepADeletedAssistantsHistoryAndAnswer404ForUnknownOnes() {
		String id = create("Gone");
		client().delete(path(id), "If-Match", "\"1\"");

		assertThat(client().get(path(id)).statusCode()).isEqualTo(404);
		HttpResponse<String> history = client().get(path(id) + "/history");
		assertThat(history.statusCode()).isEqualTo(200);
		assertThat(ApiTestClient.json(history).get("items")).extracting((item) -> item.get("change").stringValue())
			.containsExactly("DELETED", "CREATED");
		for (String unknown : List.of("V1StGXR8_Z5jdHi6B-myT", "nope")) {
			HttpResponse<String> response = client().get(path(unknown) + "/history");
			assertThat(response.statusCode()).as(unknown).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	@Test
	void shouldNotLetAnOlderVersionsResultFinaliseTheNewerOneButShowItInTheHistory() {
		String id = create("Racing");
		String first = eventId(id);
		client().putJson(path(id), "{\"name\":\"Racing 2\",\"emoji\":\"🏁\"}", "If-Match", "\"1\"");
		String second = eventId(id);
		assertThat(second).isNotEqualTo(first);

		send(SyncResults.synced(id, first, 2));
		send(SyncResults.ofVersion(SyncResults.retrying(id, second, 1), 2));
		awaitRecorded(SyncResults.retrying(id, second, 1).eventId());

		JsonNode sync = ApiTestClient.json(client().get(path(id))).get("sync");
		assertThat(sync.get("status").stringValue()).isEqualTo("PENDING");
		assertThat(sync.get("attempts").asInt()).isEqualTo(1);
		JsonNode items = ApiTestClient.json(client().get(path(id) + "/history")).get("items");
		JsonNode newer = items.get(0).get("sync");
		JsonNode older = items.get(1).get("sync");
		assertThat(newer.get("status").stringValue()).isEqualTo("PENDING");
		assertThat(newer.get("attempts").asInt()).isEqualTo(1);
		assertThat(newer.get("lastError").get("type").stringValue()).isEqualTo("TransientStoreException");
		assertThat(newer.get("results")).extracting((r) -> r.get("status").stringValue()).containsExactly("RETRYING");
		assertThat(older.get("status").stringValue()).isEqualTo("SYNCED");
		assertThat(older.get("attempts").asInt()).isEqualTo(2);
		assertThat(older.get("lastError").isNull()).isTrue();
		assertThat(older.get("results")).extracting((r) -> r.get("sourceEventId").stringValue())
			.containsExactly(first);
		assertThat(this.jdbc.queryForList("SELECT version FROM sync_results WHERE assistant_id = ? ORDER BY seq",
				Long.class, id)).containsExactly(1L, 2L);

		send(SyncResults.ofVersion(SyncResults.synced(id, second, 2), 2));
		awaitStatus(id, "SYNCED");
	}

	@Test
	void shouldResyncAFailedUpdateAsAPendingUpdateAndAFailedDeleteAsAPendingDelete() {
		String id = create("Resynced");
		client().mergePatch(path(id), "{\"name\":\"Resynced 2\"}", "If-Match", "\"1\"");
		send(SyncResults.ofVersion(SyncResults.deadLettered(id, eventId(id), 5), 2));
		awaitStatus(id, "FAILED");

		try (TopicReader changes = new TopicReader(this.topics.pendingCreate())) {
			HttpResponse<String> resync = client().post(path(id) + "/sync", null, new byte[0]);
			assertThat(resync.statusCode()).isEqualTo(202);
			ConsumerRecord<String, byte[]> update = awaitChange(changes, eventId(id));
			assertThat(TopicReader.header(update, EventHeaders.CE_TYPE)).isEqualTo(EventTypes.PENDING_UPDATE_V1);
			String value = new String(update.value(), StandardCharsets.UTF_8);
			EventSchemas.assertConforms(EventTypes.PENDING_UPDATE_V1, value);
			JsonNode event = EventJson.mapper().readTree(value);
			assertThat(event.get("version").asLong()).isEqualTo(2);
			assertThat(event.get("assistant").get("name").stringValue()).isEqualTo("Resynced 2");

			client().delete(path(id), "If-Match", "\"2\"");
			send(SyncResults.ofVersion(SyncResults.deadLettered(id, eventId(id), 5), 3));
			await().atMost(TIMEOUT)
				.until(() -> this.jdbc.queryForObject("SELECT sync_status FROM assistants WHERE id = ?", String.class,
						id), "FAILED"::equals);
			HttpResponse<String> deleteResync = client().post(path(id) + "/sync", null, new byte[0]);
			assertThat(deleteResync.statusCode()).isEqualTo(202);
			assertThat(ApiTestClient.json(deleteResync).get("version").asLong()).isEqualTo(3);
			ConsumerRecord<String, byte[]> delete = awaitChange(changes, eventId(id));
			assertThat(TopicReader.header(delete, EventHeaders.CE_TYPE)).isEqualTo(EventTypes.PENDING_DELETE_V1);
			String deleteValue = new String(delete.value(), StandardCharsets.UTF_8);
			EventSchemas.assertConforms(EventTypes.PENDING_DELETE_V1, deleteValue);
			assertThat(EventJson.mapper().readTree(deleteValue).get("version").asLong()).isEqualTo(3);
		}
	}

	@Test
	void shouldCountDeletedAssistantsInTheStatusUntilTheirDeleteIsSynced() {
		String id = create("Counted");
		send(SyncResults.synced(id, eventId(id), 1));
		awaitStatus(id, "SYNCED");
		JsonNode before = ApiTestClient.json(client().get("/api/sync/status")).get("assistants");

		client().delete(path(id), "If-Match", "\"1\"");
		JsonNode deleting = ApiTestClient.json(client().get("/api/sync/status")).get("assistants");
		assertThat(deleting.get("SYNCED").asLong() - before.get("SYNCED").asLong()).isEqualTo(-1);
		assertThat(deleting.get("PENDING").asLong() - before.get("PENDING").asLong()).isEqualTo(1);

		send(SyncResults.ofVersion(SyncResults.synced(id, eventId(id), 1), 2));
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForObject("SELECT sync_status FROM assistants WHERE id = ?", String.class, id),
					"SYNCED"::equals);
		JsonNode deleted = ApiTestClient.json(client().get("/api/sync/status")).get("assistants");
		assertThat(deleted.get("SYNCED").asLong() - before.get("SYNCED").asLong()).isEqualTo(-1);
		assertThat(deleted.get("PENDING").asLong() - before.get("PENDING").asLong()).isZero();
	}

	private ConsumerRecord<String, byte[]> awaitChange(TopicReader changes, String eventId) {
		return changes.await((r) -> eventId.equals(TopicReader.header(r, EventHeaders.CE_ID)), 1, TIMEOUT).get(0);
	}

	private static List<String> fields(JsonNode item) {
		List<String> fields = new ArrayList<>();
		item.get("changedFields").forEach((field) -> fields.add(field.stringValue()));
		return fields;
	}

	private void awaitStatus(String id, String status) {
		await().atMost(TIMEOUT)
			.until(() -> ApiTestClient.json(client().get(path(id))).get("sync").get("status").stringValue(),
					status::equals);
	}

	private void awaitRecorded(String resultId) {
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM sync_results WHERE event_id = ?", Integer.class,
					resultId) == 1);
	}

	private void send(SyncResult outcome) {
		TopicReader.send(SyncResults.record(this.topics.syncResults(), outcome));
	}

	private String eventId(String id) {
		return this.jdbc.queryForObject("SELECT sync_event_id FROM assistants WHERE id = ?", String.class, id);
	}

	private String create(String name) {
		return created("{\"name\":\"" + name + "\",\"emoji\":\"🛩️\"}");
	}

	private String created(String json) {
		return client().createAssistant(json);
	}

	private static String path(String id) {
		return "/api/assistants/" + id;
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

}
