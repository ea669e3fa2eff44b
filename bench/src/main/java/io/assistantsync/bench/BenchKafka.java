package io.assistantsync.bench;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Exit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A fresh single-node KRaft broker inside the harness JVM (as local-stack runs it), with a listener on a
 * free port of its own; its log directory is deleted on {@link #close()}.
 */
final class BenchKafka implements AutoCloseable {

	private static final String LISTENER = "BENCH";

	private final EmbeddedKafkaKraftBroker broker;

	private final String bootstrapServers;

	private final List<Runnable> cleanups;

	private BenchKafka(EmbeddedKafkaKraftBroker broker, String bootstrapServers, List<Runnable> cleanups) {
		this.broker = broker;
		this.bootstrapServers = bootstrapServers;
		this.cleanups = cleanups;
	}

	static BenchKafka start() {
		int port = FreePorts.next();
		String address = "127.0.0.1:" + port;
		// the test kit deletes its log directory in a shutdown hook; run it after the broker stopped instead
		List<Runnable> cleanups = new CopyOnWriteArrayList<>();
		Exit.setShutdownHookAdder((name, hook) -> cleanups.add(hook));
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerProperties(Map.of("listeners",
				"EXTERNAL://localhost:0,CONTROLLER://localhost:0," + LISTENER + "://" + address,
				"listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + LISTENER + ":PLAINTEXT",
				"auto.create.topics.enable", "true", "offsets.topic.num.partitions", "4",
				"transaction.state.log.num.partitions", "4", "transaction.state.log.replication.factor", "1",
				"transaction.state.log.min.isr", "1", "group.initial.rebalance.delay.ms", "0"));
		broker.afterPropertiesSet();
		return new BenchKafka(broker, address, cleanups);
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Creates a topic and waits until it exists.
	 * @param name the topic
	 * @param partitions its partitions
	 */
	void createTopic(String name, int partitions) {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("could not create topic " + name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
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

}
