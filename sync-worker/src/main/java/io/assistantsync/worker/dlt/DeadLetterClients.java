package io.assistantsync.worker.dlt;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.kafka.retrytopic.RetryTopicConstants;

import io.assistantsync.common.boot.TopicsProperties;

/**
 * Makes the Kafka clients of list and replay runs from the worker's own {@code spring.kafka.*} settings,
 * so the tool reaches the same cluster as the worker, with bytes in and bytes out (records are replayed byte
 * for byte), explicit assignment and no automatic commits or topic creation. Also knows the topic names, all
 * derived from {@code assistants.topics.*}. An SSL bundle named by {@code spring.kafka.ssl.bundle} applies to
 * them as it does to the worker's own clients.
 */
class DeadLetterClients {

	private final KafkaProperties kafka;

	private final TopicsProperties topics;

	private final SyncOpsProperties ops;

	private final SslBundles sslBundles;

	/**
	 * @param kafka the worker's {@code spring.kafka.*}
	 * @param topics the topic names
	 * @param ops the tool's settings
	 * @param sslBundles the SSL bundles, {@code null} when there are none
	 */
	DeadLetterClients(KafkaProperties kafka, TopicsProperties topics, SyncOpsProperties ops, SslBundles sslBundles) {
		this.kafka = kafka;
		this.topics = topics;
		this.ops = ops;
		this.sslBundles = sslBundles;
	}

	/**
	 * The dead-letter topic, named by Spring Kafka's rule from the pending-create topic.
	 * @return e.g. {@code assistants.pending-create-dlt}
	 */
	String deadLetterTopic() {
		return this.topics.pendingCreate() + RetryTopicConstants.DEFAULT_DLT_SUFFIX;
	}

	/**
	 * Where replayed records go.
	 * @return the pending-create topic
	 */
	String pendingCreateTopic() {
		return this.topics.pendingCreate();
	}

	/**
	 * Where replay runs are recorded.
	 * @return the ops-audit topic
	 */
	String auditTopic() {
		return this.topics.opsAudit();
	}

	/**
	 * A reader of the dead-letter topic.
	 * @param group the consumer group that holds what replays took, or {@code null} to read without a group
	 * @return a new reader, to be closed
	 */
	DeadLetterReader reader(String group) {
		Map<String, Object> config = this.kafka.buildConsumerProperties();
		applySslBundle(config);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		if (group != null) {
			config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sync-worker-dlt-reader");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		// a record of an aborted transaction was never dead-lettered
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis());
		return new DeadLetterReader(
				create(() -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())),
				deadLetterTopic(), timeout(), bootstrapServers());
	}

	/**
	 * A producer for replayed records and audit events: acknowledged by all in-sync replicas, idempotent.
	 * @return a new producer, to be closed
	 */
	Producer<byte[], byte[]> producer() {
		Map<String, Object> config = this.kafka.buildProducerProperties();
		applySslBundle(config);
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "sync-worker-dlt-replay");
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis());
		return create(() -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
	}

	/**
	 * How long a call to Kafka may wait.
	 * @return {@code sync.ops.kafka-timeout}
	 */
	Duration timeout() {
		return this.ops.kafkaTimeout();
	}

	/**
	 * The cluster, for messages.
	 * @return the bootstrap servers, comma-separated
	 */
	String bootstrapServers() {
		return String.join(",", this.kafka.getBootstrapServers());
	}

	// what Spring Boot's own Kafka client factories do with spring.kafka.ssl.bundle
	private void applySslBundle(Map<String, Object> config) {
		String bundle = this.kafka.getSsl().getBundle();
		if (bundle == null || bundle.isBlank()) {
			return;
		}
		if (this.sslBundles == null) {
			throw new IllegalStateException(
					"spring.kafka.ssl.bundle is '" + bundle + "' but no SSL bundles are configured");
		}
		config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
		config.put(SslBundle.class.getName(), this.sslBundles.getBundle(bundle));
	}

	private int timeoutMillis() {
		return (int) Math.min(Integer.MAX_VALUE, this.ops.kafkaTimeout().toMillis());
	}

	private <T> T create(Supplier<T> client) {
		try {
			return client.get();
		}
		catch (KafkaException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new KafkaUnavailableException(
					"Cannot use Kafka at " + bootstrapServers() + ": " + cause.getMessage(), ex);
		}
	}

}
