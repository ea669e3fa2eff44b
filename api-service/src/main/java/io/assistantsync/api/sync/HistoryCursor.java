package io.assistantsync.api.sync;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in an assistant's history: the version of the last item of a page. Clients see it as an opaque
 * token (base64url).
 *
 * @param version the last item's version; the next page starts below it
 */
record HistoryCursor(long version) {

	private static final String PREFIX = "h1:";

	String encode() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((PREFIX + this.version).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a token.
	 * @param token a token from {@link #encode()}
	 * @return the cursor, or {@code null} when the token is not one of ours
	 */
	static HistoryCursor decode(String token) {
		try {
			String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			if (!plain.startsWith(PREFIX)) {
				return null;
			}
			long version = Long.parseLong(plain.substring(PREFIX.length()));
			return (version >= 1) ? new HistoryCursor(version) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
