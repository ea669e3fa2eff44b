package io.assistantsync.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker (broker and controller in one) as a child JVM of its own, running Kafka's own
 * {@code kafka.Kafka} from this module's class path, with a fixed port and a fixed log directory: it can be
 * killed with SIGKILL and started again on the same data, as a crashed broker is. The log directory is
 * formatted once, on the first start.
 */
final class ChaosBroker implements AutoCloseable {

	private static final Duration READY_POLL = Duration.ofMillis(200);

	private final Path directory;

	private final int port;

	private final Path properties;

	private final Duration readyTimeout;

	private BenchedService process;

	private int starts;

	private ChaosBroker(Path directory, int port, Path properties, Duration readyTimeout) {
		this.directory = directory;
		this.port = port;
		this.properties = properties;
		this.readyTimeout = readyTimeout;
	}

	/**
	 * Formats a fresh log directory and launches the broker on it; {@link #awaitReady()} waits for it.
	 * @param directory where its configuration, log directory and log file go
	 * @param readyTimeout the longest wait for the broker to answer
	 * @return the running broker
	 */
	static ChaosBroker start(Path directory, Duration readyTimeout) throws IOException, InterruptedException {
		Files.createDirectories(directory);
		int port = FreePorts.next();
		Path properties = directory.resolve("server.properties");
		Properties config = new Properties();
		config.putAll(config(directory.resolve("kraft-logs"), port, FreePorts.next()));
		try (Writer writer = Files.newBufferedWriter(properties)) {
			config.store(writer, "the chaos run's broker");
		}
		ChaosBroker broker = new ChaosBroker(directory, port, properties, readyTimeout);
		BenchedService.start("kafka-format", List.of("-Xmx128m"),
				List.of("-cp", System.getProperty("java.class.path"), "kafka.tools.StorageTool", "format", "-t",
						Uuid.randomUuid().toString(), "-c", properties.toString()),
				Map.of(), null, directory)
			.awaitExit(readyTimeout);
		broker.launch();
		return broker;
	}

	private static Map<String, String> config(Path logs, int port, int controllerPort) {
		return Map.ofEntries(Map.entry("process.roles", "broker,controller"), Map.entry("node.id", "1"),
				Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
				Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
				Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("log.dirs", logs.toString()), Map.entry("num.partitions", "6"),
				// as the in-JVM broker of the tests and the local stack: small internal topics, no join delay
				Map.entry("offsets.topic.replication.factor", "1"), Map.entry("offsets.topic.num.partitions", "4"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("transaction.state.log.num.partitions", "4"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0"));
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Starts the broker on its log directory (again) and waits until it answers.
	 */
	void restart() throws IOException {
		launch();
		awaitReady();
	}

	private void launch() throws IOException {
		this.starts++;
		this.process = BenchedService.start("kafka-" + this.starts, List.of("-Xmx384m", "-XX:+UseSerialGC"),
				List.of("-cp", System.getProperty("java.class.path"), "kafka.Kafka", this.properties.toString()),
				Map.of(), null, this.directory);
	}

	/**
	 * Waits until the broker answers.
	 */
	void awaitReady() {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
		long deadline = System.nanoTime() + this.readyTimeout.toNanos();
		try (Admin admin = Admin.create(config)) {
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("the broker exited before it was ready; see " + this.directory);
				}
				try {
					if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
						return;
					}
				}
				catch (ExecutionException | TimeoutException ex) {
					// not listening yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted", ex);
				}
				LockSupport.parkNanos(READY_POLL.toNanos());
			}
		}
		throw new IllegalStateException("the broker was not ready within " + this.readyTimeout.toSeconds() + " s");
	}

	/**
	 * Kills the broker with SIGKILL: what it had not handed to the operating system is gone, what it had
	 * stays in its log directory.
	 */
	void kill() throws InterruptedException {
		this.process.kill();
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.close();
		}
	}

}
