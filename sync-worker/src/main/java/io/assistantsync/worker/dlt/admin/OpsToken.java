package io.assistantsync.worker.dlt.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The admin API's bearer token. Only its SHA-256 digest is kept; a presented token is compared by digest in
 * constant time, so neither its length nor its first differing character shows in the response time. The
 * token itself is never logged or returned: audit events carry a fingerprint, the first 12 hex digits of
 * the digest, which says which token was used without revealing it.
 */
class OpsToken {

	private static final int FINGERPRINT_LENGTH = 12;

	private final byte[] digest;

	/**
	 * @param token the configured token; blank or {@code null} turns the admin API off
	 */
	OpsToken(String token) {
		this.digest = (token != null && !token.isBlank()) ? sha256(token) : null;
	}

	/**
	 * Whether a token is configured.
	 * @return {@code false} when the admin API is off
	 */
	boolean isConfigured() {
		return this.digest != null;
	}

	/**
	 * Checks a presented token.
	 * @param presented the token from the request
	 * @return {@code true} only when a token is configured and the presented one equals it
	 */
	boolean matches(String presented) {
		return this.digest != null && presented != null && MessageDigest.isEqual(this.digest, sha256(presented));
	}

	/**
	 * The fingerprint of a token.
	 * @param token the token
	 * @return the first 12 lower-case hex digits of its SHA-256
	 */
	static String fingerprint(String token) {
		return HexFormat.of().formatHex(sha256(token)).substring(0, FINGERPRINT_LENGTH);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	@Override
	public String toString() {
		return "OpsToken[" + (isConfigured() ? "configured" : "none") + "]";
	}

}
