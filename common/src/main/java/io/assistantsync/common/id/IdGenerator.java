package io.assistantsync.common.id;

import java.security.SecureRandom;
import java.util.Random;

import com.aventrix.jnanoid.jnanoid.NanoIdUtils;

/**
 * Makes the ids of assistants and events: nanoids of 21 characters of jnanoid's default URL-safe
 * alphabet. Services inject one instance; tests may pass a seeded {@link Random}.
 */
public final class IdGenerator {

	/** Length of every generated id. */
	public static final int LENGTH = NanoIdUtils.DEFAULT_SIZE;

	private final Random random;

	/**
	 * A generator backed by a {@link SecureRandom}.
	 */
	public IdGenerator() {
		this(new SecureRandom());
	}

	/**
	 * A generator backed by the given source of randomness.
	 * @param random the source of randomness
	 */
	public IdGenerator(Random random) {
		this.random = random;
	}

	/**
	 * A new random id.
	 * @return 21 characters of {@code [A-Za-z0-9_-]}
	 */
	public String newId() {
		return NanoIdUtils.randomNanoId(this.random, NanoIdUtils.DEFAULT_ALPHABET, LENGTH);
	}

	/**
	 * A new assistant id.
	 * @return a new id
	 */
	public AssistantId newAssistantId() {
		return new AssistantId(newId());
	}

}
