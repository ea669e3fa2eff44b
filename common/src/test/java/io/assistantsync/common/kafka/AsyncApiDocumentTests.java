package io.assistantsync.common.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.kafka.retrytopic.RetryTopicConstants;
import org.springframework.kafka.support.KafkaHeaders;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.event.DeadLetterReplayAudited;
import io.assistantsync.common.event.SyncError;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.event.Visibility;
import io.assistantsync.common.id.DerivedIds;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.json.Timestamps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/asyncapi.yaml}, the names in this package, the JSON Schemas in {@code common} and the events
 * the production serializer writes agree: every channel is a topic of {@link Topics} (or one Spring Kafka
 * derives from it), the headers are exactly those of {@link EventHeaders} and Spring Kafka's dead-letter
 * headers, every message payload is a schema file of its {@code ce_type}, and real events and their
 * CloudEvents headers validate against what the document says.
 */
class AsyncApiDocumentTests {

	private static final Path ROOT = repositoryRoot();

	private static final Path DOCUMENT = ROOT.resolve("docs/asyncapi.yaml");

	private static final Path SCHEMAS = ROOT.resolve("common/src/main/resources/schemas");

	/** Values of {@link EventHeaders} that are header values, not header names. */
	private static final Set<String> HEADER_VALUES = Set.of(EventHeaders.SPEC_VERSION_1_0,
			EventHeaders.APPLICATION_JSON);

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final JsonNode document = YAMLMapper.builder().build().readTree(DOCUMENT.toFile());

	private final IdGenerator ids = new IdGenerator();

	@Test
	void shouldDescribeExactlyTheTopicsOfTheTopicsClassAndThoseSpringKafkaDerives() {
		List<String> addresses = new ArrayList<>();
		this.document.get("channels").forEach((channel) -> addresses.add(channel.get("address").stringValue()));

		assertThat(addresses).containsExactlyInAnyOrder(Topics.PENDING_CREATE,
				Topics.PENDING_CREATE + RetryTopicConstants.DEFAULT_RETRY_SUFFIX + "-{delayMs}",
				Topics.PENDING_CREATE + RetryTopicConstants.DEFAULT_DLT_SUFFIX, Topics.SYNC_RESULTS,
				Topics.OPS_AUDIT);
		assertThat(addresses).containsAll(constants(Topics.class));
	}

	@Test
	void shouldNameExactlyTheHeadersOfEventHeadersAndSpringKafkasDeadLetterHeaders() {
		Set<String> documented = new LinkedHashSet<>();
		this.document.get("components")
			.get("messages")
			.forEach((message) -> collectPropertyNames(message.get("headers"), documented));

		Set<String> expected = new LinkedHashSet<>(constants(EventHeaders.class));
		expected.removeAll(HEADER_VALUES);
		expected.addAll(constants(KafkaHeaders.class, "DLT_"));
		assertThat(documented).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void shouldRequireTheCloudEventHeadersInTheOrderTheyAreWritten() {
		List<String> required = new ArrayList<>();
		schema("CloudEventHeaders").get("required").forEach((name) -> required.add(name.stringValue()));

		List<String> written = new CloudEventHeaders("id", "/test", EventTypes.SYNC_RESULT_V1, Instant.now(), "s")
			.toKafkaHeaders()
			.stream()
			.map(Header::key)
			.toList();

		assertThat(required).containsExactlyElementsOf(written);
	}

	@Test
	void shouldTypeEveryMessageAndGiveItTheSchemaFileOfItsType() throws IOException {
		Set<String> referencedFiles = new LinkedHashSet<>();
		Set<String> types = new LinkedHashSet<>();
		messages().forEach((id, message) -> {
			String type = eventType(message);
			types.add(type);
			assertThat(message.get("name").stringValue()).as("name of message %s", id).isEqualTo(type);
			Path schemaFile = payloadSchemaFile(message);
			assertThat(schemaFile).as("payload of message %s", id)
				.hasParent(SCHEMAS)
				.hasFileName(type + ".schema.json")
				.isRegularFile();
			assertThat(readJson(schemaFile).get("title").stringValue()).isEqualTo(type);
			referencedFiles.add(schemaFile.getFileName().toString());
		});

		assertThat(types).containsExactlyInAnyOrderElementsOf(constants(EventTypes.class));
		try (Stream<Path> files = Files.list(SCHEMAS)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.containsExactlyInAnyOrderElementsOf(referencedFiles);
		}
	}

	@Test
	void shouldLetOperationsUseOnlyTheMessagesOfTheirChannel() {
		this.document.get("operations").properties().forEach((entry) -> {
			JsonNode operation = entry.getValue();
			assertThat(operation.get("action").stringValue()).as(entry.getKey()).isIn("send", "receive");
			assertThat(operation.get("tags")).as("tags of %s", entry.getKey()).hasSize(1);
			String channel = operation.get("channel").get("$ref").stringValue();
			assertThat(resolve(channel).isMissingNode()).as("%s of %s", channel, entry.getKey()).isFalse();
			assertThat(operation.get("messages")).as("messages of %s", entry.getKey()).isNotEmpty();
			operation.get("messages").forEach((message) -> {
				String ref = message.get("$ref").stringValue();
				assertThat(ref).startsWith(channel + "/messages/");
				assertThat(resolve(ref).isMissingNode()).as(ref).isFalse();
			});
		});
		Set<String> channelsUsed = new LinkedHashSet<>();
		this.document.get("operations")
			.forEach((operation) -> channelsUsed.add(operation.get("channel").get("$ref").stringValue()));
		assertThat(channelsUsed).hasSameSizeAs(this.document.get("channels").propertyNames());
	}

	@Test
	void shouldValidateRealEventsAndTheirHeadersAgainstTheDocument() {
		Instant now = Timestamps.toMillis(Instant.now());
		String assistantId = this.ids.newId();
		AssistantCreationRequested pendingCreate = new AssistantCreationRequested(this.ids.newId(), assistantId, 1,
				now, new AssistantSnapshot(assistantId, "owner-1", "Flight log analyst", "🛩️", "Reads drone flight logs.",
						"analysis", List.of("drone", "logs"), "You are…", Visibility.PRIVATE, 1, now, now));
		String source = pendingCreate.eventId();
		SyncError transientError = new SyncError("TransientSyncException", "deadlock detected", true);
		SyncError permanentError = new SyncError("PermanentSyncException", "value too long", false);
		List<SyncResult> results = List.of(
				new SyncResult(DerivedIds.syncResultId(source, 1, "RETRYING"), source, assistantId, 1,
						SyncResultStatus.RETRYING, 1, 5, now.plusSeconds(1), transientError, now),
				new SyncResult(DerivedIds.syncResultId(source, 2, "DEAD_LETTERED"), source, assistantId, 1,
						SyncResultStatus.DEAD_LETTERED, 2, 5, null, permanentError, now),
				new SyncResult(DerivedIds.syncResultId(source, 1, "SYNCED"), source, assistantId, 1,
						SyncResultStatus.SYNCED, 1, 5, null, null, now));
		DeadLetterReplayAudited audit = new DeadLetterReplayAudited(this.ids.newId(), now, "admin-api",
				new DeadLetterReplayAudited.Actor("admin-api", "admin-api", "a730ad174498"),
				new DeadLetterReplayAudited.Filters(List.of(assistantId), now.minusSeconds(60), now,
						"PermanentSyncException", 10),
				false, true, false, 2, 1, Map.of("already-replayed", 1));

		assertConforms("pendingCreate", pendingCreate, pendingCreate.eventId(), "/api-service", assistantId);
		for (SyncResult result : results) {
			assertConforms("syncResult", result, result.eventId(), "/sync-worker", assistantId);
		}
		assertConforms("deadLetterReplayAudited", audit, audit.eventId(), "/sync-worker/dlt",
				Topics.PENDING_CREATE + RetryTopicConstants.DEFAULT_DLT_SUFFIX);
		assertThat(REGISTRY.getSchema(inline(schema("AssistantIdKey")))
			.validate(JsonNodeFactory.instance.stringNode(assistantId))).isEmpty();
	}

	@Test
	void shouldRejectAWrongEventTypeInTheHeaders() {
		Schema headers = REGISTRY.getSchema(inline(messages().get("syncResult").get("headers")));
		ObjectNode written = headerObject(
				new CloudEventHeaders("id", "/sync-worker", EventTypes.PENDING_CREATE_V1, Instant.now(), "subject"));

		assertThat(headers.validate(written)).isNotEmpty();
	}

	/**
	 * Serializes an event as the services do, and checks its value against the message's payload schema file
	 * and its CloudEvents headers against the message's headers.
	 */
	private void assertConforms(String messageId, Object event, String eventId, String source, String subject) {
		JsonNode message = messages().get(messageId);
		String json = EventJson.mapper().writeValueAsString(event);
		Schema payload = REGISTRY.getSchema(readJson(payloadSchemaFile(message)));
		assertThat(payload.validate(EventJson.mapper().readTree(json))).as("%s against %s", json, messageId)
			.isEmpty();

		ObjectNode headers = headerObject(
				new CloudEventHeaders(eventId, source, eventType(message), Instant.now(), subject));
		assertThat(REGISTRY.getSchema(inline(message.get("headers"))).validate(headers))
			.as("headers %s of %s", headers, messageId)
			.isEmpty();
	}

	private static ObjectNode headerObject(CloudEventHeaders attributes) {
		ObjectNode headers = JsonNodeFactory.instance.objectNode();
		for (Header header : attributes.toKafkaHeaders()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return headers;
	}

	private Map<String, JsonNode> messages() {
		Map<String, JsonNode> messages = new LinkedHashMap<>();
		this.document.get("components")
			.get("messages")
			.properties()
			.forEach((entry) -> messages.put(entry.getKey(), entry.getValue()));
		return messages;
	}

	/** The {@code ce_type} a message's headers fix with {@code const}. */
	private String eventType(JsonNode message) {
		List<String> constants = new ArrayList<>();
		inline(message.get("headers")).findValues("ce_type")
			.stream()
			.filter((value) -> value.has("const"))
			.forEach((value) -> constants.add(value.get("const").stringValue()));
		assertThat(constants).as("ce_type of %s", message.get("name")).hasSize(1);
		return constants.get(0);
	}

	private static Path payloadSchemaFile(JsonNode message) {
		JsonNode payload = message.get("payload");
		assertThat(payload.get("schemaFormat").stringValue())
			.isEqualTo("application/schema+json;version=draft-2020-12");
		String ref = payload.get("schema").get("$ref").stringValue();
		return DOCUMENT.getParent().resolve(ref).normalize();
	}

	private JsonNode schema(String name) {
		return this.document.get("components").get("schemas").get(name);
	}

	private JsonNode resolve(String ref) {
		assertThat(ref).startsWith("#/");
		return this.document.at(ref.substring(1));
	}

	/** A copy of a schema of the document with its local references replaced by what they point to. */
	private JsonNode inline(JsonNode schema) {
		if (schema.isObject()) {
			if (schema.has("$ref")) {
				return inline(resolve(schema.get("$ref").stringValue()));
			}
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			schema.properties().forEach((entry) -> copy.set(entry.getKey(), inline(entry.getValue())));
			return copy;
		}
		if (schema.isArray()) {
			var copy = JsonNodeFactory.instance.arrayNode();
			schema.forEach((item) -> copy.add(inline(item)));
			return copy;
		}
		return schema;
	}

	/** The names of the properties a headers schema describes, through {@code allOf} and references. */
	private void collectPropertyNames(JsonNode schema, Set<String> names) {
		JsonNode inlined = inline(schema);
		if (inlined.has("properties")) {
			names.addAll(inlined.get("properties").propertyNames());
		}
		if (inlined.has("required")) {
			inlined.get("required").forEach((name) -> names.add(name.stringValue()));
		}
		if (inlined.has("allOf")) {
			inlined.get("allOf").forEach((part) -> collectPropertyNames(part, names));
		}
	}

	private static JsonNode readJson(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return EventJson.mapper().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	private static List<String> constants(Class<?> type) {
		return constants(type, "");
	}

	private static List<String> constants(Class<?> type, String prefix) {
		List<String> values = new ArrayList<>();
		for (Field field : type.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
					&& field.getName().startsWith(prefix)) {
				try {
					values.add((String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return values;
	}

	private static Path repositoryRoot() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.isRegularFile(directory.resolve("docs/asyncapi.yaml"))) {
			directory = directory.getParent();
		}
		assertThat(directory).as("a directory above the working directory holding docs/asyncapi.yaml").isNotNull();
		return directory;
	}

}
