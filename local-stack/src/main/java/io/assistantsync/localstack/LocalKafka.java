package io.assistantsync.localstack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.utils.Exit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft broker inside the launcher's JVM (spring-kafka-test's
 * {@link EmbeddedKafkaKraftBroker}), reachable by the service processes on a fixed port.
 */
final class LocalKafka implements AutoCloseable {

	/** Partitions of auto-created topics, as many as the services give the topics they create. */
	private static final int PARTITIONS = 6;

	/**
	 * The KRaft test kit binds its own listeners to random ports and ignores
	 * {@code kafkaPorts(...)}, so the fixed port is an extra listener of its own name.
	 */
	private static final String LISTENER = "LOCAL";

	private final EmbeddedKafkaKraftBroker broker;

	private final String bootstrapServers;

	private final List<Runnable> cleanups;

	private LocalKafka(EmbeddedKafkaKraftBroker broker, String bootstrapServers, List<Runnable> cleanups) {
		this.broker = broker;
		this.bootstrapServers = bootstrapServers;
		this.cleanups = cleanups;
	}

	/**
	 * Starts the broker; topics are created on first use and are gone after {@link #close()}.
	 * @param port the port on 127.0.0.1
	 * @return the running broker
	 * @throws LocalStackException when it cannot start
	 */
	static LocalKafka start(int port) {
		String address = "127.0.0.1:" + port;
		// The test kit deletes its temporary log directory in a JVM shutdown hook, which would run alongside the
		// launcher's own hook and pull the files from under a broker that is still shutting down: keep those
		// hooks and run them after close() instead.
		List<Runnable> cleanups = new CopyOnWriteArrayList<>();
		Exit.setShutdownHookAdder((name, hook) -> cleanups.add(hook));
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
		broker.brokerProperties(Map.of(
				// the test kit's own listeners (EXTERNAL, CONTROLLER) stay on random ports
				"listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + LISTENER + "://" + address,
				"listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + LISTENER + ":PLAINTEXT",
				"auto.create.topics.enable", "true",
				// the defaults (50 partitions each) make the first consumer group and transaction slow to start
				"offsets.topic.num.partitions", "4",
				"transaction.state.log.num.partitions", "4",
				"transaction.state.log.replication.factor", "1",
				"transaction.state.log.min.isr", "1",
				"group.initial.rebalance.delay.ms", "0"));
		try {
			broker.afterPropertiesSet();
		}
		catch (RuntimeException ex) {
			cleanups.forEach(Runnable::run);
			throw new LocalStackException(
					"the embedded Kafka broker could not start on " + address + ": " + LocalStackException.describe(ex));
		}
		return new LocalKafka(broker, address, cleanups);
	}

	/**
	 * The address clients use.
	 * @return e.g. {@code 127.0.0.1:9092}
	 */
	String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public void close() {
		try {
			this.broker.destroy();
		}
		finally {
			this.cleanups.forEach(Runnable::run);
		}
	}

	@Override
	public String toString() {
		return "Kafka";
	}

}
