package io.assistantsync.common.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.aventrix.jnanoid.jnanoid.NanoIdUtils;

/**
 * Ids computed from other ids, so that an event written twice (a redelivery, a crash between write and
 * commit) carries the same id and consumers can drop the duplicate. Same alphabet and length as
 * {@link IdGenerator}.
 */
public final class DerivedIds {

	private DerivedIds() {
	}

	/**
	 * The id of the sync result of one attempt.
	 * @param sourceEventId the pending-create event's id
	 * @param attempt the 1-based attempt number
	 * @param status the outcome's status name
	 * @return a 21-character id, the same for the same arguments
	 */
	public static String syncResultId(String sourceEventId, int attempt, String status) {
		return syncResultId(sourceEventId, 0, attempt, status);
	}

	/**
	 * The id of the sync result of one attempt of a replayed dead letter. A replay sends the same event again
	 * with its attempts starting at 1; its round keeps the ids of its results apart from the earlier rounds'.
	 * @param sourceEventId the pending-create event's id
	 * @param replay how many times the event was replayed from the dead-letter topic ({@code x-replay-count}),
	 * 0 for the original round
	 * @param attempt the 1-based attempt number within the round
	 * @param status the outcome's status name
	 * @return a 21-character id, the same for the same arguments
	 */
	public static String syncResultId(String sourceEventId, int replay, int attempt, String status) {
		return derive(sourceEventId + '/' + ((replay > 0) ? "replay-" + replay + '/' : "") + attempt + '/' + status);
	}

	/**
	 * A 21-character id derived from any text.
	 * @param text what the id stands for
	 * @return the same id for the same text
	 */
	public static String derive(String text) {
		byte[] digest = sha256(text.getBytes(StandardCharsets.UTF_8));
		char[] alphabet = NanoIdUtils.DEFAULT_ALPHABET;
		char[] id = new char[IdGenerator.LENGTH];
		for (int i = 0; i < id.length; i++) {
			id[i] = alphabet[digest[i] & (alphabet.length - 1)];
		}
		return new String(id);
	}

	private static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
