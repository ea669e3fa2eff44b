package io.assistantsync.api.system;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import io.assistantsync.common.kafka.KafkaClusterProbe;

/**
 * {@code kafka} health: UP when the cluster answers a describe-cluster request within a short timeout.
 * Not part of readiness: the service keeps accepting work while Kafka is down.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private final KafkaClusterProbe probe;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
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
