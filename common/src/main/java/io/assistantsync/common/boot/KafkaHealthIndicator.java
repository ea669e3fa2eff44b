package io.assistantsync.common.boot;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

import io.assistantsync.common.kafka.KafkaClusterProbe;

/**
 * {@code kafka} health: UP when the cluster answers a describe-cluster request within a short timeout. Each
 * service decides in its health groups whether it is part of readiness (the worker: yes; the api-service:
 * no, it keeps accepting work while Kafka is down).
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private final KafkaClusterProbe probe;

	public KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		super("Kafka health check failed");
		this.probe = new KafkaClusterProbe(kafkaAdmin.getConfigurationProperties(), Duration.ofSeconds(2));
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		KafkaClusterProbe.Cluster cluster = this.probe.describe();
		builder.up().withDetail("clusterId", cluster.id()).withDetail("nodes", cluster.nodes());
	}

	@Override
	public void close() {
		this.probe.close();
	}

}
