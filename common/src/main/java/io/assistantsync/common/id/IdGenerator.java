package io.assistantsync.common.id;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Supplier;

import com.aventrix.jnanoid.jnanoid.NanoIdUtils;

/**
 * Makes the ids of assistants and events: nanoids of 21 characters of jnanoid's default URL-safe
 * alphabet. Services inject one instance; tests may pass a seeded {@link Random}.
 */
public final class IdGenerator {

	/** Length of every generated id. */
	public static final int LENGTH = NanoIdUtils.DEFAULT_SIZE;

	private final Supplier<Random> random;

	/**
	 * A generator backed by a {@link SecureRandom} per thread: the default (NativePRNG) instances all share
	 * one lock, which request threads queued on under load; a DRBG instance of each thread's own, seeded
	 * once from the system's entropy, has no shared state.
	 */
	public IdGenerator() {
		ThreadLocal<Random> perThread = ThreadLocal.withInitial(IdGenerator::drbg);
		this.random = perThread::get;
	}

	/**
	 * A generator backed by the given source of randomness.
	 * @param random the source of randomness
	 */
	public IdGenerator(Random random) {
		this.random = () -> random;
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

	/**
	 * A new random id.
	 * @return 21 characters of {@code [A-Za-z0-9_-]}
	 */
	public String newId() {
		return NanoIdUtils.randomNanoId(this.random.get(), NanoIdUtils.DEFAULT_ALPHABET, LENGTH);
	}

	/**
	 * A new assistant id.
	 * @return a new id
	 */
	public AssistantId newAssistantId() {
		return new AssistantId(newId());
	}

}
