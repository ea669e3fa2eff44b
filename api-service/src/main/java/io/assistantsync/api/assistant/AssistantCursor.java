package io.assistantsync.api.assistant;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.assistantsync.common.id.AssistantId;

/**
 * A position in the newest-first list: the (createdAt, id) of the last item of a page. Clients see it as
 * an opaque token (base64url); ties on createdAt are broken by id, so the order is stable.
 *
 * @param createdAt the last item's creation time
 * @param id the last item's id
 */
record AssistantCursor(Instant createdAt, String id) {

	private static final String VERSION = "1";

	private static final long LATEST_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

	/**
	 * The token form.
	 * @return base64url text without padding
	 */
	String encode() {
		String plain = VERSION + ":" + this.createdAt.toEpochMilli() + ":" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a token.
	 * @param token a token from {@link #encode()}
	 * @return the cursor, or {@code null} when the token is not one of ours
	 */
	static AssistantCursor decode(String token) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", -1);
			if (parts.length != 3 || !VERSION.equals(parts[0]) || !AssistantId.isWellFormed(parts[2])) {
				return null;
			}
			long millis = Long.parseLong(parts[1]);
			// a forged time outside what the database can hold must be a 400, not a 500
			if (millis < 0 || millis > LATEST_MILLIS) {
				return null;
			}
			return new AssistantCursor(Instant.ofEpochMilli(millis), parts[2]);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
