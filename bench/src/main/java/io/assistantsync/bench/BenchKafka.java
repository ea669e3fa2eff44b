package io.assistantsync.bench;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.assistantsync.fixtures.InJvmKafka;

/**
 * A fresh single-node KRaft broker inside the harness JVM (the local stack's {@link InJvmKafka}), on a
 * free port of its own; its log directory is deleted on {@link #close()}.
 */
final class BenchKafka implements AutoCloseable {

	private final InJvmKafka broker;

	private BenchKafka(InJvmKafka broker) {
		this.broker = broker;
	}

	static BenchKafka start() {
		return new BenchKafka(InJvmKafka.start(FreePorts.next(), 1));
	}

	String bootstrapServers() {
		return this.broker.bootstrapServers();
	}

	/**
	 * Creates a topic and waits until it exists.
	 * @param name the topic
	 * @param partitions its partitions
	 */
	void createTopic(String name, int partitions) {
		createTopic(bootstrapServers(), name, partitions);
	}

	/**
	 * Creates a topic on any broker and waits until it exists.
	 * @param bootstrapServers the broker
	 * @param name the topic
	 * @param partitions its partitions
	 */
	static void createTopic(String bootstrapServers, String name, int partitions) {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
		this.broker.close();
	}

}
