package io.assistantsync.api.assistant;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Idempotency-Key header of {@code POST /api/assistants} (docs/contract.md §2).
 */
@ApiServiceIntegrationTest
class IdempotencyIntegrationTests {

	private static final String PATH = "/api/assistants";

	private static final String BODY = "{\"name\":\"Flight log analyst\",\"emoji\":\"🛩️\",\"tags\":[\"drone\"]}";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IdempotencyKeyCleanup cleanup;

	@Test
	void shouldAnswerARepeatedRequestWithTheFirstAnswerAndCreateNothing() {
		String key = newKey();
		HttpResponse<String> first = client().postJson(PATH, BODY, "Idempotency-Key", key);
		long assistants = count("assistants");
		long outboxRows = outboxSequence();

		HttpResponse<String> second = client().postJson(PATH, BODY, "Idempotency-Key", key);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(second.statusCode()).isEqualTo(202);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(count("assistants")).isEqualTo(assistants);
		assertThat(outboxSequence()).isEqualTo(outboxRows);
	}

	@Test
	void shouldTreatTheSameRequestWrittenDifferentlyAsTheSame() {
		String key = newKey();
		HttpResponse<String> first = client().postJson(PATH, BODY, "Idempotency-Key", key);

		HttpResponse<String> reformatted = client().postJson(PATH,
				"{ \"tags\": [\"drone\"],\n \"emoji\": \"🛩️\", \"name\": \"  Flight log analyst \", \"visibility\": \"PRIVATE\" }",
				"Idempotency-Key", key);

		assertThat(reformatted.statusCode()).isEqualTo(202);
		assertThat(reformatted.body()).isEqualTo(first.body());
	}

	@Test
	void shouldReadRepeatedKeyHeaderLinesAsOneCommaJoinedKey() {
		String key = newKey();
		HttpResponse<String> split = client().postJson(PATH, BODY, "Idempotency-Key", key, "Idempotency-Key", "part-2");

		HttpResponse<String> joined = client().postJson(PATH, BODY, "Idempotency-Key", key + ",part-2");

		assertThat(split.statusCode()).isEqualTo(202);
		assertThat(joined.statusCode()).isEqualTo(202);
		assertThat(joined.body()).isEqualTo(split.body());
	}

	@Test
	void shouldRejectTheSameKeyWithADifferentBody() {
		String key = newKey();
		client().postJson(PATH, BODY, "Idempotency-Key", key);
		long assistants = count("assistants");

		HttpResponse<String> other = client().postJson(PATH, BODY.replace("Flight", "Flying"), "Idempotency-Key", key);

		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(ApiTestClient.json(other).get("type").stringValue()).endsWith("/idempotency-key-reused");
		assertThat(count("assistants")).isEqualTo(assistants);
	}

	@Test
	void shouldNotLetAnInvalidRequestConsumeAKey() {
		String key = newKey();
		assertThat(client().postJson(PATH, "{\"name\":\"\"}", "Idempotency-Key", key).statusCode()).isEqualTo(400);

		assertThat(client().postJson(PATH, BODY, "Idempotency-Key", key).statusCode()).isEqualTo(202);
	}

	@Test
	void shouldCreateExactlyOneAssistantForTwentyConcurrentRequestsWithOneKey() throws Exception {
		String key = newKey();
		String body = "{\"name\":\"Concurrent " + key + "\",\"emoji\":\"🛩️\"}";
		int requests = 20;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			List<Future<HttpResponse<String>>> responses = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				responses.add(pool.submit(() -> {
					start.await();
					return client().postJson(PATH, body, "Idempotency-Key", key);
				}));
			}
			start.countDown();
			List<String> bodies = new ArrayList<>();
			for (Future<HttpResponse<String>> response : responses) {
				HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
				bodies.add(answer.body());
			}
			assertThat(bodies).containsOnly(bodies.get(0));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM assistants WHERE name = ?", Long.class,
				"Concurrent " + key))
			.isEqualTo(1);
	}

	@Test
	void shouldForgetKeysAfterTheRetention() {
		String expired = newKey();
		String fresh = newKey();
		HttpResponse<String> first = client().postJson(PATH, BODY, "Idempotency-Key", expired);
		client().postJson(PATH, BODY, "Idempotency-Key", fresh);
		this.jdbc.update("UPDATE idempotency_keys SET created_at = ? WHERE idempotency_key = ?",
				Timestamp.from(Instant.now().minus(25, ChronoUnit.HOURS)), expired);

		assertThat(this.cleanup.deleteExpired()).isGreaterThanOrEqualTo(1);

		assertThat(keyExists(expired)).isFalse();
		assertThat(keyExists(fresh)).isTrue();
		HttpResponse<String> again = client().postJson(PATH, BODY, "Idempotency-Key", expired);
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(id(again)).isNotEqualTo(id(first));
	}

	@Test
	void shouldTakeOverAnExpiredKeyTheCleanupHasNotDeletedYet() {
		String key = newKey();
		HttpResponse<String> first = client().postJson(PATH, BODY, "Idempotency-Key", key);
		this.jdbc.update("UPDATE idempotency_keys SET created_at = ? WHERE idempotency_key = ?",
				Timestamp.from(Instant.now().minus(25, ChronoUnit.HOURS)), key);

		HttpResponse<String> again = client().postJson(PATH, BODY.replace("Flight", "Other"), "Idempotency-Key", key);

		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(id(again)).isNotEqualTo(id(first));
	}

	@Test
	void shouldDeleteExpiredKeysInBatches() {
		Timestamp old = Timestamp.from(Instant.now().minus(2, ChronoUnit.DAYS));
		for (int i = 0; i < 2_500; i++) {
			this.jdbc.update("INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, created_at) "
					+ "VALUES (?, ?, ?, ?)", "owner-" + (i % 3), "bulk-" + UUID.randomUUID(), "0".repeat(64), old);
		}

		// the default batch is 1,000 keys per statement: three statements delete them all
		assertThat(this.cleanup.deleteExpired()).isGreaterThanOrEqualTo(2_500);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE created_at < ?", Long.class,
				Timestamp.from(Instant.now().minus(24, ChronoUnit.HOURS))))
			.isZero();
	}

	private boolean keyExists(String key) {
		return this.jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", Long.class,
				key) == 1;
	}

	private long count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
	}

	private long outboxSequence() {
		return this.jdbc.queryForObject("SELECT last_value FROM outbox_id_seq", Long.class);
	}

	private static String id(HttpResponse<String> response) {
		return ApiTestClient.json(response).get("id").stringValue();
	}

	private static String newKey() {
		return UUID.randomUUID().toString();
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

}
