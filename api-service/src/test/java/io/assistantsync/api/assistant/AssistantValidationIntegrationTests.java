package io.assistantsync.api.assistant;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of docs/contract.md §1 and §2 for {@code POST /api/assistants}: bad input is a problem naming every
 * offending field and stores and publishes nothing; unusual but valid text comes back byte for byte.
 */
@ApiServiceIntegrationTest
class AssistantValidationIntegrationTests {

	private static final String PATH = "/api/assistants";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	static Stream<BadRequest> badRequests() {
		List<BadRequest> cases = new ArrayList<>();
		// name
		cases.add(fields("name missing", "{\"emoji\":\"🛩️\"}", "name"));
		cases.add(fields("name null", "{\"name\":null,\"emoji\":\"🛩️\"}", "name"));
		cases.add(fields("name empty", "{\"name\":\"\",\"emoji\":\"🛩️\"}", "name"));
		cases.add(fields("name blank (trimmed to empty)", "{\"name\":\"   \\t \",\"emoji\":\"🛩️\"}", "name"));
		cases.add(fields("name 101 code points", valid("name", quoted("😀".repeat(101))), "name"));
		cases.add(fields("name 101 ASCII characters", valid("name", quoted("n".repeat(101))), "name"));
		cases.add(fields("name a number", valid("name", "5"), "name"));
		cases.add(fields("name a decimal", valid("name", "1.9"), "name"));
		cases.add(fields("name a boolean", valid("name", "true"), "name"));
		cases.add(fields("name an array", valid("name", "[\"a\"]"), "name"));
		cases.add(fields("name with NUL", valid("name", "\"a\\u0000b\""), "name"));
		cases.add(fields("name with a bell", valid("name", "\"a\\u0007b\""), "name"));
		cases.add(fields("name with a line break", valid("name", "\"a\\nb\""), "name"));
		cases.add(fields("name with a lone high surrogate", valid("name", "\"a\\ud800b\""), "name"));
		cases.add(fields("name with a lone low surrogate", valid("name", "\"\\udc00\""), "name"));
		// emoji
		cases.add(fields("emoji missing", "{\"name\":\"A\"}", "emoji"));
		cases.add(fields("emoji 17 code points", valid("emoji", quoted("x".repeat(17))), "emoji"));
		cases.add(fields("emoji a boolean", valid("emoji", "false"), "emoji"));
		cases.add(fields("emoji with a control character", valid("emoji", "\"\\u001b\""), "emoji"));
		// description and instructions
		cases.add(fields("description 2001 code points", valid("description", quoted("d".repeat(2001))),
				"description"));
		cases.add(fields("description a number", valid("description", "42"), "description"));
		cases.add(fields("description with NUL", valid("description", "\"a\\u0000\""), "description"));
		cases.add(fields("instructions 20001 code points", valid("instructions", quoted("i".repeat(20_001))),
				"instructions"));
		cases.add(fields("instructions an object", valid("instructions", "{\"step\":1}"), "instructions"));
		// category
		cases.add(fields("category with capitals", valid("category", "\"Analysis\""), "category"));
		cases.add(fields("category 51 characters", valid("category", quoted("c".repeat(51))), "category"));
		cases.add(fields("category with a space", valid("category", "\"data analysis\""), "category"));
		cases.add(fields("category a number", valid("category", "7"), "category"));
		// tags
		cases.add(fields("tags a string", valid("tags", "\"drone\""), "tags"));
		cases.add(fields("tags 21 items", valid("tags", tags(21)), "tags"));
		cases.add(fields("tags with a duplicate", valid("tags", "[\"a\",\"a\"]"), "tags[1]"));
		cases.add(fields("tag empty", valid("tags", "[\"\"]"), "tags[0]"));
		cases.add(fields("tag 31 code points", valid("tags", "[" + quoted("t".repeat(31)) + "]"), "tags[0]"));
		cases.add(fields("tag a number", valid("tags", "[\"a\",1]"), "tags[1]"));
		cases.add(fields("tag null", valid("tags", "[null]"), "tags[0]"));
		cases.add(fields("tag with a control character", valid("tags", "[\"a\\u0001\"]"), "tags[0]"));
		// visibility
		cases.add(fields("visibility lower case", valid("visibility", "\"private\""), "visibility"));
		cases.add(fields("visibility unknown", valid("visibility", "\"SECRET\""), "visibility"));
		cases.add(fields("visibility a boolean", valid("visibility", "true"), "visibility"));
		// fields the client must not send, and typos
		cases.add(fields("unknown field (typo)", "{\"nmae\":\"A\",\"emoji\":\"🛩️\"}", "nmae", "name"));
		cases.add(fields("id from the client", valid("id", "\"V1StGXR8_Z5jdHi6B-myT\""), "id"));
		cases.add(fields("version from the client", valid("version", "1"), "version"));
		cases.add(fields("sync from the client", valid("sync", "{\"status\":\"SYNCED\"}"), "sync"));
		cases.add(fields("duplicate key", "{\"name\":\"A\",\"name\":\"B\",\"emoji\":\"🛩️\"}", "name"));
		cases.add(fields("every field wrong at once",
				"{\"name\":5,\"emoji\":\"\",\"description\":true,\"category\":\"UP\",\"tags\":[1,\"\"],"
						+ "\"instructions\":[],\"visibility\":\"x\",\"extra\":null}",
				"extra", "name", "description", "tags[0]", "instructions", "visibility", "emoji", "category",
				"tags[1]"));
		// not a JSON object
		cases.add(fields("invalid JSON", "{\"name\": \"A\", ", "body"));
		cases.add(fields("trailing content after the object", "{\"name\":\"A\",\"emoji\":\"x\"} {}", "body"));
		cases.add(fields("empty body", "", "body"));
		cases.add(fields("JSON array", "[{\"name\":\"A\",\"emoji\":\"x\"}]", "body"));
		cases.add(fields("JSON string", "\"hello\"", "body"));
		cases.add(fields("JSON null", "null", "body"));
		cases.add(new BadRequest("invalid UTF-8", "application/json",
				new byte[] { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }, 400,
				List.of("body")));
		// not JSON at all, or too large
		cases.add(new BadRequest("text/plain", "text/plain", bytes(validBody()), 415, List.of()));
		cases.add(new BadRequest("application/xml", "application/xml", bytes("<assistant/>"), 415, List.of()));
		cases.add(new BadRequest("form data", "application/x-www-form-urlencoded", bytes("name=A&emoji=x"), 415,
				List.of()));
		cases.add(new BadRequest("no content type", null, bytes(validBody()), 415, List.of()));
		cases.add(new BadRequest("65 KiB body", "application/json",
				bytes(valid("description", quoted("d".repeat(65 * 1024)))), 413, List.of()));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void shouldRejectWithAProblemAndStoreNothing(BadRequest bad) {
		Stored before = stored();

		HttpResponse<String> response = client().post(PATH, bad.contentType(), bad.body());

		assertThat(response.statusCode()).isEqualTo(bad.status());
		assertProblem(response, bad.status(), bad.fields());
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void shouldRejectAChunkedBodyOver64KibBeforeParsingIt() {
		Stored before = stored();

		HttpResponse<String> response = client().postChunked(PATH,
				bytes(valid("instructions", quoted("i".repeat(66 * 1024)))));

		assertProblem(response, 413, List.of());
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void shouldAcceptABodyOfExactly64Kib() {
		String prefix = "{\"name\":\"A\",\"emoji\":\"x\",\"instructions\":\"";
		String suffix = "\"}";
		String body = prefix + "i".repeat(64 * 1024 - prefix.length() - suffix.length()) + suffix;
		assertThat(bytes(body)).hasSize(64 * 1024);

		// 64 KiB is within the size limit, but over the 20,000 code point rule of instructions
		assertProblem(client().postJson(PATH, body), 400, List.of("instructions"));
	}

	@Test
	void shouldRejectAnOverlongIdempotencyKey() {
		Stored before = stored();

		HttpResponse<String> response = client().postJson(PATH, validBody(), "Idempotency-Key", "k".repeat(256));

		assertProblem(response, 400, List.of("Idempotency-Key"));
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void shouldNotEchoUnencodableFieldNames() {
		HttpResponse<String> response = client().postJson(PATH,
				"{\"name\":\"A\",\"emoji\":\"x\",\"bad\\u0007\\u0000key\":1}");

		assertProblem(response, 400, List.of("bad\uFFFD\uFFFDkey"));
	}

	static Stream<String> validEdgeCases() {
		return Stream.of("😀".repeat(100), "👩‍👩‍👧‍👦 family", "e\u0301te\u0301 (combining accents, not normalized)",
				"محلل سجلات الطيران", "\u202Eevil\u202C bidi override", "'; DROP TABLE assistants; --",
				"Robert\"); DELETE FROM outbox; --", "日本語のアシスタント", "tab\u00A0no-break space", "\\u0000 as text");
	}

	@ParameterizedTest
	@MethodSource("validEdgeCases")
	void shouldRoundTripUnusualTextByteForByte(String text) {
		String body = "{\"name\":" + quoted(text) + ",\"emoji\":" + quoted("🛩️") + ",\"description\":" + quoted(text)
				+ ",\"tags\":[" + quoted(text.codePoints().limit(30).collect(StringBuilder::new,
						StringBuilder::appendCodePoint, StringBuilder::append).toString()) + "]}";

		HttpResponse<String> created = client().postJson(PATH, body);

		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		String id = ApiTestClient.json(created).get("id").stringValue();
		HttpResponse<String> read = client().get("/api/assistants/" + id);
		JsonNode assistant = ApiTestClient.json(read);
		assertThat(assistant.get("name").stringValue()).isEqualTo(text);
		assertThat(assistant.get("description").stringValue()).isEqualTo(text);
		assertThat(bytes(assistant.get("name").stringValue())).isEqualTo(bytes(text));
		assertThat(read.body()).contains(text.replace("\\", "\\\\").replace("\"", "\\\""));
	}

	@Test
	void shouldTrimTheNameAndDefaultTheVisibility() {
		HttpResponse<String> created = client().postJson(PATH, "{\"name\":\"  Padded\\t\",\"emoji\":\"🛩️\"}");

		JsonNode assistant = ApiTestClient.json(created);
		assertThat(assistant.get("name").stringValue()).isEqualTo("Padded");
		assertThat(assistant.get("visibility").stringValue()).isEqualTo("PRIVATE");
		assertThat(assistant.get("tags").isArray()).isTrue();
		assertThat(assistant.get("tags")).isEmpty();
	}

	private void assertProblem(HttpResponse<String> response, int status, List<String> fields) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = ApiTestClient.json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("type").stringValue()).isNotBlank();
		assertThat(problem.get("title").stringValue()).isNotBlank();
		assertThat(problem.get("detail").stringValue()).isNotBlank();
		assertThat(response.body()).doesNotContain("java.", "tools.jackson", "Exception", "springframework");
		if (!fields.isEmpty()) {
			List<String> named = new ArrayList<>();
			problem.get("errors").forEach((error) -> {
				named.add(error.get("field").stringValue());
				assertThat(error.get("message").stringValue()).isNotBlank();
			});
			assertThat(named).containsExactlyInAnyOrderElementsOf(fields);
		}
	}

	private Stored stored() {
		return new Stored(this.jdbc.queryForObject("SELECT count(*) FROM assistants", Long.class),
				this.jdbc.queryForObject("SELECT count(*) FROM idempotency_keys", Long.class),
				this.jdbc.queryForObject("SELECT last_value FROM outbox_id_seq", Long.class));
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

	private static BadRequest fields(String name, String body, String... fields) {
		return new BadRequest(name, "application/json", bytes(body), 400, List.of(fields));
	}

	private static String validBody() {
		return "{\"name\":\"Flight log analyst\",\"emoji\":\"🛩️\"}";
	}

	/** A valid body with one field set to a raw JSON value. */
	private static String valid(String field, String rawJson) {
		return "{\"name\":\"Flight log analyst\",\"emoji\":\"🛩️\",\"" + field + "\":" + rawJson + "}";
	}

	private static String tags(int count) {
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tags.add(quoted("t" + i));
		}
		return "[" + String.join(",", tags) + "]";
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record BadRequest(String name, String contentType, byte[] body, int status, List<String> fields) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * What a request could have stored: assistants, keys, and outbox rows (by the identity sequence, which
	 * moves even for a row that was relayed and deleted since, so nothing was published either).
	 */
	record Stored(long assistants, long idempotencyKeys, long outboxSequence) {
	}

}
