package io.assistantsync.api;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code docs/openapi.json} is the API the service serves at {@code /v3/api-docs}: the same
 * paths, the same operations on them, the same response status codes. Descriptions, schemas and ordering
 * may differ, so that wording changes do not fail the build while a changed path or status does.
 * <p>
 * On a difference the served document is written to {@code target/openapi.json}; copy it over
 * {@code docs/openapi.json} when the change is intended.
 */
@ApiServiceIntegrationTest
class OpenApiDocumentIntegrationTests {

	private static final Path COMMITTED = Path.of("../docs/openapi.json");

	private static final Path SERVED_COPY = Path.of("target/openapi.json");

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@LocalServerPort
	int port;

	@Test
	void shouldServeThePathsOperationsAndStatusCodesOfTheCommittedDocument() throws IOException {
		HttpResponse<String> response = new ApiTestClient(this.port).get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		ObjectNode served = (ObjectNode) MAPPER.readTree(response.body());
		// the server URL names the test's random port
		served.remove("servers");
		Files.writeString(SERVED_COPY, MAPPER.writeValueAsString(served) + "\n");

		assertThat(COMMITTED).as("the committed OpenAPI document").isRegularFile();
		JsonNode committed = MAPPER.readTree(COMMITTED.toFile());

		assertThat(operations(served))
			.as("operations and status codes served at /v3/api-docs; if the change is intended, copy %s to %s",
					SERVED_COPY.toAbsolutePath(), COMMITTED.toAbsolutePath().normalize())
			.isEqualTo(operations(committed));
	}

	/** {@code "POST /api/assistants"} to its response status codes, in a stable order. */
	private static Map<String, Set<String>> operations(JsonNode document) {
		Map<String, Set<String>> operations = new TreeMap<>();
		document.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			if (METHODS.contains(operation.getKey())) {
				operations.put(operation.getKey().toUpperCase() + " " + path.getKey(),
						new TreeSet<>(operation.getValue().get("responses").propertyNames()));
			}
		}));
		return operations;
	}

}
