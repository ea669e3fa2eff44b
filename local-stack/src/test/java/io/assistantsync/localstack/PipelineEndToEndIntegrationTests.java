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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
 * worker's command line, once the cause is fixed.
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
