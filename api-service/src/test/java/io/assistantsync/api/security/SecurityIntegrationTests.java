package io.assistantsync.api.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.api.SseRecorder;
import io.assistantsync.common.id.IdGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what (docs/contract.md §8), against the real resource server with tokens of a local issuer:
 * 401 and 403 as problem+json with {@code WWW-Authenticate} for every endpoint, the tokens an attacker would
 * try, the event stream's {@code access_token}, CORS and the per-owner write limit.
 */
@ApiServiceIntegrationTest
class SecurityIntegrationTests {

	static final String ORIGIN = "https://app.assistantsync.test";

	static final String BODY = "{\"name\":\"Flight log analyst\",\"emoji\":\"🛩️\",\"description\":\"Reads logs.\","
			+ "\"category\":\"analysis\",\"tags\":[\"drone\"],\"instructions\":\"You are…\",\"visibility\":\"PUBLIC\"}";

	static final IdGenerator ids = new IdGenerator();

	static final String READ = "assistants:read";

	static final String WRITE = "assistants:write";

	@DynamicPropertySource
	static void jwt(DynamicPropertyRegistry registry) {
		registry.add("assistants.security.mode", () -> "jwt");
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens.issuer::jwkSetUri);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
		registry.add("assistants.security.cors.allowed-origins", () -> ORIGIN);
		registry.add("assistants.security.rate-limit.capacity", () -> "5");
		registry.add("assistants.security.rate-limit.refill-per-second", () -> "1");
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void shouldAnswer401WithAChallengeAndAProblemWithoutAToken() {
		for (Call call : calls("V1StGXR8_Z5jdHi6B-myT")) {
			HttpResponse<String> response = call.send(client(), null);
			assertThat(response.statusCode()).as(call.name()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(call.name())
				.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
			assertProblem(response, call.name(), 401);
		}
	}

	@Test
	void shouldServeTheProtectedResourceMetadataTheChallengeNames() {
		HttpResponse<String> challenged = client().get("/api/assistants");
		assertThat(challenged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).contains("/.well-known/oauth-protected-resource"));
		HttpResponse<String> metadata = client().get("/.well-known/oauth-protected-resource");
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(ApiTestClient.json(metadata).get("resource").stringValue()).startsWith("http://");
	}

	@Test
	void shouldAnswer401ForTokensThatMustNotPass() {
		String owner = ids.newId();
		int stored = assistants();
		List<String> rejected = List.of("not-a-jwt", TestTokens.issuer.expired(owner, READ + " " + WRITE),
				TestTokens.issuer.fromOtherIssuer(owner, READ + " " + WRITE), TestTokens.issuer.unsigned(owner, READ + " " + WRITE),
				TestTokens.issuer.forged(owner, READ + " " + WRITE));
		for (String token : rejected) {
			for (Call call : calls("V1StGXR8_Z5jdHi6B-myT")) {
				HttpResponse<String> response = call.send(client(), token);
				assertThat(response.statusCode()).as(call.name() + " with " + token).isEqualTo(401);
				assertThat(response.headers().firstValue("WWW-Authenticate")).as(call.name())
					.hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
				assertProblem(response, call.name(), 401);
			}
		}
		assertThat(assistants()).as("nothing stored").isEqualTo(stored);
	}

	@Test
	void shouldAnswer403WithoutTheScopeTheCallNeeds() {
		String owner = ids.newId();
		String created = create(owner);
		String readOnly = TestTokens.issuer.token(owner, READ);
		String writeOnly = TestTokens.issuer.token(owner, WRITE);
		for (Call call : calls(created)) {
			HttpResponse<String> response = call.send(client(), call.write() ? readOnly : writeOnly);
			assertThat(response.statusCode()).as(call.name()).isEqualTo(403);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(call.name())
				.hasValueSatisfying(challenge -> assertThat(challenge).contains("insufficient_scope"));
			assertProblem(response, call.name(), 403);
		}
		assertThat(this.jdbc.queryForObject("SELECT version FROM assistants WHERE id = ?", Long.class, created))
			.as("nothing changed").isEqualTo(1);
	}

	@Test
	void shouldLetTheRightScopesThrough() {
		String owner = ids.newId();
		String token = TestTokens.issuer.token(owner, READ + " " + WRITE);
		HttpResponse<String> created = client().postJson("/api/assistants", BODY, auth(token));
		assertThat(created.statusCode()).isEqualTo(202);
		String id = ApiTestClient.json(created).get("id").stringValue();
		assertThat(client().get("/api/assistants/" + id, auth(TestTokens.issuer.token(owner, READ))).statusCode())
			.isEqualTo(200);
		assertThat(client().get("/api/assistants", auth(TestTokens.issuer.token(owner, READ))).statusCode()).isEqualTo(200);
		assertThat(client().get("/api/sync/status", auth(TestTokens.issuer.token(owner, READ))).statusCode()).isEqualTo(200);
		assertThat(client().get("/api/assistants/" + id + "/history", auth(TestTokens.issuer.token(owner, READ)))
			.statusCode()).isEqualTo(200);
		String writes = TestTokens.issuer.token(owner, WRITE);
		assertThat(client().putJson("/api/assistants/" + id, BODY, withIfMatch(auth(writes))).statusCode())
			.isEqualTo(202);
		assertThat(client().mergePatch("/api/assistants/" + id, "{\"name\":\"Patched\"}", "If-Match", "\"2\"",
				"Authorization", "Bearer " + writes)
			.statusCode()).isEqualTo(202);
		assertThat(client().delete("/api/assistants/" + id, "If-Match", "\"3\"", "Authorization", "Bearer " + writes)
			.statusCode()).isEqualTo(202);
		assertThat(client().get("/api/assistants/" + id + "/history", auth(TestTokens.issuer.token(owner, READ)))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void shouldKeepEachOwnersAssistantsToThemselvesAnswering404ToOthers() {
		String alice = ids.newId();
		String bob = ids.newId();
		String id = create(alice);
		String aliceReads = TestTokens.issuer.token(alice, READ);
		String bobReads = TestTokens.issuer.token(bob, READ);

		HttpResponse<String> own = client().get("/api/assistants/" + id, auth(aliceReads));
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(ApiTestClient.json(own).get("ownerId").stringValue()).isEqualTo(alice);

		HttpResponse<String> other = client().get("/api/assistants/" + id, auth(bobReads));
		assertThat(other.statusCode()).isEqualTo(404);
		assertProblem(other, "GET another owner's", 404);
		assertThat(ApiTestClient.json(other).get("type").stringValue())
			.isEqualTo(ApiTestClient.json(client().get("/api/assistants/V1StGXR8_Z5jdHi6B-myT", auth(bobReads)))
				.get("type")
				.stringValue());
		assertThat(client().get("/api/assistants/" + id + "/sync-events", auth(bobReads)).statusCode()).isEqualTo(404);
		assertThat(client().postJson("/api/assistants/" + id + "/sync", "", auth(TestTokens.issuer.token(bob, WRITE)))
			.statusCode()).isEqualTo(404);
		String bobWrites = TestTokens.issuer.token(bob, WRITE);
		assertThat(client().putJson("/api/assistants/" + id, BODY, "If-Match", "*", "Authorization", "Bearer " + bobWrites)
			.statusCode()).isEqualTo(404);
		assertThat(client().mergePatch("/api/assistants/" + id, "{\"name\":\"Bob's\"}", "If-Match", "\"1\"",
				"Authorization", "Bearer " + bobWrites)
			.statusCode()).isEqualTo(404);
		assertThat(client().delete("/api/assistants/" + id, "If-Match", "\"1\"", "Authorization", "Bearer " + bobWrites)
			.statusCode()).isEqualTo(404);
		assertThat(client().get("/api/assistants/" + id + "/history", auth(bobReads)).statusCode()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("SELECT version FROM assistants WHERE id = ?", Long.class, id))
			.isEqualTo(1);
		assertThat(ApiTestClient.json(client().get("/api/assistants", auth(bobReads))).get("items")).isEmpty();
		assertThat(ApiTestClient.json(client().get("/api/assistants", auth(aliceReads))).get("items"))
			.extracting(item -> item.get("id").stringValue())
			.containsExactly(id);
		assertThat(this.jdbc.queryForObject("SELECT owner_id FROM assistants WHERE id = ?", String.class, id))
			.isEqualTo(alice);
	}

	@Test
	void shouldKeepIdempotencyKeysPerOwner() {
		String alice = ids.newId();
		String bob = ids.newId();
		String key = ids.newId();
		HttpResponse<String> first = client().postJson("/api/assistants", BODY, "Authorization",
				"Bearer " + TestTokens.issuer.token(alice, WRITE), "Idempotency-Key", key);
		HttpResponse<String> again = client().postJson("/api/assistants", BODY, "Authorization",
				"Bearer " + TestTokens.issuer.token(alice, WRITE), "Idempotency-Key", key);
		HttpResponse<String> other = client().postJson("/api/assistants", BODY, "Authorization",
				"Bearer " + TestTokens.issuer.token(bob, WRITE), "Idempotency-Key", key);

		assertThat(List.of(first, again, other)).extracting(HttpResponse::statusCode).containsOnly(202);
		assertThat(again.body()).isEqualTo(first.body());
		JsonNode bobs = ApiTestClient.json(other);
		assertThat(bobs.get("id").stringValue()).isNotEqualTo(ApiTestClient.json(first).get("id").stringValue());
		assertThat(bobs.get("ownerId").stringValue()).isEqualTo(bob);
	}

	@Test
	void shouldTakeTheTokenAsAQueryParameterOnTheEventStreamOnly() {
		String owner = ids.newId();
		String id = create(owner);
		String token = TestTokens.issuer.token(owner, READ);
		try (SseRecorder stream = client().sse("/api/assistants/" + id + "/sync-events?access_token=" + token)) {
			SseRecorder.Event state = await().atMost(Duration.ofSeconds(30))
				.until(stream::events, events -> !events.isEmpty())
				.get(0);
			assertThat(stream.status()).isEqualTo(200);
			assertThat(state.name()).isEqualTo("state");
		}
		assertThat(client().get("/api/assistants/" + id + "?access_token=" + token).statusCode()).isEqualTo(401);
		assertThat(client().get("/api/assistants?access_token=" + token).statusCode()).isEqualTo(401);
	}

	@Test
	void shouldAnswerCorsPreflightsForAllowedOriginsOnly() {
		for (String path : List.of("/api/assistants", "/api/assistants/V1StGXR8_Z5jdHi6B-myT/sync-events")) {
			HttpResponse<String> allowed = client().options(path, "Origin", ORIGIN, "Access-Control-Request-Method",
					"GET", "Access-Control-Request-Headers", "authorization,last-event-id");
			assertThat(allowed.statusCode()).as(path).isEqualTo(200);
			assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue(ORIGIN);
			assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).as(path)
				.hasValueSatisfying(methods -> assertThat(methods).contains("GET"));

			HttpResponse<String> other = client().options(path, "Origin", "https://evil.test",
					"Access-Control-Request-Method", "GET");
			assertThat(other.statusCode()).as(path).isEqualTo(403);
			assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
		}
		for (String method : List.of("PUT", "PATCH", "DELETE")) {
			HttpResponse<String> write = client().options("/api/assistants/V1StGXR8_Z5jdHi6B-myT", "Origin", ORIGIN,
					"Access-Control-Request-Method", method, "Access-Control-Request-Headers",
					"authorization,content-type,if-match,idempotency-key");
			assertThat(write.statusCode()).as(method).isEqualTo(200);
			assertThat(write.headers().firstValue("Access-Control-Allow-Methods")).as(method)
				.hasValueSatisfying(methods -> assertThat(methods).contains(method));
			assertThat(write.headers().firstValue("Access-Control-Allow-Headers")).as(method)
				.hasValueSatisfying(headers -> assertThat(headers.toLowerCase(java.util.Locale.ROOT))
					.contains("if-match", "idempotency-key"));
		}
		String owner = ids.newId();
		HttpResponse<String> actual = client().get("/api/assistants", "Origin", ORIGIN, "Authorization",
				"Bearer " + TestTokens.issuer.token(owner, READ));
		assertThat(actual.statusCode()).isEqualTo(200);
		assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
		String id = create(owner);
		HttpResponse<String> read = client().get("/api/assistants/" + id, "Origin", ORIGIN, "Authorization",
				"Bearer " + TestTokens.issuer.token(owner, READ));
		assertThat(read.headers().firstValue("Access-Control-Expose-Headers"))
			.hasValueSatisfying(exposed -> assertThat(exposed).contains("ETag", "Location"));
	}

	@Test
	void shouldLimitEachOwnersWritesAndStoreNothingBeyondTheLimit() {
		String owner = ids.newId();
		String token = TestTokens.issuer.token(owner, READ + " " + WRITE);
		HttpResponse<String> limited = null;
		String first = null;
		int accepted = 0;
		for (int i = 0; i < 20 && limited == null; i++) {
			HttpResponse<String> response = client().postJson("/api/assistants", BODY.replace("Reads logs.", owner),
					auth(token));
			if (response.statusCode() == 429) {
				limited = response;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(202);
				first = (first != null) ? first : ApiTestClient.json(response).get("id").stringValue();
				accepted++;
			}
		}
		assertThat(limited).as("a write beyond the limit").isNotNull();
		assertThat(accepted).isBetween(5, 7);
		assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
				seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
		assertProblem(limited, "429", 429);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM assistants WHERE description = ?", Integer.class,
				owner)).isEqualTo(accepted);
		// updates and deletes count against the same budget
		HttpResponse<String> delete = client().delete("/api/assistants/" + first, "If-Match", "\"1\"", auth(token)[0],
				auth(token)[1]);
		assertThat(delete.statusCode()).isEqualTo(429);
		assertThat(this.jdbc.queryForObject("SELECT deleted_at IS NULL FROM assistants WHERE id = ?", Boolean.class,
				first)).isTrue();
		// another owner is not affected
		assertThat(client().postJson("/api/assistants", BODY, auth(TestTokens.issuer.token(ids.newId(), WRITE)))
			.statusCode()).isEqualTo(202);
	}

	private int assistants() {
		return this.jdbc.queryForObject("SELECT count(*) FROM assistants", Integer.class);
	}

	private String create(String owner) {
		HttpResponse<String> created = client().postJson("/api/assistants", BODY,
				auth(TestTokens.issuer.token(owner, WRITE)));
		assertThat(created.statusCode()).isEqualTo(202);
		return ApiTestClient.json(created).get("id").stringValue();
	}

	private static void assertProblem(HttpResponse<String> response, String call, int status) {
		assertThat(response.headers().firstValue("Content-Type")).as(call).hasValue("application/problem+json");
		JsonNode problem = ApiTestClient.json(response);
		assertThat(problem.get("status").asInt()).as(call).isEqualTo(status);
		assertThat(problem.get("type").stringValue()).as(call).startsWith("https://assistantsync.io/problems/");
		assertThat(problem.get("title").stringValue()).as(call).isNotBlank();
	}

	private static String[] auth(String token) {
		return new String[] { "Authorization", "Bearer " + token };
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

	/**
	 * Every endpoint of the API, with a valid request for it.
	 */
	private static List<Call> calls(String id) {
		return List.of(new Call("POST /api/assistants", true, (client, headers) -> client.postJson("/api/assistants",
				BODY, headers)),
				new Call("GET /api/assistants", false, (client, headers) -> client.get("/api/assistants", headers)),
				new Call("GET /api/assistants/{id}", false,
						(client, headers) -> client.get("/api/assistants/" + id, headers)),
				new Call("POST /api/assistants/{id}/sync", true,
						(client, headers) -> client.postJson("/api/assistants/" + id + "/sync", "", headers)),
				new Call("GET /api/assistants/{id}/sync-events", false,
						(client, headers) -> client.get("/api/assistants/" + id + "/sync-events", headers)),
				new Call("PUT /api/assistants/{id}", true,
						(client, headers) -> client.putJson("/api/assistants/" + id, BODY, withIfMatch(headers))),
				new Call("PATCH /api/assistants/{id}", true,
						(client, headers) -> client.mergePatch("/api/assistants/" + id, "{\"name\":\"Patched\"}",
								withIfMatch(headers))),
				new Call("DELETE /api/assistants/{id}", true,
						(client, headers) -> client.delete("/api/assistants/" + id, withIfMatch(headers))),
				new Call("GET /api/assistants/{id}/history", false,
						(client, headers) -> client.get("/api/assistants/" + id + "/history", headers)),
				new Call("GET /api/sync/status", false, (client, headers) -> client.get("/api/sync/status", headers)));
	}

	private static String[] withIfMatch(String[] headers) {
		String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
		all[headers.length] = "If-Match";
		all[headers.length + 1] = "\"1\"";
		return all;
	}

	record Call(String name, boolean write, Request request) {

		HttpResponse<String> send(ApiTestClient client, String token) {
			return this.request.send(client, (token != null) ? auth(token) : new String[0]);
		}

	}

	@FunctionalInterface
	interface Request {

		HttpResponse<String> send(ApiTestClient client, String[] headers);

	}

}
