package io.assistantsync.api.assistant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.support.TransactionOperations;

import io.assistantsync.api.outbox.Outbox;
import io.assistantsync.api.security.CurrentOwner;
import io.assistantsync.common.boot.KafkaHealthIndicator;
import io.assistantsync.common.json.EventJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Every rule of docs/contract.md §1 and §2 for {@code POST /api/assistants}, on the web layer with the real
 * intake: bad input is a problem naming every offending field and reaches none of the intake's writers, so
 * it stores and publishes nothing; valid input is answered as accepted. What only the database can show is
 * in {@link AssistantValidationIntegrationTests}. Security is not the subject here: its filters and components are
 * left out (see {@code SecurityIntegrationTests}).
 */
@WebMvcTest(controllers = AssistantController.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.assistantsync\\.api\\.security\\..*"))
@AutoConfigureMockMvc(addFilters = false)
@Import({ AssistantIntake.class, IntakeCommitter.class, CreationWriter.class, Assistants.class,
		AssistantChangeMessages.class, IdempotentRequests.class, CurrentOwner.class })
@EnableConfigurationProperties({ IdempotencyProperties.class, ReconcileProperties.class, IntakeProperties.class })
class AssistantValidationTests {

	private static final String PATH = "/api/assistants";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AssistantStore store;

	@MockitoBean
	AssistantVersions versions;

	@MockitoBean
	SyncOutcomes syncOutcomes;

	@MockitoBean
	IdempotencyKeys idempotencyKeys;

	@MockitoBean
	Outbox outbox;

	/** The application's Kafka health indicator would open an admin client; nothing here talks to Kafka. */
	@MockitoBean
	KafkaHealthIndicator kafkaHealth;

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
	void shouldRejectWithAProblemAndStoreNothing(BadRequest bad) throws Exception {
		MockHttpServletResponse response = post(bad.contentType(), bad.body());

		assertThat(response.getStatus()).isEqualTo(bad.status());
		assertProblem(response, bad.status(), bad.fields());
		assertNothingStored();
	}

	@Test
	void shouldRejectAChunkedBodyOver64KibBeforeParsingIt() throws Exception {
		MockHttpServletResponse response = perform(
				new ChunkedPost(PATH).content(bytes(valid("instructions", quoted("i".repeat(66 * 1024))))));

		assertProblem(response, 413, List.of());
		assertNothingStored();
	}

	@Test
	void shouldAcceptABodyOfExactly64Kib() throws Exception {
		String prefix = "{\"name\":\"A\",\"emoji\":\"x\",\"instructions\":\"";
		String suffix = "\"}";
		String body = prefix + "i".repeat(64 * 1024 - prefix.length() - suffix.length()) + suffix;
		assertThat(bytes(body)).hasSize(64 * 1024);

		// 64 KiB is within the size limit, but over the 20,000 code point rule of instructions
		assertProblem(postJson(body), 400, List.of("instructions"));
	}

	@Test
	void shouldRejectAnOverlongIdempotencyKey() throws Exception {
		MockHttpServletResponse response = postJson(validBody(), "Idempotency-Key", "k".repeat(256));

		assertProblem(response, 400, List.of("Idempotency-Key"));
		assertNothingStored();
	}

	@Test
	void shouldNotEchoUnencodableFieldNames() throws Exception {
		MockHttpServletResponse response = postJson("{\"name\":\"A\",\"emoji\":\"x\",\"bad\\u0007\\u0000key\":1}");

		assertProblem(response, 400, List.of("bad\uFFFD\uFFFDkey"));
	}

	@Test
	void shouldTrimTheNameAndDefaultTheVisibility() throws Exception {
		MockHttpServletResponse created = postJson("{\"name\":\"  Padded\\t\",\"emoji\":\"🛩️\"}");

		assertThat(created.getStatus()).isEqualTo(202);
		JsonNode assistant = json(created);
		assertThat(assistant.get("name").stringValue()).isEqualTo("Padded");
		assertThat(assistant.get("visibility").stringValue()).isEqualTo("PRIVATE");
		assertThat(assistant.get("tags").isArray()).isTrue();
		assertThat(assistant.get("tags")).isEmpty();
	}

	/**
	 * The writers are mocks, so there is nothing to commit.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class NoTransactions {

		@Bean
		TransactionOperations transactions() {
			return TransactionOperations.withoutTransaction();
		}

	}

	private void assertProblem(MockHttpServletResponse response, int status, List<String> fields) throws Exception {
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(response.getStatus()).as(body).isEqualTo(status);
		assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
		JsonNode problem = json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("type").stringValue()).isNotBlank();
		assertThat(problem.get("title").stringValue()).isNotBlank();
		assertThat(problem.get("detail").stringValue()).isNotBlank();
		assertThat(body).doesNotContain("java.", "tools.jackson", "Exception", "springframework");
		if (!fields.isEmpty()) {
			List<String> named = new ArrayList<>();
			problem.get("errors").forEach((error) -> {
				named.add(error.get("field").stringValue());
				assertThat(error.get("message").stringValue()).isNotBlank();
			});
			assertThat(named).containsExactlyInAnyOrderElementsOf(fields);
		}
	}

	/**
	 * The intake writes the assistant, its key and its outbox entry only through these: untouched, nothing
	 * was stored or published.
	 */
	private void assertNothingStored() {
		verifyNoInteractions(this.store, this.versions, this.idempotencyKeys, this.outbox);
	}

	private MockHttpServletResponse postJson(String json, String... headers) throws Exception {
		return post("application/json", bytes(json), headers);
	}

	private MockHttpServletResponse post(String contentType, byte[] body, String... headers) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(PATH).content(body);
		if (contentType != null) {
			request.contentType(contentType);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return perform(request);
	}

	private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse();
	}

	private static JsonNode json(MockHttpServletResponse response) throws Exception {
		return EventJson.mapper().readTree(response.getContentAsString(StandardCharsets.UTF_8));
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

	static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record BadRequest(String name, String contentType, byte[] body, int status, List<String> fields) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * A POST without a Content-Length, as a chunked body arrives: its size is known only once it is read.
	 */
	private static final class ChunkedPost extends AbstractMockHttpServletRequestBuilder<ChunkedPost> {

		ChunkedPost(String path) {
			super(HttpMethod.POST);
			uri(path);
			contentType("application/json");
		}

		@Override
		protected MockHttpServletRequest createServletRequest(ServletContext servletContext) {
			return new MockHttpServletRequest(servletContext) {

				@Override
				public int getContentLength() {
					return -1;
				}

				@Override
				public long getContentLengthLong() {
					return -1;
				}

			};
		}

	}

}
