package io.assistantsync.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.assistantsync.common.id.IdGenerator;

/**
 * The one Kafka broker of a test JVM, shared by every test class: the broker named by
 * {@code KAFKA_BOOTSTRAP_SERVERS} if set, else a Testcontainers {@code apache/kafka} container when a
 * Docker engine answers, else spring-kafka-test's in-JVM KRaft broker. Closed at the end of the test
 * run by {@link TestInfrastructureShutdown}.
 */
public final class TestKafka {

	/** The image used when a Docker engine is available. */
	public static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

	private static Broker broker;

	private TestKafka() {
	}

	/**
	 * Starts the broker on first use.
	 * @return the bootstrap servers of the shared broker
	 */
	public static synchronized String bootstrapServers() {
		if (broker == null) {
			broker = startBroker();
		}
		return broker.bootstrapServers();
	}

	/**
	 * Whether tests can stop and start the shared broker (not an external one).
	 * @return {@code true} for the embedded broker and a container
	 */
	public static synchronized boolean canSimulateOutage() {
		bootstrapServers();
		return broker.canSimulateOutage();
	}

	/**
	 * Makes the broker unreachable on its address, keeping its data (an outage).
	 */
	public static synchronized void stop() {
		bootstrapServers();
		broker.stop();
	}

	/**
	 * Brings the broker back on the same address after {@link #stop()}.
	 */
	public static synchronized void start() {
		bootstrapServers();
		broker.start();
	}

	/**
	 * A prefix that makes topic names unique to one test context, so contexts never see each other's events.
	 * @return e.g. {@code it-k3x9...}
	 */
	public static String uniqueTopicPrefix() {
		return "it-" + new IdGenerator().newId().toLowerCase(Locale.ROOT).replace('_', 'x');
	}

	/**
	 * Creates a topic on the shared broker, for a test that uses plain Kafka clients.
	 * @param name the topic, e.g. under {@link #uniqueTopicPrefix()}
	 * @param partitions its partitions, with one replica each
	 * @throws IllegalStateException when the broker does not create it within 30 s
	 */
	public static void createTopic(String name, int partitions) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while creating " + name, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not create " + name, ex);
		}
	}

	static synchronized void shutdown() {
		if (broker != null) {
			broker.close();
			broker = null;
		}
	}

	private static Broker startBroker() {
		String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
		if (external != null && !external.isBlank()) {
			return new ExternalBroker(external);
		}
		if (dockerAvailable()) {
			return new ContainerBroker();
		}
		return new EmbeddedBroker();
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private interface Broker extends AutoCloseable {

		String bootstrapServers();

		default boolean canSimulateOutage() {
			return true;
		}

		void stop();

		void start();

		@Override
		void close();

	}

	private record ExternalBroker(String bootstrapServers) implements Broker {

		@Override
		public boolean canSimulateOutage() {
			return false;
		}

		@Override
		public void stop() {
			throw new UnsupportedOperationException("Cannot stop the external broker " + this.bootstrapServers);
		}

		@Override
		public void start() {
			throw new UnsupportedOperationException("Cannot start the external broker " + this.bootstrapServers);
		}

		@Override
		public void close() {
		}

	}

	private static final class ContainerBroker implements Broker {

		private final KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);

		ContainerBroker() {
			this.container.start();
		}

		@Override
		public String bootstrapServers() {
			return this.container.getBootstrapServers();
		}

		@Override
		public void stop() {
			DockerClientFactory.instance().client().pauseContainerCmd(this.container.getContainerId()).exec();
		}

		@Override
		public void start() {
			DockerClientFactory.instance().client().unpauseContainerCmd(this.container.getContainerId()).exec();
		}

		@Override
		public void close() {
			this.container.stop();
		}

	}

	private static final class EmbeddedBroker implements Broker {

		private final EmbeddedKafkaKraftBroker broker;

		EmbeddedBroker() {
			this.broker = new EmbeddedKafkaKraftBroker(1, 1);
			this.broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "offsets.topic.num.partitions",
					"4", "group.initial.rebalance.delay.ms", "0", "transaction.state.log.num.partitions", "4"));
			this.broker.afterPropertiesSet();
		}

		@Override
		public String bootstrapServers() {
			return this.broker.getBrokersAsString();
		}

		@Override
		public void stop() {
			brokerServer().shutdown();
			brokerServer().awaitShutdown();
		}

		@Override
		public void start() {
			brokerServer().startup();
		}

		@Override
		public void close() {
			this.broker.destroy();
		}

		private kafka.server.BrokerServer brokerServer() {
			KafkaClusterTestKit cluster = this.broker.getCluster();
			return cluster.brokers().values().iterator().next();
		}

	}

}
