package io.assistantsync.api.assistant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.assistantsync.common.event.Visibility;
import io.assistantsync.common.json.EventJson;

/**
 * A valid create request: the fields a producer chooses, with {@code name} trimmed, absent tags empty and
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
	 * A fingerprint of what the request asks for, so that an Idempotency-Key reused with another body is
	 * recognised while formatting differences (spacing, field order, untrimmed name) are not.
	 * @return 64 hex digits of a SHA-256
	 */
	String fingerprint() {
		byte[] canonical = EventJson.mapper().writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
