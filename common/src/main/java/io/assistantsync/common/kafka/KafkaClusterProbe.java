package io.assistantsync.common.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * Asks a Kafka cluster to describe itself within a timeout: the health check of both services. One admin
 * client, opened once and reused, so a probe costs one request.
 */
public final class KafkaClusterProbe implements AutoCloseable {

	private final AdminClient admin;

	private final Duration timeout;

	/**
	 * Opens the admin client.
	 * @param adminConfig the admin client configuration, e.g. Spring's {@code KafkaAdmin} properties
	 * @param timeout the longest a probe may wait
	 */
	public KafkaClusterProbe(Map<String, Object> adminConfig, Duration timeout) {
		this.admin = AdminClient.create(adminConfig);
		this.timeout = timeout;
	}

	/**
	 * Describes the cluster.
	 * @return its id and how many brokers answer
	 * @throws ExecutionException when the cluster refuses
	 * @throws TimeoutException when it does not answer in time
	 * @throws InterruptedException when interrupted while waiting
	 */
	public Cluster describe() throws ExecutionException, TimeoutException, InterruptedException {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		String id = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		int nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).size();
		return new Cluster(id, nodes);
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(1));
	}

	/**
	 * What a cluster said of itself.
	 *
	 * @param id the cluster id
	 * @param nodes the brokers that answer
	 */
	public record Cluster(String id, int nodes) {
	}

}
