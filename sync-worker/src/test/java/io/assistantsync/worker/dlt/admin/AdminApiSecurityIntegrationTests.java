package io.assistantsync.worker.dlt.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.DeadLetterReplayAudited;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.fixtures.LocalIssuer;
import io.assistantsync.worker.SyncWorkerIntegrationTest;
import io.assistantsync.worker.dlt.DeadLetterFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call the admin API (docs/contract.md §8) on a running worker that trusts a local issuer and also has
 * the static ops token: a JWT with scope {@code ops:dlt} or the token, named in the audit event's {@code by};
 * 401 and 403 as problem+json with {@code WWW-Authenticate} for everything else.
 */
@SyncWorkerIntegrationTest
class AdminApiSecurityIntegrationTests {

	static final String ISSUER = "https://issuer.assistantsync.test";

	static final String OPS_DLT = "ops:dlt";

	static final LocalIssuer issuer = new LocalIssuer(ISSUER, 0);

	@DynamicPropertySource
	static void security(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
		registry.add("sync.ops.token", () -> DeadLetterFixtures.OPS_TOKEN);
		registry.add("sync.ops.kafka-timeout", () -> "5s");
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	TopicsProperties topics;

	@Autowired
	JdbcTemplate jdbc;

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
	void shouldListAndReplayWithAJwtThatHasTheScopeAndAuditItsSubject() throws Exception {
		AssistantCreationRequested event = this.fixtures.rejected();
		this.fixtures.awaitDeadLetters(event.assistantId(), 1);
		String token = issuer.token("ops-alice", "assistants:read " + OPS_DLT);

		HttpResponse<String> listed = get("/admin/dlt?assistantId=" + event.assistantId(), token);
		HttpResponse<String> dry = dryRun(event.assistantId(), token);

		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		assertThat(list(json(listed), "deadLetters")).singleElement()
			.satisfies(deadLetter -> assertThat(deadLetter).containsEntry("assistantId", event.assistantId()));
		assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
		DeadLetterReplayAudited audit = this.fixtures.awaitAudit((String) json(dry).get("auditEventId"));
		assertThat(audit.by()).isEqualTo("ops-alice");
		assertThat(audit.actor()).isEqualTo(new DeadLetterReplayAudited.Actor("admin-api", "ops-alice", null));
		assertThat(audit.dryRun()).isTrue();
		assertThat(audit.replayed()).isOne();
	}

	@Test
	void shouldStillTakeTheStaticOpsTokenAndAuditItAsTheAdminApi() throws Exception {
		AssistantCreationRequested event = this.fixtures.rejected();
		this.fixtures.awaitDeadLetters(event.assistantId(), 1);

		HttpResponse<String> dry = dryRun(event.assistantId(), DeadLetterFixtures.OPS_TOKEN);

		assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
		DeadLetterReplayAudited audit = this.fixtures.awaitAudit((String) json(dry).get("auditEventId"));
		assertThat(audit.by()).isEqualTo("admin-api");
		assertThat(audit.actor()).isEqualTo(new DeadLetterReplayAudited.Actor("admin-api", "admin-api",
				OpsToken.fingerprint(DeadLetterFixtures.OPS_TOKEN)));
	}

	@Test
	void shouldAnswer403WithoutTheScope() throws Exception {
		String token = issuer.token("ops-bob", "assistants:read assistants:write");
		for (HttpResponse<String> response : List.of(get("/admin/dlt", token), dryRun("x", token),
				get("/admin", token))) {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(403);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer")
					.contains("insufficient_scope"));
			assertProblem(response, 403, "https://assistantsync.io/problems/forbidden");
		}
	}

	@Test
	void shouldAnswer401ForTokensThatMustNotPass() throws Exception {
		List<String> rejected = List.of("not-a-jwt", issuer.expired("ops-eve", OPS_DLT),
				issuer.fromOtherIssuer("ops-eve", OPS_DLT), issuer.unsigned("ops-eve", OPS_DLT),
				issuer.forged("ops-eve", OPS_DLT), "wrong-" + DeadLetterFixtures.OPS_TOKEN);
		for (String token : rejected) {
			for (HttpResponse<String> response : List.of(get("/admin/dlt", token), dryRun("x", token))) {
				assertThat(response.statusCode()).as(response.uri() + " with " + token).isEqualTo(401);
				assertThat(response.headers().firstValue("WWW-Authenticate"))
					.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer")
						.contains("invalid_token"));
				assertProblem(response, 401, "https://assistantsync.io/problems/unauthorized");
				assertThat(response.body()).doesNotContain(token).doesNotContain(DeadLetterFixtures.OPS_TOKEN);
			}
		}
	}

	@Test
	void shouldAnswer401WithAPlainChallengeWithoutAToken() throws Exception {
		for (HttpResponse<String> response : List.of(get("/admin/dlt", null), dryRun("x", null),
				get("/admin/other", null))) {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
			assertProblem(response, 401, "https://assistantsync.io/problems/unauthorized");
		}
	}

	@Test
	void shouldLeaveActuatorOpen() throws Exception {
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> dryRun(String assistantId, String token) throws Exception {
		return send(request("/admin/dlt/replay", token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"assistantIds\": [\"" + assistantId + "\"], \"dryRun\": true}"))
			.build());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return send(request(path, token).GET().build());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response)).containsEntry("status", status)
			.containsEntry("type", type)
			.containsKeys("title", "detail", "instance");
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
