package io.assistantsync.localstack;

import io.assistantsync.fixtures.InJvmKafka;

/**
 * A real single-node KRaft broker inside the launcher's JVM (the test fixtures' {@link InJvmKafka}, which
 * the benchmark runs too), reachable by the service processes on a fixed port.
 */
final class LocalKafka implements AutoCloseable {

	/** Partitions of auto-created topics, as many as the services give the topics they create. */
	private static final int PARTITIONS = 6;

	private final InJvmKafka broker;

	private LocalKafka(InJvmKafka broker) {
		this.broker = broker;
	}

	/**
	 * Starts the broker; topics are created on first use and are gone after {@link #close()}.
	 * @param port the port on 127.0.0.1
	 * @return the running broker
	 * @throws LocalStackException when it cannot start
	 */
	static LocalKafka start(int port) {
		try {
			return new LocalKafka(InJvmKafka.start(port, PARTITIONS));
		}
		catch (RuntimeException ex) {
			throw new LocalStackException("the embedded Kafka broker could not start on 127.0.0.1:" + port + ": "
					+ LocalStackException.describe(ex));
		}
	}

	/**
	 * The address clients use.
	 * @return e.g. {@code 127.0.0.1:9092}
	 */
	String bootstrapServers() {
		return this.broker.bootstrapServers();
	}

	@Override
	public void close() {
		this.broker.close();
	}

	@Override
	public String toString() {
		return "Kafka";
	}

}
