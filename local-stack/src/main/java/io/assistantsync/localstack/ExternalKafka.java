package io.assistantsync.localstack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The broker named by {@code KAFKA_BOOTSTRAP_SERVERS}: checked once, so a typo is one clear line rather
 * than services that never become ready.
 */
final class ExternalKafka {

	private ExternalKafka() {
	}

	/**
	 * Fails unless the cluster answers a describe-cluster request.
	 * @param bootstrapServers the bootstrap servers
	 * @param timeout how long to wait for the answer
	 * @throws LocalStackException when it does not answer in time
	 */
	static void requireReachable(String bootstrapServers, Duration timeout) {
		int timeoutMs = (int) timeout.toMillis();
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
		try (Admin admin = Admin.create(config)) {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
				.clusterId()
				.get(timeoutMs, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw new LocalStackException("Kafka at " + bootstrapServers + " (KAFKA_BOOTSTRAP_SERVERS) is not reachable: "
					+ LocalStackException.describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalStackException("interrupted while checking Kafka at " + bootstrapServers);
		}
	}

}
