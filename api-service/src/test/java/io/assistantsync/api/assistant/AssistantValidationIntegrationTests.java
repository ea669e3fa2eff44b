package io.assistantsync.api.assistant;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.api.assistant.AssistantValidationTests.BadRequest;

import static io.assistantsync.api.assistant.AssistantValidationTests.bytes;
import static io.assistantsync.api.assistant.AssistantValidationTests.quoted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the database shows of the rules that {@link AssistantValidationTests} checks on the web layer:
 * a rejected request of each kind leaves no row behind, and unusual but valid text comes back from the
 * database byte for byte.
 */
@ApiServiceIntegrationTest
class AssistantValidationIntegrationTests {

	private static final String PATH = "/api/assistants";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	/** One request of each way to be rejected: field rules, unreadable JSON, too large, not JSON. */
	static Stream<BadRequest> oneOfEachKind() {
		Set<String> names = Set.of("every field wrong at once", "invalid JSON", "65 KiB body", "text/plain");
		return AssistantValidationTests.badRequests().filter((bad) -> names.contains(bad.name()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("oneOfEachKind")
	void shouldRejectAndStoreNothing(BadRequest bad) {
		Stored before = stored();

		HttpResponse<String> response = client().post(PATH, bad.contentType(), bad.body());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
		assertThat(stored()).isEqualTo(before);
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

	private Stored stored() {
		return new Stored(this.jdbc.queryForObject("SELECT count(*) FROM assistants", Long.class),
				this.jdbc.queryForObject("SELECT count(*) FROM idempotency_keys", Long.class),
				this.jdbc.queryForObject("SELECT last_value FROM outbox_id_seq", Long.class));
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

	/**
	 * What a request could have stored: assistants, keys, and outbox rows (by the identity sequence, which
	 * moves even for a row that was relayed and deleted since, so nothing was published either).
	 */
	record Stored(long assistants, long idempotencyKeys, long outboxSequence) {
	}

}
