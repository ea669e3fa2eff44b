package io.assistantsync.api.assistant;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.testing.EventSchemas;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PUT, PATCH and DELETE of an assistant (docs/contract.md §7): If-Match, ETag, 412 with the current resource,
 * 428, 404 after a delete, one winner among concurrent writes, Idempotency-Key, validation and the events.
 */
@ApiServiceIntegrationTest
class AssistantChangesIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String MERGE_PATCH = "application/merge-patch+json";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	@Test
	void shouldAnswerAnETagOnGet() {
		String id = create("Etagged");

		HttpResponse<String> read = client().get(path(id));

		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
	}

	@Test
	void shouldReplaceWithIfMatchAndAnswerTheNewVersion() {
		String id = create("Before");
		JsonNode before = ApiTestClient.json(client().get(path(id)));

		HttpResponse<String> put = client().putJson(path(id),
				"{\"name\":\"  After \",\"emoji\":\"🛰️\",\"tags\":[\"x\"],\"visibility\":\"PUBLIC\"}", "If-Match", "\"1\"");

		assertThat(put.statusCode()).isEqualTo(202);
		assertThat(put.headers().firstValue("ETag")).hasValue("\"2\"");
		assertThat(put.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith(path(id)));
		JsonNode after = ApiTestClient.json(put);
		assertThat(after.get("version").asLong()).isEqualTo(2);
		assertThat(after.get("name").stringValue()).isEqualTo("After");
		assertThat(after.get("emoji").stringValue()).isEqualTo("🛰️");
		assertThat(after.get("visibility").stringValue()).isEqualTo("PUBLIC");
		assertThat(after.get("description").isNull()).isTrue();
		assertThat(after.get("createdAt")).isEqualTo(before.get("createdAt"));
		assertThat(after.get("updatedAt").stringValue()).isGreaterThanOrEqualTo(before.get("updatedAt").stringValue());
		assertThat(after.get("sync").get("status").stringValue()).isEqualTo("PENDING");
		assertThat(after.get("sync").get("attempts").asInt()).isZero();
		HttpResponse<String> read = client().get(path(id));
		assertThat(ApiTestClient.json(read)).isEqualTo(after);
		assertThat(read.headers().firstValue("ETag")).hasValue("\"2\"");
	}

	@Test
	void shouldMergeAPatchOntoTheCurrentFields() {
		String id = created("{\"name\":\"Patched\",\"emoji\":\"🩹\",\"description\":\"old\",\"tags\":[\"a\"]}");

		HttpResponse<String> patch = client().mergePatch(path(id), "{\"description\":null,\"category\":\"ops\"}",
				"If-Match", "\"1\"");

		assertThat(patch.statusCode()).isEqualTo(202);
		assertThat(patch.headers().firstValue("ETag")).hasValue("\"2\"");
		JsonNode after = ApiTestClient.json(patch);
		assertThat(after.get("name").stringValue()).isEqualTo("Patched");
		assertThat(after.get("description").isNull()).isTrue();
		assertThat(after.get("category").stringValue()).isEqualTo("ops");
		assertThat(after.get("tags").get(0).stringValue()).isEqualTo("a");
		assertThat(after.get("version").asLong()).isEqualTo(2);
	}

	@Test
	void shouldDeleteAndThenAnswer404ToReadsListsAndWrites() {
		String id = create("Deleted");

		HttpResponse<String> delete = client().delete(path(id), "If-Match", "\"1\"");

		assertThat(delete.statusCode()).isEqualTo(202);
		assertThat(delete.headers().firstValue("ETag")).hasValue("\"2\"");
		JsonNode deleted = ApiTestClient.json(delete);
		assertThat(deleted.get("version").asLong()).isEqualTo(2);
		assertThat(deleted.get("name").stringValue()).isEqualTo("Deleted");
		assertThat(deleted.get("sync").get("status").stringValue()).isEqualTo("PENDING");
		assertNotFound(client().get(path(id)));
		assertNotFound(client().putJson(path(id), "{\"name\":\"A\",\"emoji\":\"b\"}", "If-Match", "*"));
		assertNotFound(client().mergePatch(path(id), "{\"name\":\"A\"}", "If-Match", "\"2\""));
		assertNotFound(client().delete(path(id), "If-Match", "\"2\""));
		assertNotFound(client().get(path(id) + "/sync-events", "Accept", "text/event-stream"));
		List<String> listed = new ArrayList<>();
		ApiTestClient.json(client().get("/api/assistants?limit=200"))
			.get("items")
			.forEach((item) -> listed.add(item.get("id").stringValue()));
		assertThat(listed).isNotEmpty().doesNotContain(id);
	}

	@Test
	void shouldRequireIfMatch() {
		String id = create("Unconditional");
		for (HttpResponse<String> response : List.of(client().putJson(path(id), "{\"name\":\"A\",\"emoji\":\"b\"}"),
				client().mergePatch(path(id), "{\"name\":\"A\"}"), client().delete(path(id)))) {
			assertThat(response.statusCode()).isEqualTo(428);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(ApiTestClient.json(response).get("type").stringValue()).endsWith("/precondition-required");
		}
		assertThat(version(id)).isEqualTo(1);
	}

	@Test
	void shouldAnswer412WithTheCurrentResourceForAStaleOrWeakIfMatch() {
		String id = create("Stale");
		client().putJson(path(id), "{\"name\":\"Fresh\",\"emoji\":\"b\"}", "If-Match", "\"1\"");

		for (String ifMatch : List.of("\"1\"", "W/\"2\"", "\"3\", \"1\"", "2", "\"2")) {
			HttpResponse<String> stale = client().delete(path(id), "If-Match", ifMatch);
			assertThat(stale.statusCode()).as(ifMatch).isEqualTo(412);
			assertThat(stale.headers().firstValue("ETag")).hasValue("\"2\"");
			JsonNode problem = ApiTestClient.json(stale);
			assertThat(problem.get("type").stringValue()).endsWith("/precondition-failed");
			JsonNode current = problem.get("current");
			assertThat(current.get("version").asLong()).isEqualTo(2);
			assertThat(current.get("name").stringValue()).isEqualTo("Fresh");
			assertThat(current.get("sync").get("status").stringValue()).isEqualTo("PENDING");
			assertThat(current.get("updatedAt").stringValue()).matches(".*\\.\\d{3}Z");
		}
		assertThat(client().delete(path(id), "If-Match", "\"7\", \"2\"").statusCode()).isEqualTo(202);
		assertThat(version(id)).isEqualTo(3);
	}

	@Test
	void shouldMatchAnyExistingAssistantWithAStar() {
		String id = create("Starred");

		assertThat(client().mergePatch(path(id), "{\"name\":\"Star\"}", "If-Match", "*").statusCode()).isEqualTo(202);
		assertNotFound(client().mergePatch(path("V1StGXR8_Z5jdHi6B-myT"), "{\"name\":\"Star\"}", "If-Match", "*"));
		assertNotFound(client().mergePatch(path("nope"), "{\"name\":\"Star\"}", "If-Match", "*"));
	}

	@Test
	void shouldLetExactlyOneOfConcurrentWritesWithTheSameIfMatchWin() throws Exception {
		String id = create("Contended");
		int writers = 8;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < writers; i++) {
				String body = "{\"name\":\"Writer " + i + "\",\"emoji\":\"✍️\"}";
				Callable<Integer> write = () -> {
					start.await();
					return client().putJson(path(id), body, "If-Match", "\"1\"").statusCode();
				};
				statuses.add(pool.submit(write));
			}
			start.countDown();
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get());
			}
			assertThat(answered).filteredOn((s) -> s == 202).hasSize(1);
			assertThat(answered).filteredOn((s) -> s == 412).hasSize(writers - 1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(version(id)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM assistant_versions WHERE assistant_id = ?",
				Integer.class, id)).isEqualTo(2);
	}

	@Test
	void shouldReplayAWriteWithTheSameIdempotencyKeyAndRefuseAnotherRequest() {
		String id = create("Idempotent");
		String put = "put-" + UUID.randomUUID();
		String patch = "patch-" + UUID.randomUUID();
		String delete = "delete-" + UUID.randomUUID();

		HttpResponse<String> first = client().putJson(path(id), "{\"name\":\"Once\",\"emoji\":\"1️⃣\"}", "If-Match",
				"\"1\"", "Idempotency-Key", put);
		HttpResponse<String> again = client().putJson(path(id), "{ \"emoji\":\"1️⃣\", \"name\":\"Once\" }",
				"If-Match", "\"1\"", "Idempotency-Key", put);
		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("ETag")).hasValue("\"2\"");
		assertReused(client().putJson(path(id), "{\"name\":\"Twice\",\"emoji\":\"1️⃣\"}", "If-Match", "\"1\"",
				"Idempotency-Key", put));
		assertReused(client().putJson(path(id), "{\"name\":\"Once\",\"emoji\":\"1️⃣\"}", "If-Match", "\"2\"",
				"Idempotency-Key", put));
		assertReused(client().mergePatch(path(id), "{\"name\":\"Once\",\"emoji\":\"1️⃣\"}", "If-Match", "\"1\"",
				"Idempotency-Key", put));

		HttpResponse<String> patched = client().mergePatch(path(id), "{\"category\":\"once\"}", "If-Match", "\"2\"",
				"Idempotency-Key", patch);
		assertThat(patched.statusCode()).isEqualTo(202);
		assertThat(client().mergePatch(path(id), "{\"category\":\"once\"}", "If-Match", "\"2\"", "Idempotency-Key",
				patch)
			.body()).isEqualTo(patched.body());

		HttpResponse<String> deleted = client().delete(path(id), "If-Match", "\"3\"", "Idempotency-Key", delete);
		HttpResponse<String> deletedAgain = client().delete(path(id), "If-Match", "\"3\"", "Idempotency-Key", delete);
		assertThat(deleted.statusCode()).isEqualTo(202);
		assertThat(deletedAgain.statusCode()).isEqualTo(202);
		assertThat(deletedAgain.body()).isEqualTo(deleted.body());
		assertThat(deletedAgain.headers().firstValue("ETag")).hasValue("\"4\"");
		assertReused(client().delete(path(id), "If-Match", "\"4\"", "Idempotency-Key", delete));
		assertThat(version(id)).isEqualTo(4);
	}

	@Test
	void shouldValidateAPutAsAPostAndTheMergedResultOfAPatch() {
		String id = create("Valid");

		assertFields(client().putJson(path(id), "{\"emoji\":5,\"nmae\":\"x\"}", "If-Match", "\"1\""), "name", "emoji",
				"nmae");
		assertFields(client().mergePatch(path(id), "{\"name\":null,\"category\":\"Bad Category\"}", "If-Match",
				"\"1\""), "name", "category");
		assertFields(client().mergePatch(path(id), "{\"color\":\"red\"}", "If-Match", "\"1\""), "color");
		assertFields(client().mergePatch(path(id), "[1]", "If-Match", "\"1\""), "body");
		assertFields(client().mergePatch(path(id), "{\"name\":\"a\",\"name\":\"b\"}", "If-Match", "\"1\""), "name");

		HttpResponse<String> json = client().send("PATCH", path(id), "application/json", "{\"name\":\"A\"}",
				"If-Match", "\"1\"");
		assertThat(json.statusCode()).isEqualTo(415);
		assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(client().send("PUT", path(id), "text/plain", "{}", "If-Match", "\"1\"").statusCode())
			.isEqualTo(415);
		assertThat(version(id)).isEqualTo(1);
	}

	@Test
	void shouldPublishEachChangeWithItsTypeAndAConformingPayload() {
		try (TopicReader changes = new TopicReader(this.topics.pendingCreate())) {
			String id = create("Published");
			client().mergePatch(path(id), "{\"name\":\"Published again\"}", "If-Match", "\"1\"");
			client().delete(path(id), "If-Match", "\"2\"");

			List<ConsumerRecord<String, byte[]>> records = changes.await((r) -> id.equals(r.key()), 3, TIMEOUT);

			assertThat(records).extracting((r) -> TopicReader.header(r, EventHeaders.CE_TYPE))
				.containsExactly(EventTypes.PENDING_CREATE_V1, EventTypes.PENDING_UPDATE_V1,
						EventTypes.PENDING_DELETE_V1);
			List<Long> versions = new ArrayList<>();
			for (ConsumerRecord<String, byte[]> record : records) {
				String value = new String(record.value(), StandardCharsets.UTF_8);
				EventSchemas.assertConforms(TopicReader.header(record, EventHeaders.CE_TYPE), value);
				JsonNode event = EventJson.mapper().readTree(value);
				versions.add(event.get("version").asLong());
				assertThat(event.get("assistantId").stringValue()).isEqualTo(id);
				assertThat(TopicReader.header(record, EventHeaders.CE_SOURCE)).isEqualTo("/api-service");
			}
			assertThat(versions).containsExactly(1L, 2L, 3L);
			JsonNode update = EventJson.mapper()
				.readTree(new String(records.get(1).value(), StandardCharsets.UTF_8));
			assertThat(update.get("assistant").get("name").stringValue()).isEqualTo("Published again");
			assertThat(update.get("assistant").get("version").asLong()).isEqualTo(2);
		}
	}

	private void assertFields(HttpResponse<String> response, String... fields) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		List<String> named = new ArrayList<>();
		ApiTestClient.json(response).get("errors").forEach((error) -> named.add(error.get("field").stringValue()));
		assertThat(named).containsExactlyInAnyOrder(fields);
	}

	private static void assertReused(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private static void assertNotFound(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private long version(String id) {
		return this.jdbc.queryForObject("SELECT version FROM assistants WHERE id = ?", Long.class, id);
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
