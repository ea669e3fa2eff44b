package io.assistantsync.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both services together, as the README's run command starts them (with the demo producer's token): an
 * assistant POSTed to the api-service
 * reaches the authoritative store through Kafka and the sync-worker, and its sync state comes back; one the
 * store rejects ends FAILED and is synced by a manual re-sync or by replaying its dead letter with the
 * worker's command line, once the cause is fixed. Creates, updates and deletes racing each other end with the
 * authoritative store holding exactly the api-service's latest version of every assistant.
 */
class PipelineEndToEndIntegrationTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

	private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

	private static LocalStackProcess stack;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startTheStack() {
		stack = LocalStackProcess.start(Map.of());
		stack.awaitReady(START_TIMEOUT);
	}

	@AfterAll
	static void stopTheStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void shouldSyncAPostedAssistantIntoTheAuthoritativeStore() throws Exception {
		HttpResponse<String> created = post("/api/assistants", """
				{"name": "Flight log analyst", "emoji": "🛩️", "category": "analysis", "tags": ["drone", "logs"],
				 "instructions": "You are a careful analyst."}""");
		assertThat(created.statusCode()).isEqualTo(202);
		String id = json(created.body()).get("id").asString();
		assertThat(created.headers().firstValue("Location")).hasValue("/api/assistants/" + id);
		assertThat(json(created.body()).get("ownerId").asString()).isEqualTo("demo-producer");

		JsonNode synced = awaitStatus(id, "SYNCED");

		assertThat(synced.at("/sync/attempts").asInt()).isEqualTo(1);
		assertThat(synced.at("/sync/syncedAt").asString()).endsWith("Z");
		try (Connection store = authority();
				PreparedStatement query = store
					.prepareStatement("SELECT owner_id, name, emoji, tags, version FROM assistants WHERE id = ?")) {
			query.setString(1, id);
			try (ResultSet row = query.executeQuery()) {
				assertThat(row.next()).isTrue();
				assertThat(row.getString("owner_id")).as("the owner travels in the event").isEqualTo("demo-producer");
				assertThat(row.getString("name")).isEqualTo("Flight log analyst");
				assertThat(row.getString("emoji")).isEqualTo("🛩️");
				assertThat((String[]) row.getArray("tags").getArray()).containsExactly("drone", "logs");
				assertThat(row.getLong("version")).isEqualTo(1);
			}
		}
		String events = get("/api/assistants/" + id + "/sync-events").body();
		assertThat(events).containsPattern("event: ?state").containsPattern("event: ?sync-result").contains("\"status\":\"SYNCED\"");
	}

	@Test
	void shouldFailWhatTheStoreRejectsAndSyncItOnAManualResyncOnceFixed() throws Exception {
		String category = rejectedCategory();
		String id = postAssistant(category);
		JsonNode failed = awaitStatus(id, "FAILED");
		assertThat(failed.at("/sync/lastError/type").asString()).isEqualTo("PermanentSyncException");
		assertThat(failed.at("/sync/lastError/message").asString()).contains("23514");

		accept(category);
		HttpResponse<String> resync = post("/api/assistants/" + id + "/sync", "");

		assertThat(resync.statusCode()).isEqualTo(202);
		assertThat(awaitStatus(id, "SYNCED").at("/sync/attempts").asInt()).isEqualTo(1);
		assertThat(post("/api/assistants/" + id + "/sync", "").statusCode()).isEqualTo(409);
	}

	@Test
	void shouldSyncAFailedAssistantWhenAnOperatorReplaysItsDeadLetter() throws Exception {
		String category = rejectedCategory();
		String id = postAssistant(category);
		awaitStatus(id, "FAILED");
		accept(category);

		ProcessBuilder command = new ProcessBuilder(LocalStackProcess.javaExecutable(), "-jar",
				LocalStackProcess.ROOT.resolve("sync-worker/target/sync-worker-exec.jar").toString(), "dlt", "replay",
				"--assistant-id", id)
			.redirectErrorStream(true);
		command.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
		Process replay = command.start();
		String output = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(replay.waitFor(60, TimeUnit.SECONDS)).isTrue();

		assertThat(replay.exitValue()).as(output).isZero();
		assertThat(output).contains("REPLAYED", id, "replayed 1");
		assertThat(awaitStatus(id, "SYNCED").at("/sync/status").asString()).isEqualTo("SYNCED");
	}

	/**
	 * 100 changes (creates, PUTs, PATCHes and DELETEs) of 10 assistants, four at a time in a random order, each
	 * with the ETag its sender last saw, so that some lose the race (412) and retry with the current version,
	 * and the worker receives every assistant's changes in batches of mixed types and versions.
	 */
	@Test
	void shouldEndRandomInterleavingsOfChangesWithTheAuthorityAtTheLatestVersions() throws Exception {
		long seed = new Random().nextLong();
		Random random = new Random(seed);
		int slots = 10;
		List<String> live = new ArrayList<>();
		for (int i = 0; i < slots; i++) {
			live.add(postAssistant("interleaved"));
		}
		Map<String, Long> lastVersion = new ConcurrentHashMap<>();
		live.forEach((id) -> lastVersion.put(id, 1L));
		List<String> deleted = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicInteger conflicts = new AtomicInteger();
		List<Integer> plan = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			plan.add(random.nextInt(100));
		}
		ExecutorService senders = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (int roll : plan) {
				sent.add(senders.submit(() -> {
					change(roll, live, lastVersion, deleted, conflicts);
					return null;
				}));
			}
			for (Future<?> one : sent) {
				one.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			senders.shutdownNow();
		}

		List<String> all = new ArrayList<>(lastVersion.keySet());
		await("every latest version to be SYNCED (seed " + seed + ")").atMost(SYNC_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				for (String id : all) {
					if (!latestIsSynced(id, lastVersion.get(id))) {
						return false;
					}
				}
				return true;
			});
		try (Connection store = authority();
				PreparedStatement query = store.prepareStatement(
						"SELECT version, deleted_at IS NOT NULL AS deleted, name FROM assistants WHERE id = ?")) {
			for (String id : all) {
				query.setString(1, id);
				try (ResultSet row = query.executeQuery()) {
					assertThat(row.next()).as("authority row of %s (seed %d)", id, seed).isTrue();
					assertThat(row.getLong("version")).as("version of %s (seed %d)", id, seed)
						.isEqualTo(lastVersion.get(id));
					assertThat(row.getBoolean("deleted")).as("tombstone of %s (seed %d)", id, seed)
						.isEqualTo(deleted.contains(id));
					if (!deleted.contains(id)) {
						assertThat(row.getString("name"))
							.isEqualTo(json(get("/api/assistants/" + id).body()).get("name").asString());
					}
				}
			}
		}
		assertThat(deleted).as("deletes accepted (seed %d)", seed).isNotEmpty();
		assertThat(lastVersion.values().stream().mapToLong(Long::longValue).sum()).as("changes accepted (seed %d)", seed)
			.isGreaterThan(slots + 50L);
	}

	/**
	 * One random change: a PUT, PATCH or DELETE of a live assistant with the ETag last seen for it, retried with
	 * the current version after a 412, or a create when the roll says so.
	 */
	private void change(int roll, List<String> live, Map<String, Long> lastVersion, List<String> deleted,
			AtomicInteger conflicts) throws Exception {
		if (roll < 10) {
			String id = postAssistant("interleaved");
			lastVersion.put(id, 1L);
			synchronized (live) {
				live.add(id);
			}
			return;
		}
		String id;
		synchronized (live) {
			if (live.isEmpty()) {
				return;
			}
			id = live.get(roll % live.size());
		}
		for (int tries = 0; tries < 20; tries++) {
			long version = lastVersion.get(id);
			HttpResponse<String> answer;
			if (roll < 85) {
				boolean put = roll % 2 == 0;
				String body = put ? "{\"name\": \"Put " + roll + "\", \"emoji\": \"🧾\", \"tags\": [\"t" + roll + "\"]}"
						: "{\"description\": \"Patched " + roll + "\", \"name\": \"Patch " + roll + "\"}";
				answer = send(put ? "PUT" : "PATCH", "/api/assistants/" + id, body,
						put ? "application/json" : "application/merge-patch+json", "\"" + version + "\"");
			}
			else {
				answer = send("DELETE", "/api/assistants/" + id, null, null, "\"" + version + "\"");
			}
			if (answer.statusCode() == 202) {
				lastVersion.merge(id, json(answer.body()).get("version").asLong(), Math::max);
				if (roll >= 85) {
					deleted.add(id);
					synchronized (live) {
						live.remove(id);
					}
				}
				return;
			}
			if (answer.statusCode() == 404) {
				return;
			}
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(412);
			conflicts.incrementAndGet();
			lastVersion.merge(id, json(answer.body()).at("/current/version").asLong(), Math::max);
		}
	}

	/** Whether the assistant's latest version is SYNCED, read from its history (which a deleted one keeps). */
	private boolean latestIsSynced(String id, long version) throws Exception {
		JsonNode latest = json(get("/api/assistants/" + id + "/history?limit=1").body()).at("/items/0");
		return latest.get("version").asLong() == version && "SYNCED".equals(latest.at("/sync/status").asString());
	}

	/** A category the authoritative store refuses until {@link #accept(String)}: a real check constraint. */
	private static String rejectedCategory() throws SQLException {
		String category = "rejected-" + UUID.randomUUID().toString().substring(0, 8);
		try (Connection store = authority(); Statement statement = store.createStatement()) {
			statement.execute("ALTER TABLE assistants ADD CONSTRAINT \"no_" + category + "\" CHECK (category IS DISTINCT FROM '"
					+ category + "')");
		}
		return category;
	}

	private static void accept(String category) throws SQLException {
		try (Connection store = authority(); Statement statement = store.createStatement()) {
			statement.execute("ALTER TABLE assistants DROP CONSTRAINT \"no_" + category + "\"");
		}
	}

	private String postAssistant(String category) throws Exception {
		HttpResponse<String> created = post("/api/assistants",
				"{\"name\": \"Invoice checker\", \"emoji\": \"🧾\", \"category\": \"" + category + "\"}");
		assertThat(created.statusCode()).isEqualTo(202);
		return json(created.body()).get("id").asString();
	}

	private JsonNode awaitStatus(String id, String status) {
		JsonNode[] last = new JsonNode[1];
		await("assistant " + id + " to be " + status).atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = json(get("/api/assistants/" + id).body());
			return status.equals(last[0].at("/sync/status").asString());
		});
		return last[0];
	}

	private static Connection authority() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + stack.postgresPort + "/assistants_authority",
				"postgres", "");
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(stack.api(path))
			.header("Authorization", "Bearer " + stack.token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, String body, String contentType, String ifMatch)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(stack.api(path))
			.header("Authorization", "Bearer " + stack.token())
			.header("If-Match", ifMatch)
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(stack.api(path))
			.header("Authorization", "Bearer " + stack.token())
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(String body) {
		return JsonMapper.shared().readTree(body);
	}

}
