package io.assistantsync.api.sync;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import io.assistantsync.api.system.DatabaseOutages;

/**
 * Error handling of the sync-result listeners and the container factory of the per-instance one.
 */
@Configuration(proxyBeanMethods = false)
class SyncResultsKafkaConfiguration {

	static final String FAN_OUT_CONTAINER_FACTORY = "syncEventsFanOutContainerFactory";

	static final String RESULTS_BATCH_CONTAINER_FACTORY = "syncResultsBatchContainerFactory";

	/**
	 * Batches for the shared listener: each poll's results are recorded in one transaction. A batch that
	 * fails because the database is unreachable is retried in place, without limit and with back-off, so no
	 * result is lost in an outage; the listener itself deals with any other failure, result by result.
	 */
	@Bean(RESULTS_BATCH_CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> syncResultsBatchContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.setBatchListener(true);
		factory.setCommonErrorHandler(new DefaultErrorHandler(outageBackOff()));
		return factory;
	}

	/**
	 * While the database is unreachable a result is retried without limit (with back-off), so no result is
	 * lost in an outage; any other failure is retried a few times, then logged and skipped so that one bad
	 * record cannot block its partition.
	 */
	@Bean
	DefaultErrorHandler syncResultErrorHandler() {
		DefaultErrorHandler handler = new DefaultErrorHandler(new FixedBackOff(500, 3));
		handler.setBackOffFunction(SyncResultsKafkaConfiguration::backOff);
		return handler;
	}

	/**
	 * Like Spring Boot's factory, but acknowledges nothing: the per-instance group never commits offsets.
	 */
	@Bean(FAN_OUT_CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> syncEventsFanOutContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.getContainerProperties().setAckMode(AckMode.MANUAL);
		return factory;
	}

	private static BackOff backOff(ConsumerRecord<?, ?> record, Exception ex) {
		return isStoreOutage(ex) ? outageBackOff() : null;
	}

	private static ExponentialBackOff outageBackOff() {
		ExponentialBackOff outage = new ExponentialBackOff(500, 2.0);
		outage.setMaxInterval(Duration.ofSeconds(10).toMillis());
		return outage;
	}

	static boolean isStoreOutage(Throwable ex) {
		return DatabaseOutages.isOutage(ex);
	}

}
