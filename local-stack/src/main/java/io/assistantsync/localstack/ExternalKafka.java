package io.assistantsync.localstack;

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

	private static final int TIMEOUT_MS = 10_000;

	private ExternalKafka() {
	}

	/**
	 * Fails unless the cluster answers a describe-cluster request.
	 * @param bootstrapServers the bootstrap servers
	 * @throws LocalStackException when it does not answer in time
	 */
	static void requireReachable(String bootstrapServers) {
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
		try (Admin admin = Admin.create(config)) {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
				.clusterId()
				.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
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
