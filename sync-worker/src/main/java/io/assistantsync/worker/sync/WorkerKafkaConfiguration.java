package io.assistantsync.worker.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.boot.TopicsProperties;

/**
 * Kafka clients of the worker. Values are read by {@link PendingCreateDeserializer} inside an
 * {@link ErrorHandlingDeserializer}; one producer writes forwarded records byte for byte and events as JSON
 * with no Java type headers. Offsets are committed after each poll's records are processed, which is after
 * their store writes and results; a wakeup cannot make a consumer skip records ({@link WakeupSafeCommits}).
 */
@Configuration(proxyBeanMethods = false)
class WorkerKafkaConfiguration {

	/** The container factory of the main topic's batch listener. */
	static final String BATCH_FACTORY = "pendingCreateBatchListenerContainerFactory";

	@Bean
	DefaultKafkaConsumerFactoryCustomizer pendingCreateDeserializers() {
		return factory -> {
			@SuppressWarnings({ "unchecked", "rawtypes" })
			DefaultKafkaConsumerFactory<String, PendingCreateDelivery> consumers = (DefaultKafkaConsumerFactory) factory;
			consumers.setKeyDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new StringDeserializer()));
			consumers.setValueDeserializerSupplier(
					() -> new ErrorHandlingDeserializer<>(new PendingCreateDeserializer()));
			consumers.addPostProcessor(WakeupSafeCommits::wrap);
		};
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer byteForByteAndJsonSerializers() {
		Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
		byType.put(byte[].class, new ByteArraySerializer());
		byType.put(PendingCreateDelivery.class, new OriginalBytesSerializer());
		byType.put(Object.class, new JacksonJsonSerializer<>(EventJson.mapper()).noTypeInfo());
		return factory -> {
			@SuppressWarnings({ "unchecked", "rawtypes" })
			DefaultKafkaProducerFactory<String, Object> producers = (DefaultKafkaProducerFactory) factory;
			producers.setKeySerializer(new StringSerializer());
			producers.setValueSerializer(new DelegatingByTypeSerializer(byType, true));
		};
	}

	/**
	 * Record containers, for the retry topics (their concurrency and fetch wait are set by the retry topic
	 * configuration).
	 */
	@Bean
	@ConditionalOnMissingBean(name = "kafkaListenerContainerFactory")
	ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		return factory;
	}

	/**
	 * Batch containers for the main topic. A batch that fails because the store is unreachable or a result
	 * cannot be published is retried in place, with the consumer paused but polling (so it stays in its
	 * group), for as long as it takes; any other failure escaping the listener sends the batch's records to
	 * the retry chain.
	 */
	@Bean(BATCH_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> pendingCreateBatchListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			SyncListenerProperties listener, TopicsProperties topics, SyncStoreProperties store,
			@Qualifier(RetryTopicsConfiguration.MAIN_TOPIC_RECOVERER) DeadLetterPublishingRecoverer recoverer,
			FailedAttempts failedAttempts) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.setConcurrency(listener.effectiveConcurrency(topics.partitions()));
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		factory.setBatchListener(true);
		DefaultErrorHandler errors = new DefaultErrorHandler(recoverer, store.outageBackOff());
		errors.defaultFalse();
		errors.addRetryableExceptions(StoreUnavailableException.class, ResultPublicationException.class);
		errors.setRetryListeners(failedAttempts);
		factory.setCommonErrorHandler(errors);
		return factory;
	}

	/**
	 * The main topic's container, started with the application context like any listener container.
	 */
	@Bean(PendingCreateBatchListener.ID)
	ConcurrentMessageListenerContainer<Object, Object> pendingCreateBatchContainer(
			@Qualifier(BATCH_FACTORY) ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
			TopicsProperties topics, PendingCreateBatchListener listener) {
		ConcurrentMessageListenerContainer<Object, Object> container = factory.createContainer(topics.pendingCreate());
		container.setupMessageListener(listener);
		return container;
	}

	@Bean
	KafkaAdmin.NewTopics workerTopics(TopicsProperties topics) {
		return new KafkaAdmin.NewTopics(topics.newTopic(topics.pendingCreate()), topics.newTopic(topics.syncResults()),
				topics.newTopic(topics.opsAudit()));
	}

}
