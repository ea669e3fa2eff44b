package io.assistantsync.api.assistant;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import tools.jackson.core.JsonGenerator;

import io.assistantsync.common.event.Visibility;
import io.assistantsync.common.json.EventJson;

/**
 * A valid create or update request (the editable fields of docs/contract.md §1): the fields a producer chooses, with {@code name} trimmed, absent tags empty and
 * the default visibility applied.
 *
 * @param name the name
 * @param emoji the emoji
 * @param description the description, or {@code null}
 * @param category the category, or {@code null}
 * @param tags the tags, never {@code null}
 * @param instructions the instructions, or {@code null}
 * @param visibility the visibility
 */
record AssistantDraft(String name, String emoji, String description, String category, List<String> tags,
		String instructions, Visibility visibility) {

	AssistantDraft {
		tags = (tags != null) ? List.copyOf(tags) : List.of();
	}

	/**
	 * The editable fields of a stored assistant, the document a merge patch applies to.
	 * @param assistant the assistant
	 * @return its editable fields
	 */
	static AssistantDraft of(AssistantResource assistant) {
		return new AssistantDraft(assistant.name(), assistant.emoji(), assistant.description(), assistant.category(),
				assistant.tags(), assistant.instructions(), assistant.visibility());
	}

	/**
	 * The fields a create sets: those with a value (non-empty tags), in the resource's field order.
	 * @return the field names
	 */
	List<String> setFields() {
		return changedFrom(new AssistantDraft(null, null, null, null, List.of(), null, null));
	}

	/**
	 * The fields whose value differs from another draft's, in the resource's field order.
	 * @param before the fields as they were
	 * @return the field names
	 */
	List<String> changedFrom(AssistantDraft before) {
		List<String> changed = new ArrayList<>();
		addIfChanged(changed, "name", before.name, this.name);
		addIfChanged(changed, "emoji", before.emoji, this.emoji);
		addIfChanged(changed, "description", before.description, this.description);
		addIfChanged(changed, "category", before.category, this.category);
		addIfChanged(changed, "tags", before.tags, this.tags);
		addIfChanged(changed, "instructions", before.instructions, this.instructions);
		addIfChanged(changed, "visibility", before.visibility, this.visibility);
		return changed;
	}

	private static void addIfChanged(List<String> changed, String field, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			changed.add(field);
		}
	}

	/**
	 * A fingerprint of what the request asks for, so that an Idempotency-Key reused with another body is
	 * recognised while formatting differences (spacing, field order, untrimmed name) are not.
	 * @return 64 hex digits of a SHA-256
	 */
	String fingerprint() {
		byte[] canonical = canonicalJson();
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/**
	 * The draft as data binding writes it, field by field on the streaming generator: the same bytes, so that
	 * fingerprints stored before stay valid, without binding's reflection.
	 */
	byte[] canonicalJson() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator json = EventJson.mapper().createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("name", this.name);
			json.writeStringProperty("emoji", this.emoji);
			json.writeStringProperty("description", this.description);
			json.writeStringProperty("category", this.category);
			json.writeName("tags");
			json.writeStartArray();
			for (String tag : this.tags) {
				json.writeString(tag);
			}
			json.writeEndArray();
			json.writeStringProperty("instructions", this.instructions);
			json.writeStringProperty("visibility", (this.visibility != null) ? this.visibility.name() : null);
			json.writeEndObject();
		}
		return out.toByteArray();
	}

}
