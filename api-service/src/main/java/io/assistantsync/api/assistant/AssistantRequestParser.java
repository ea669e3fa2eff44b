package io.assistantsync.api.assistant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.common.event.Visibility;
import io.assistantsync.common.validation.AssistantRules;
import io.assistantsync.common.validation.FieldViolation;

/**
 * Reads a create or update request (or the result of a merge patch) and names every offending field at once. The body is read as a JSON tree and
 * each field is checked by hand rather than bound to a type, because binding stops at the first wrong
 * type and coerces values ({@code 5} into {@code "5"}). Duplicate keys are rejected; unknown fields are
 * rejected, so that a typo never passes silently.
 */
final class AssistantRequestParser {

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.build();

	private static final Set<String> FIELDS = Set.of("name", "emoji", "description", "category", "tags",
			"instructions", "visibility");

	private static final int FIELD_NAME_ECHO_MAX = 100;

	private AssistantRequestParser() {
	}

	/**
	 * Parses and validates a request body.
	 * @param body the raw body, already size-checked
	 * @return the draft
	 * @throws org.springframework.web.ErrorResponseException a 400 naming every offending field
	 */
	static AssistantDraft parse(byte[] body) {
		return parse(read(body));
	}

	/**
	 * Validates a request document, as read by {@link #read(byte[])} or produced by a merge patch.
	 * @param root the document
	 * @return the draft
	 * @throws org.springframework.web.ErrorResponseException a 400 naming every offending field
	 */
	static AssistantDraft parse(JsonNode root) {
		if (!root.isObject()) {
			throw ApiProblems.unreadableBody("The request body must be a JSON object");
		}
		List<FieldViolation> violations = new ArrayList<>();
		Set<String> broken = new HashSet<>();
		for (Map.Entry<String, JsonNode> property : root.properties()) {
			if (!FIELDS.contains(property.getKey())) {
				violations.add(new FieldViolation(echo(property.getKey()), "is not a known field"));
			}
		}
		String name = string(root, "name", violations, broken);
		String emoji = string(root, "emoji", violations, broken);
		String description = string(root, "description", violations, broken);
		String category = string(root, "category", violations, broken);
		List<String> tags = tags(root, violations, broken);
		String instructions = string(root, "instructions", violations, broken);
		Visibility visibility = visibility(root, violations, broken);
		String trimmedName = (name != null) ? name.strip() : null;
		for (FieldViolation violation : AssistantRules.check(trimmedName, emoji, description, category, tags,
				instructions)) {
			// a field of the wrong type was already reported; its missing value is not a second problem
			if (!broken.contains(violation.field())) {
				violations.add(violation);
			}
		}
		if (!violations.isEmpty()) {
			throw ApiProblems.invalidRequest(violations.size() + " field(s) of the request are invalid", violations);
		}
		return new AssistantDraft(trimmedName, emoji, description, category, tags, instructions, visibility);
	}

	/**
	 * Reads a body as JSON, strictly: duplicate keys and trailing tokens are refused.
	 * @param body the raw body, already size-checked
	 * @return the tree
	 * @throws org.springframework.web.ErrorResponseException a 400 when it is not one JSON value
	 */
	static JsonNode read(byte[] body) {
		if (isBlank(body)) {
			throw ApiProblems.unreadableBody("The request body is empty; a JSON object is required");
		}
		try {
			return STRICT.readTree(body);
		}
		catch (JacksonException ex) {
			String duplicate = duplicateField(ex);
			if (duplicate != null) {
				throw ApiProblems.invalidRequest("The request body repeats a field",
						List.of(new FieldViolation(echo(duplicate), "appears more than once")));
			}
			throw ApiProblems.unreadableBody("The request body is not valid JSON (" + location(ex) + ")");
		}
	}

	private static String string(JsonNode root, String field, List<FieldViolation> violations, Set<String> broken) {
		JsonNode value = root.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			violations.add(new FieldViolation(field, "must be a string, not " + kind(value)));
			broken.add(field);
			return null;
		}
		return value.stringValue();
	}

	private static List<String> tags(JsonNode root, List<FieldViolation> violations, Set<String> broken) {
		JsonNode value = root.get("tags");
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isArray()) {
			violations.add(new FieldViolation("tags", "must be an array of strings, not " + kind(value)));
			broken.add("tags");
			return null;
		}
		List<String> tags = new ArrayList<>(value.size());
		for (int i = 0; i < value.size(); i++) {
			JsonNode tag = value.get(i);
			if (tag.isString()) {
				tags.add(tag.stringValue());
			}
			else {
				String field = "tags[" + i + "]";
				violations.add(new FieldViolation(field, "must be a string, not " + kind(tag)));
				broken.add(field);
				tags.add(null);
			}
		}
		return tags;
	}

	private static Visibility visibility(JsonNode root, List<FieldViolation> violations, Set<String> broken) {
		JsonNode value = root.get("visibility");
		if (value == null || value.isNull()) {
			return Visibility.PRIVATE;
		}
		if (value.isString()) {
			for (Visibility visibility : Visibility.values()) {
				if (visibility.name().equals(value.stringValue())) {
					return visibility;
				}
			}
		}
		violations.add(new FieldViolation("visibility", "must be \"PRIVATE\" or \"PUBLIC\""));
		broken.add("visibility");
		return Visibility.PRIVATE;
	}

	private static String kind(JsonNode value) {
		return switch (value.getNodeType()) {
			case ARRAY -> "an array";
			case OBJECT, POJO -> "an object";
			case NUMBER -> "a number";
			case BOOLEAN -> "a boolean";
			case STRING -> "a string";
			case NULL -> "null";
			default -> "another JSON type";
		};
	}

	private static String location(JacksonException ex) {
		if (ex.getLocation() == null) {
			return "malformed";
		}
		return "at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr();
	}

	/**
	 * The name of a repeated field, from the parser's message ({@code Duplicate Object property "name"}).
	 */
	private static String duplicateField(JacksonException ex) {
		String message = ex.getOriginalMessage();
		if (message == null || !message.startsWith("Duplicate")) {
			return null;
		}
		int open = message.indexOf('"');
		int close = message.lastIndexOf('"');
		return (open >= 0 && close > open) ? message.substring(open + 1, close) : "body";
	}

	/**
	 * A client's field name, safe to write back: at most 100 code points, control characters and unpaired
	 * surrogates (which no JSON writer can encode as UTF-8) replaced.
	 */
	private static String echo(String fieldName) {
		StringBuilder safe = new StringBuilder();
		int count = 0;
		for (int i = 0; i < fieldName.length() && count < FIELD_NAME_ECHO_MAX; count++) {
			int codePoint = fieldName.codePointAt(i);
			boolean printable = !Character.isISOControl(codePoint)
					&& Character.getType(codePoint) != Character.SURROGATE;
			safe.appendCodePoint(printable ? codePoint : '\uFFFD');
			i += Character.charCount(codePoint);
		}
		return (count < fieldName.codePointCount(0, fieldName.length())) ? safe.append('…').toString()
				: safe.toString();
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return false;
			}
		}
		return true;
	}

}
