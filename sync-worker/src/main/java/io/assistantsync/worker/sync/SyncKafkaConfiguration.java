package io.assistantsync.worker.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import io.assistantsync.common.json.EventJson;
import io.assistantsync.worker.system.TopicsProperties;

/**
 * Kafka clients of the worker. Values are read by {@link PendingCreateDeserializer} inside an
 * {@link ErrorHandlingDeserializer}; one producer writes forwarded records byte for byte and events as JSON
 * with no Java type headers. Offsets are committed after each poll's records are processed, which is after
 * their store writes and results.
 */
@Configuration(proxyBeanMethods = false)
class SyncKafkaConfiguration {

	@Bean
	DefaultKafkaConsumerFactoryCustomizer pendingCreateDeserializers() {
		return factory -> {
			@SuppressWarnings({ "unchecked", "rawtypes" })
			DefaultKafkaConsumerFactory<String, PendingCreateDelivery> consumers = (DefaultKafkaConsumerFactory) factory;
			consumers.setKeyDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new StringDeserializer()));
			consumers.setValueDeserializerSupplier(
					() -> new ErrorHandlingDeserializer<>(new PendingCreateDeserializer()));
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

	@Bean
	@ConditionalOnMissingBean(name = "kafkaListenerContainerFactory")
	ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			SyncListenerProperties listener, TopicsProperties topics) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.setConcurrency(listener.effectiveConcurrency(topics.partitions()));
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		return factory;
	}

	@Bean
	KafkaAdmin.NewTopics workerTopics(TopicsProperties topics) {
		return new KafkaAdmin.NewTopics(topic(topics.pendingCreate(), topics), topic(topics.syncResults(), topics),
				topic(topics.opsAudit(), topics));
	}

	private static NewTopic topic(String name, TopicsProperties topics) {
		return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
	}

}
