package io.assistantsync.api.assistant;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import tools.jackson.core.JsonGenerator;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.json.Timestamps;

/**
 * The JSON a create writes, field by field on Jackson's streaming generator: the resource answered with the 202
 * (docs/contract.md §1) and the pending-create event stored in the outbox (§3). The bytes are those that data
 * binding writes for {@link AssistantResource} and {@link AssistantCreationRequested}, same fields, order and
 * escaping; writing them directly spares the per-request introspection and reflective accessor calls of binding
 * on the hottest path.
 */
final class AssistantJson {

	private static final int INITIAL_BYTES = 512;

	private AssistantJson() {
	}

	/**
	 * The resource, as the API answers it.
	 * @param assistant the assistant
	 * @return the JSON text
	 */
	static String resource(AssistantResource assistant) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BYTES);
		try (JsonGenerator json = EventJson.mapper().createGenerator(out)) {
			json.writeStartObject();
			writeSnapshotFields(json, assistant, true);
			AssistantResource.Sync sync = assistant.sync();
			json.writeName("sync");
			json.writeStartObject();
			json.writeStringProperty("status", sync.status().name());
			json.writeNumberProperty("attempts", sync.attempts());
			json.writeName("lastError");
			if (sync.lastError() == null) {
				json.writeNull();
			}
			else {
				json.writeStartObject();
				json.writeStringProperty("type", sync.lastError().type());
				json.writeStringProperty("message", sync.lastError().message());
				json.writeEndObject();
			}
			writeInstant(json, "lastAttemptAt", sync.lastAttemptAt());
			writeInstant(json, "syncedAt", sync.syncedAt());
			json.writeEndObject();
			json.writeEndObject();
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/**
	 * The pending-create event of a new assistant, as the outbox stores and the relay sends it.
	 * @param assistant the assistant at version 1
	 * @param eventId the event id
	 * @param occurredAt when it was recorded
	 * @return the UTF-8 JSON
	 */
	static byte[] creationRequested(AssistantResource assistant, String eventId, Instant occurredAt) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BYTES);
		try (JsonGenerator json = EventJson.mapper().createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("eventId", eventId);
			json.writeStringProperty("assistantId", assistant.id());
			json.writeNumberProperty("version", assistant.version());
			writeInstant(json, "occurredAt", occurredAt);
			json.writeName("assistant");
			json.writeStartObject();
			// the snapshot leaves out an absent owner; the resource writes it as null
			writeSnapshotFields(json, assistant, assistant.ownerId() != null);
			json.writeEndObject();
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static void writeSnapshotFields(JsonGenerator json, AssistantResource assistant, boolean withOwner) {
		json.writeStringProperty("id", assistant.id());
		if (withOwner) {
			json.writeStringProperty("ownerId", assistant.ownerId());
		}
		json.writeStringProperty("name", assistant.name());
		json.writeStringProperty("emoji", assistant.emoji());
		json.writeStringProperty("description", assistant.description());
		json.writeStringProperty("category", assistant.category());
		writeStrings(json, "tags", assistant.tags());
		json.writeStringProperty("instructions", assistant.instructions());
		json.writeStringProperty("visibility", assistant.visibility().name());
		json.writeNumberProperty("version", assistant.version());
		writeInstant(json, "createdAt", assistant.createdAt());
		writeInstant(json, "updatedAt", assistant.updatedAt());
	}

	private static void writeStrings(JsonGenerator json, String name, List<String> values) {
		json.writeName(name);
		json.writeStartArray();
		for (String value : values) {
			json.writeString(value);
		}
		json.writeEndArray();
	}

	private static void writeInstant(JsonGenerator json, String name, Instant value) {
		json.writeName(name);
		if (value == null) {
			json.writeNull();
		}
		else {
			json.writeString(Timestamps.format(value));
		}
	}

}
