package io.assistantsync.api.assistant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PUT, PATCH or DELETE of one assistant, as received.
 *
 * @param kind what it asks for
 * @param id the assistant id from the path
 * @param ifMatch the {@code If-Match} header, or {@code null}
 * @param body the raw body (empty for a delete)
 * @param idempotencyKey the Idempotency-Key, or {@code null}
 */
record AssistantWrite(Kind kind, String id, String ifMatch, byte[] body, String idempotencyKey) {

	private static final JsonMapper CANONICAL = JsonMapper.builder()
		.enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
		.build();

	/**
	 * A fingerprint of the request for its Idempotency-Key: method, id, {@code If-Match} and body, the body as
	 * JSON with sorted members when it is JSON, so that spacing and member order do not count.
	 * @return 64 hex digits of a SHA-256
	 */
	String fingerprint() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((this.kind.name() + "\n" + this.id + "\n" + this.ifMatch + "\n")
				.getBytes(StandardCharsets.UTF_8));
			digest.update(canonical(this.body));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	private static byte[] canonical(byte[] body) {
		try {
			return CANONICAL.writeValueAsBytes(CANONICAL.readTree(body));
		}
		catch (JacksonException ex) {
			return body;
		}
	}

	/**
	 * What a write asks for.
	 */
	enum Kind {

		/** PUT: the body is the new editable fields. */
		REPLACE,

		/** PATCH: the body is a JSON merge patch of the editable fields. */
		MERGE,

		/** DELETE: no body. */
		DELETE

	}

}
