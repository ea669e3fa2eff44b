package io.assistantsync.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher as a person runs it: {@code java -jar local-stack/target/local-stack.jar}, here on free ports.
 */
class LocalStackLauncherIntegrationTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

	private static final Pattern SERVICE_INFO_LINE = Pattern.compile("^\\[(api-service|sync-worker)] \\S+ +INFO ");

	/** A logger of the services' own packages, as Spring Boot's console pattern abbreviates it. */
	private static final Pattern OWN_LOGGER = Pattern.compile("] (i\\.a\\.|io\\.assistantsync\\.)\\S+ +: ");

	/** The token in the banner's curl POST. */
	private static final Pattern PRINTED_TOKEN = Pattern
		.compile("curl -i -X POST .* -H 'Authorization: Bearer ([A-Za-z0-9_.-]+)'");

	private final HttpClient http = HttpClient.newHttpClient();

	private LocalStackProcess stack;

	@AfterEach
	void stopTheStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void shouldStartBothServicesReadyWithDatabaseAndKafkaThenStopEverythingOnSigterm() throws Exception {
		this.stack = LocalStackProcess.start(Map.of());
		this.stack.awaitReady(START_TIMEOUT);

		assertThat(get(this.stack.api("/actuator/health/readiness")).statusCode()).isEqualTo(200);
		assertThat(get(this.stack.worker("/actuator/health/readiness")).statusCode()).isEqualTo(200);
		assertDatabaseAndKafkaUp(this.stack.api("/actuator/health"));
		assertDatabaseAndKafkaUp(this.stack.worker("/actuator/health"));
		assertThat(this.stack.stdout()).contains("[api-service] ", "[sync-worker] ")
			.contains("curl -i -X POST http://localhost:" + this.stack.apiPort + "/api/assistants")
			.contains("kcat -C -b 127.0.0.1:" + this.stack.kafkaPort + " -t assistants.sync-results")
			.contains("  Logs         " + this.stack.logs() + System.lineSeparator())
			.contains("  Token        " + this.stack.tokenFile() + "  (demo-producer, ")
			.contains("  TOKEN=$(cat " + this.stack.tokenFile() + ")");
		assertPostsNeedThePrintedToken();
		String lastLine = "  tail -f " + this.stack.logs().resolve("sync-worker.log");
		await("the banner to stay the last thing printed").during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.stack.stdout().stripTrailing()).as("the console after the banner")
				.endsWith(lastLine));

		List<ProcessHandle> children = this.stack.descendants();
		assertThat(children).as("the two service processes").hasSize(2);
		int exitCode = this.stack.stop(STOP_TIMEOUT);

		assertThat(exitCode).as("exit code after SIGTERM").isEqualTo(143);
		assertThat(children).noneMatch(ProcessHandle::isAlive);
		// PostgreSQL runs detached from the launcher (pg_ctl): its port tells whether it stopped
		assertThat(this.stack.ports()).allMatch(Ports::isFree);
		assertThat(this.stack.stdout()).contains("Starting the token issuer", "Stopping the token issuer",
				"Stopping api-service and sync-worker", "Stopping Kafka",
				"Stopping PostgreSQL", "Stopped.");
		assertThat(this.stack.stderr()).isEmpty();
		assertQuietConsoleAndFullLogFiles();
	}

	@Test
	void shouldLeaveNothingBehindWhenStoppedWhileStarting() {
		this.stack = LocalStackProcess.start(Map.of());
		await("PostgreSQL to be starting").atMost(START_TIMEOUT)
			.until(() -> this.stack.stdout().contains("Starting PostgreSQL"));

		this.stack.stop(STOP_TIMEOUT);

		// PostgreSQL is started detached (pg_ctl): a stop that did not wait for it would leave it running
		await("every port to be released").atMost(Duration.ofSeconds(10))
			.until(() -> this.stack.ports().stream().allMatch(Ports::isFree));
		assertThat(this.stack.stderr()).isEmpty();
	}

	@Test
	void shouldReportATakenPortInOneLineAndStartNothing() throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			this.stack = LocalStackProcess.start(Map.of("API_PORT", Integer.toString(taken.getLocalPort())));

			assertThat(this.stack.awaitExit(STOP_TIMEOUT)).isEqualTo(1);
			assertThat(this.stack.stderr().lines()).containsExactly("local-stack: port " + taken.getLocalPort()
					+ " (api-service) is already in use: stop what listens on it or choose another port with API_PORT");
			assertThat(this.stack.stdout()).doesNotContain("Starting");
		}
	}

	@Test
	void shouldReportAnUnreachablePostgresInOneLine() throws IOException {
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0)) {
			closedPort = probe.getLocalPort();
		}
		String url = "jdbc:postgresql://localhost:" + closedPort + "/assistants_api";
		this.stack = LocalStackProcess.start(Map.of("SPRING_DATASOURCE_URL", url, "SYNC_STORE_JDBC_URL",
				"jdbc:postgresql://localhost:" + closedPort + "/assistants_authority"));

		assertThat(this.stack.awaitExit(STOP_TIMEOUT)).isEqualTo(1);
		assertThat(this.stack.stderr().lines())
			.containsExactly("local-stack: PostgreSQL at " + url + " is not reachable: Connection refused");
	}

	@Test
	void shouldReportAServiceThatExitsBeforeItIsReadyAndStopTheRest() {
		// a heap too small for any JVM: both services exit at once
		this.stack = LocalStackProcess.start(Map.of("LOCAL_STACK_JAVA_OPTS", "-Xmx1m"));

		assertThat(this.stack.awaitExit(START_TIMEOUT)).isEqualTo(1);
		assertThat(this.stack.stderr().lines()).singleElement()
			.asString()
			.matches("local-stack: (api-service|sync-worker) exited with code 1 before it was ready \\(its log is above\\)");
		await("Kafka and PostgreSQL to release their ports").atMost(Duration.ofSeconds(10))
			.until(() -> this.stack.ports().stream().allMatch(Ports::isFree));
	}

	/**
	 * Security is on as in production: a POST without a token is refused, one with the token of the banner's
	 * curl line (the same as the token file's) is accepted.
	 */
	private void assertPostsNeedThePrintedToken() throws Exception {
		Matcher curl = PRINTED_TOKEN.matcher(this.stack.stdout());
		assertThat(curl.find()).as("a curl line with the demo producer's token").isTrue();
		String token = curl.group(1);
		assertThat(token).isEqualTo(this.stack.token());

		assertThat(postSampleAssistant(null).statusCode()).as("a POST without a token").isEqualTo(401);
		assertThat(postSampleAssistant(token).statusCode()).as("a POST with the printed token").isEqualTo(202);
	}

	private HttpResponse<String> postSampleAssistant(String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.stack.api("/api/assistants"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Instructions.SAMPLE_ASSISTANT));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The console has the services' own lines, not Kafka's client chatter; the files have everything.
	 */
	private void assertQuietConsoleAndFullLogFiles() {
		assertThat(this.stack.stdout()).as("the console")
			.contains("[api-service] ", "Started ApiServiceApplication", "[sync-worker] ", "Started SyncWorkerApplication")
			.doesNotContainPattern("(Consumer|Producer|AdminClient)Config values:")
			.doesNotContain("AppInfoParser", "Kafka version:");
		assertThat(this.stack.stdout().lines().filter(SERVICE_INFO_LINE.asPredicate()))
			.as("the services' INFO lines on the console")
			.isNotEmpty()
			.allMatch(OWN_LOGGER.asPredicate());
		assertThat(this.stack.log("api-service.log")).contains("Started ApiServiceApplication", "ProducerConfig values:",
				"AppInfoParser");
		assertThat(this.stack.log("sync-worker.log")).contains("Started SyncWorkerApplication", "ConsumerConfig values:",
				"AppInfoParser");
		assertThat(this.stack.log("local-stack.log")).as("the broker's and PostgreSQL's log")
			.contains("kafka.server.", "EmbeddedPostgres");
	}

	private void assertDatabaseAndKafkaUp(URI health) throws Exception {
		HttpResponse<String> response = get(health);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode components = JsonMapper.shared().readTree(response.body()).path("components");
		assertThat(components.at("/db/status").asString()).as("db of %s", health).isEqualTo("UP");
		assertThat(components.at("/kafka/status").asString()).as("kafka of %s", health).isEqualTo("UP");
	}

	private HttpResponse<String> get(URI uri) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
