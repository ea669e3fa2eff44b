package io.assistantsync.api.assistant;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Create, read and list (docs/contract.md §1, §2).
 */
@ApiServiceIntegrationTest
class AssistantApiIntegrationTests {

	private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void shouldAnswer202WithLocationAndTheResourceAsTheContractShowsIt() {
		HttpResponse<String> created = client().postJson("/api/assistants",
				"{\"name\":\"Flight log analyst\",\"emoji\":\"🛩️\",\"description\":\"Reads drone flight logs.\","
						+ "\"category\":\"analysis\",\"tags\":[\"drone\",\"logs\"],\"instructions\":\"You are…\","
						+ "\"visibility\":\"PUBLIC\"}");

		assertThat(created.statusCode()).isEqualTo(202);
		JsonNode assistant = ApiTestClient.json(created);
		String id = assistant.get("id").stringValue();
		assertThat(id).matches("[A-Za-z0-9_-]{21}");
		assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/api/assistants/" + id));
		assertThat(assistant.propertyNames()).containsExactly("id", "ownerId", "name", "emoji", "description", "category",
				"tags", "instructions", "visibility", "version", "createdAt", "updatedAt", "sync");
		assertThat(assistant.get("ownerId").stringValue()).isEqualTo("anonymous");
		assertThat(assistant.get("version").asLong()).isEqualTo(1);
		assertThat(assistant.get("visibility").stringValue()).isEqualTo("PUBLIC");
		assertThat(assistant.get("createdAt").stringValue()).matches(TIMESTAMP)
			.isEqualTo(assistant.get("updatedAt").stringValue());
		JsonNode sync = assistant.get("sync");
		assertThat(sync.propertyNames()).containsExactly("status", "attempts", "lastError", "lastAttemptAt",
				"syncedAt");
		assertThat(sync.get("status").stringValue()).isEqualTo("PENDING");
		assertThat(sync.get("attempts").asInt()).isZero();
		assertThat(sync.get("lastError").isNull()).isTrue();
		assertThat(sync.get("lastAttemptAt").isNull()).isTrue();
		assertThat(sync.get("syncedAt").isNull()).isTrue();

		HttpResponse<String> read = client().get("/api/assistants/" + id);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(ApiTestClient.json(read)).isEqualTo(assistant);
	}

	@Test
	void shouldAnswer404ForUnknownAndMalformedIds() {
		for (String id : List.of("V1StGXR8_Z5jdHi6B-myT", "nope", "V1StGXR8_Z5jdHi6B-myT-too-long", "%C3%A9t%C3%A9")) {
			HttpResponse<String> response = client().get("/api/assistants/" + id);
			assertThat(response.statusCode()).as(id).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	@Test
	void shouldAnswerProblemsForUnknownPathsAndMethods() {
		HttpResponse<String> unknown = client().get("/api/nothing-here");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(ApiTestClient.json(unknown).get("type").stringValue()).isNotEqualTo("about:blank");

		HttpResponse<String> method = client().post("/api/sync/status", "application/json", new byte[0]);
		assertThat(method.statusCode()).isEqualTo(405);
		assertThat(method.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void shouldPageNewestFirstWithAStableOrderAndAnOpaqueCursor() {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			created.add(create("page " + marker + " " + i));
		}
		// two share a creation time: the id decides between them, so no item is skipped or repeated
		Timestamp same = Timestamp.from(Instant.now().plusSeconds(3600));
		this.jdbc.update("UPDATE assistants SET created_at = ? WHERE id IN (?, ?)", same, created.get(5),
				created.get(6));

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			HttpResponse<String> page = client().get(
					"/api/assistants?limit=3" + ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(page.statusCode()).isEqualTo(200);
			JsonNode body = ApiTestClient.json(page);
			assertThat(body.get("items").size()).isLessThanOrEqualTo(3);
			body.get("items").forEach((item) -> seen.add(item.get("id").stringValue()));
			cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").stringValue();
			assertThat(cursor).satisfiesAnyOf((c) -> assertThat(c).isNull(),
					(c) -> assertThat(c).matches("[A-Za-z0-9_-]+").doesNotContain(marker));
			pages++;
		}
		while (cursor != null && pages < 1000);

		assertThat(seen).doesNotHaveDuplicates();
		List<String> mine = seen.stream().filter(created::contains).toList();
		List<String> expected = new ArrayList<>(List.of(created.get(6), created.get(5)).stream()
			.sorted(java.util.Comparator.reverseOrder())
			.toList());
		for (int i = 4; i >= 0; i--) {
			expected.add(created.get(i));
		}
		assertThat(mine).containsExactlyElementsOf(expected);
		assertThat(seen).hasSize(count());
	}

	@Test
	void shouldFilterBySyncStatus() {
		String failed = create("failed one");
		this.jdbc.update("UPDATE assistants SET sync_status = 'FAILED' WHERE id = ?", failed);
		String pending = create("pending one");

		JsonNode page = ApiTestClient.json(client().get("/api/assistants?syncStatus=FAILED&limit=200"));

		List<String> ids = new ArrayList<>();
		page.get("items").forEach((item) -> {
			ids.add(item.get("id").stringValue());
			assertThat(item.get("sync").get("status").stringValue()).isEqualTo("FAILED");
		});
		assertThat(ids).contains(failed).doesNotContain(pending);
	}

	@Test
	void shouldUseTheDefaultLimitOf50() {
		while (count() < 51) {
			create("filler");
		}
		JsonNode page = ApiTestClient.json(client().get("/api/assistants"));
		assertThat(page.get("items").size()).isEqualTo(50);
		assertThat(page.get("nextCursor").isNull()).isFalse();
	}

	@Test
	void shouldRejectBadListParametersNamingEachOne() {
		assertBadParameters("?limit=0", "limit");
		assertBadParameters("?limit=201", "limit");
		assertBadParameters("?limit=1.5", "limit");
		assertBadParameters("?limit=ten", "limit");
		assertBadParameters("?syncStatus=DONE", "syncStatus");
		assertBadParameters("?syncStatus=failed", "syncStatus");
		assertBadParameters("?cursor=not-a-cursor", "cursor");
		assertBadParameters("?cursor=%25%25", "cursor");
		assertBadParameters("?limit=-1&syncStatus=X&cursor=Zm9v", "limit", "syncStatus", "cursor");
		assertThat(client().get("/api/assistants?limit=1").statusCode()).isEqualTo(200);
		assertThat(client().get("/api/assistants?limit=200").statusCode()).isEqualTo(200);
	}

	private void assertBadParameters(String query, String... fields) {
		HttpResponse<String> response = client().get("/api/assistants" + query);
		assertThat(response.statusCode()).as(query).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		List<String> named = new ArrayList<>();
		ApiTestClient.json(response).get("errors").forEach((error) -> named.add(error.get("field").stringValue()));
		assertThat(named).as(query).containsExactlyInAnyOrder(fields);
	}

	private int count() {
		return this.jdbc.queryForObject("SELECT count(*) FROM assistants WHERE deleted_at IS NULL", Integer.class);
	}

	private String create(String name) {
		HttpResponse<String> created = client().postJson("/api/assistants",
				"{\"name\":\"" + name + "\",\"emoji\":\"🛩️\"}");
		assertThat(created.statusCode()).isEqualTo(202);
		return ApiTestClient.json(created).get("id").stringValue();
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

}
