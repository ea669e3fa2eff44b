package io.assistantsync.api.outbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.assistantsync.api.system.KafkaReachability;

/**
 * Wires the relay: its producer (the settings of Spring Boot's producer factory, so {@code spring.kafka.*}
 * including security, SASL and SSL bundles, with {@code acks=all} and idempotence enforced, a String key and the
 * stored value bytes as they are) and its wake-up signal.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

	@Bean
	OutboxSignal outboxSignal() {
		return new OutboxSignal();
	}

	@Bean
	OutboxMetrics outboxMetrics(Outbox outbox, KafkaReachability kafka, MeterRegistry meters, Clock clock) {
		return new OutboxMetrics(outbox, kafka, meters, clock);
	}

	@Bean
	OutboxRelay outboxRelay(Outbox outbox, ProducerFactory<?, ?> kafka, OutboxSignal signal,
			OutboxProperties properties, PlatformTransactionManager transactionManager, OutboxMetrics metrics,
			Clock clock) {
		return new OutboxRelay("outbox-relay", outbox, producers(kafka, "outbox-relay"), signal, properties,
				new TransactionTemplate(transactionManager), metrics, clock);
	}

	/**
	 * Makes relay producers.
	 * @param kafka Spring Boot's producer factory, whose configuration has the connection details applied
	 * ({@code KafkaProperties.buildProducerProperties()} alone misses {@code spring.kafka.ssl.bundle})
	 * @param clientId the producer's {@code client.id}
	 * @return a supplier of new producers
	 */
	static Supplier<Producer<String, byte[]>> producers(ProducerFactory<?, ?> kafka, String clientId) {
		Map<String, Object> config = new HashMap<>(kafka.getConfigurationProperties());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
		return () -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

}
