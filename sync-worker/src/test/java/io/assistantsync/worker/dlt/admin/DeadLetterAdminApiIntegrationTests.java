package io.assistantsync.worker.dlt.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.TestPropertySource;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.DeadLetterReplayAudited;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.worker.SyncWorkerIntegrationTest;
import io.assistantsync.worker.dlt.DeadLetterFixtures;
import io.assistantsync.worker.dlt.SyncOpsProperties;
import io.assistantsync.worker.sync.PermanentSyncException;
import io.assistantsync.worker.sync.SyncResults;
import io.assistantsync.common.boot.TopicsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API of the dead-letter topic on a running worker, over HTTP.
 */
@SyncWorkerIntegrationTest
@TestPropertySource(properties = { "sync.ops.token=" + DeadLetterFixtures.OPS_TOKEN,
		"sync.ops.kafka-timeout=5s" })
class DeadLetterAdminApiIntegrationTests {

	private static final String TOKEN = DeadLetterFixtures.OPS_TOKEN;

	@LocalServerPort
	int port;

	@Autowired
	TopicsProperties topics;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SyncOpsProperties ops;

	private final HttpClient http = HttpClient.newHttpClient();

	private DeadLetterFixtures fixtures;

	@BeforeEach
	void readTopics() {
		this.fixtures = new DeadLetterFixtures(this.topics, this.jdbc);
	}

	@AfterEach
	void closeReaders() {
		this.fixtures.close();
	}

	@Test
	void shouldAnswer401WithoutOrWithAWrongToken() throws Exception {
		for (String authorization : new String[] { null, "Bearer wrong-" + TOKEN, "Basic " + TOKEN }) {
			for (HttpResponse<String> response : List.of(get("/admin/dlt", authorization),
					post("/admin/dlt/replay", authorization, "{\"dryRun\": true}"), get("/admin", authorization))) {
				assertThat(response.statusCode()).as(response.uri() + " " + authorization).isEqualTo(401);
				assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
						challenge -> assertThat(challenge).startsWith("Bearer"));
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(json(response)).containsEntry("status", 401).containsKeys("type", "title", "detail");
				assertThat(response.body()).doesNotContain(TOKEN);
			}
		}
	}

	@Test
	void shouldListDeadLettersWithDecodedHeaders() throws Exception {
		AssistantCreationRequested event = this.fixtures.rejected();
		ConsumerRecord<String, byte[]> dead = this.fixtures.awaitDeadLetters(event.assistantId(), 1).get(0);

		HttpResponse<String> response = get("/admin/dlt?assistantId=" + event.assistantId(), "Bearer " + TOKEN);

		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> body = json(response);
		assertThat(list(body, "deadLetters")).singleElement().satisfies(deadLetter -> {
			assertThat(deadLetter).containsEntry("assistantId", event.assistantId())
				.containsEntry("type", EventTypes.PENDING_CREATE_V1)
				.containsEntry("partition", dead.partition())
				.containsEntry("offset", (int) dead.offset())
				.containsEntry("attempts", 1)
				.containsEntry("exceptionType", PermanentSyncException.class.getName());
			assertThat((Map<String, Object>) deadLetter.get("headers"))
				.containsEntry(EventHeaders.CE_ID, event.eventId())
				.containsEntry(KafkaHeaders.DLT_ORIGINAL_PARTITION, Integer.toString(dead.partition()));
		});
		assertThat((Map<String, Object>) body.get("summary")).containsEntry("listed", 1)
			.containsEntry("limitReached", false)
			.containsEntry("topic", this.fixtures.deadLetterTopic());
	}

	@Test
	void shouldAnswer400ProblemsForBadParameters() throws Exception {
		HttpResponse<String> badSince = get("/admin/dlt?since=yesterday", "Bearer " + TOKEN);
		HttpResponse<String> badLimit = get("/admin/dlt?limit=-3", "Bearer " + TOKEN);
		HttpResponse<String> typo = post("/admin/dlt/replay", "Bearer " + TOKEN, "{\"dryrun\": true}");
		HttpResponse<String> empty = post("/admin/dlt/replay", "Bearer " + TOKEN, "");

		for (HttpResponse<String> response : List.of(badSince, badLimit, typo, empty)) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response)).containsEntry("type", "https://assistantsync.io/problems/invalid-request")
				.containsEntry("status", 400)
				.containsKey("detail");
		}
		assertThat(list(json(badSince), "errors")).singleElement()
			.satisfies(error -> assertThat(error).containsEntry("field", "since"));
		assertThat(list(json(badLimit), "errors")).singleElement()
			.satisfies(error -> assertThat(error).containsEntry("field", "limit"));
		assertThat(list(json(typo), "errors")).singleElement()
			.satisfies(error -> assertThat(error).containsEntry("field", "dryrun"));
	}

	@Test
	void shouldDryRunAndReplayWithAnAuditedActor() throws Exception {
		AssistantCreationRequested event = this.fixtures.rejected();
		ConsumerRecord<String, byte[]> dead = this.fixtures.awaitDeadLetters(event.assistantId(), 1).get(0);
		var committedBefore = this.fixtures.committed(this.ops.replayGroup());

		HttpResponse<String> dry = post("/admin/dlt/replay", "Bearer " + TOKEN,
				"{\"assistantIds\": [\"" + event.assistantId() + "\"], \"dryRun\": true}");

		assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
		Map<String, Object> dryReport = json(dry);
		assertThat(dryReport).containsEntry("dryRun", true);
		assertThat(list(dryReport, "replayed")).singleElement()
			.satisfies(replayed -> assertThat(replayed).containsEntry("assistantId", event.assistantId())
				.containsEntry("offset", (int) dead.offset())
				.containsEntry("replayCount", 1));
		assertThat(this.fixtures.committed(this.ops.replayGroup())).isEqualTo(committedBefore);
		DeadLetterReplayAudited dryAudit = this.fixtures.awaitAudit((String) dryReport.get("auditEventId"));
		assertThat(dryAudit.actor())
			.isEqualTo(new DeadLetterReplayAudited.Actor("admin-api", "admin-api", OpsToken.fingerprint(TOKEN)));
		assertThat(dryAudit.by()).isEqualTo("admin-api");
		assertThat(dryAudit.dryRun()).isTrue();
		assertThat(dryAudit.replayed()).isOne();

		this.fixtures.fix(event.assistantId());
		HttpResponse<String> real = post("/admin/dlt/replay", "Bearer " + TOKEN,
				"{\"assistantIds\": [\"" + event.assistantId() + "\"], \"dryRun\": false}");

		assertThat(real.statusCode()).as(real.body()).isEqualTo(200);
		Map<String, Object> report = json(real);
		assertThat(list(report, "replayed")).hasSize(1);
		assertThat((Map<String, Object>) report.get("summary")).containsEntry("replayed", 1)
			.containsEntry("skipped", 0);
		assertThat(this.fixtures.awaitReplays(event.assistantId(), 1)).hasSize(1);
		SyncResults.await(this.fixtures.results, event.assistantId(), SyncResultStatus.SYNCED,
				DeadLetterFixtures.TIMEOUT);
		assertThat(this.fixtures.rowCount(event.assistantId())).isOne();
		DeadLetterReplayAudited audit = this.fixtures.awaitAudit((String) report.get("auditEventId"));
		assertThat(audit.dryRun()).isFalse();
		assertThat(audit.actor().tokenFingerprint()).isEqualTo(OpsToken.fingerprint(TOKEN));
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		return send(request(path, authorization).GET().build());
	}

	private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
		return send(request(path, authorization).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpRequest.Builder request(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HttpResponse<String> response) {
		return EventJson.mapper().readValue(response.body(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> json, String name) {
		return (List<Map<String, Object>>) json.get(name);
	}

}
