package io.assistantsync.common.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.id.AssistantId;

/**
 * The field rules of an assistant (docs/contract.md §1). Lengths count Unicode code points, not UTF-16 units.
 * Text must be well-formed Unicode (no lone surrogates) and free of control characters; long free text
 * ({@code description}, {@code instructions}) may contain line breaks and tabs.
 */
public final class AssistantRules {

	/** Longest name, in code points. */
	public static final int NAME_MAX = 100;

	/** Longest emoji, in code points. */
	public static final int EMOJI_MAX = 16;

	/** Longest description, in code points. */
	public static final int DESCRIPTION_MAX = 2_000;

	/** Longest category, in characters of {@code [a-z0-9-]}. */
	public static final int CATEGORY_MAX = 50;

	/** Most tags. */
	public static final int TAGS_MAX = 20;

	/** Longest tag, in code points. */
	public static final int TAG_MAX = 30;

	/** Longest instructions, in code points. */
	public static final int INSTRUCTIONS_MAX = 20_000;

	private static final Pattern CATEGORY = Pattern.compile("[a-z0-9-]*");

	private AssistantRules() {
	}

	/**
	 * Checks the fields a producer sends. {@code name} is expected trimmed already.
	 * @param name required
	 * @param emoji required
	 * @param description optional
	 * @param category optional
	 * @param tags optional
	 * @param instructions optional
	 * @return every violation, in field order; empty when valid
	 */
	public static List<FieldViolation> check(String name, String emoji, String description, String category,
			List<String> tags, String instructions) {
		List<FieldViolation> violations = new ArrayList<>();
		checkLine("name", name, 1, NAME_MAX, violations);
		checkLine("emoji", emoji, 1, EMOJI_MAX, violations);
		if (description != null) {
			checkText("description", description, DESCRIPTION_MAX, violations);
		}
		if (category != null && (category.length() > CATEGORY_MAX || !CATEGORY.matcher(category).matches())) {
			violations.add(new FieldViolation("category",
					"must be at most " + CATEGORY_MAX + " characters of a-z, 0-9 and '-'"));
		}
		if (tags != null) {
			checkTags(tags, violations);
		}
		if (instructions != null) {
			checkText("instructions", instructions, INSTRUCTIONS_MAX, violations);
		}
		return violations;
	}

	/**
	 * Checks a whole snapshot, as a consumer of a pending-create event receives it.
	 * @param assistant the snapshot
	 * @return every violation; empty when valid
	 */
	public static List<FieldViolation> check(AssistantSnapshot assistant) {
		List<FieldViolation> violations = new ArrayList<>();
		if (!AssistantId.isWellFormed(assistant.id())) {
			violations.add(new FieldViolation("id", "must be a 21-character nanoid"));
		}
		if (assistant.name() != null && !assistant.name().equals(assistant.name().strip())) {
			violations.add(new FieldViolation("name", "must be trimmed"));
		}
		violations.addAll(check(assistant.name(), assistant.emoji(), assistant.description(), assistant.category(),
				assistant.tags(), assistant.instructions()));
		if (assistant.visibility() == null) {
			violations.add(new FieldViolation("visibility", "is required"));
		}
		if (assistant.version() < 1) {
			violations.add(new FieldViolation("version", "must be at least 1"));
		}
		if (assistant.createdAt() == null) {
			violations.add(new FieldViolation("createdAt", "is required"));
		}
		if (assistant.updatedAt() == null) {
			violations.add(new FieldViolation("updatedAt", "is required"));
		}
		return violations;
	}

	private static void checkTags(List<String> tags, List<FieldViolation> violations) {
		if (tags.size() > TAGS_MAX) {
			violations.add(new FieldViolation("tags", "must have at most " + TAGS_MAX + " tags"));
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < tags.size(); i++) {
			String field = "tags[" + i + "]";
			String tag = tags.get(i);
			checkLine(field, tag, 1, TAG_MAX, violations);
			if (tag != null && !seen.add(tag)) {
				violations.add(new FieldViolation(field, "duplicates an earlier tag"));
			}
		}
	}

	private static void checkLine(String field, String value, int min, int max, List<FieldViolation> violations) {
		if (value == null) {
			violations.add(new FieldViolation(field, "is required"));
			return;
		}
		String problem = textProblem(value, false);
		if (problem != null) {
			violations.add(new FieldViolation(field, problem));
			return;
		}
		int length = value.codePointCount(0, value.length());
		if (length < min || length > max || value.isBlank()) {
			violations.add(new FieldViolation(field, "must be " + min + "–" + max + " characters"));
		}
	}

	private static void checkText(String field, String value, int max, List<FieldViolation> violations) {
		String problem = textProblem(value, true);
		if (problem != null) {
			violations.add(new FieldViolation(field, problem));
		}
		else if (value.codePointCount(0, value.length()) > max) {
			violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
		}
	}

	/**
	 * Why a string is not acceptable text, or {@code null} when it is.
	 */
	private static String textProblem(String value, boolean multiline) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "must be valid Unicode (unpaired surrogate at index " + i + ")";
			}
			else if (c == 0) {
				return "must not contain NUL characters";
			}
			else if (isControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
				return "must not contain control characters" + (multiline ? " other than line breaks and tabs" : "");
			}
		}
		return null;
	}

	private static boolean isControl(char c) {
		return Character.getType(c) == Character.CONTROL;
	}

}
