package io.assistantsync.worker.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.assistantsync.testing.TestKafka;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Against the shared broker: a wakeup pending when a consumer commits makes a plain consumer's commit throw
 * (in Spring Kafka's container, out of the poll that returned the records it then drops), and the worker's
 * consumers commit anyway, while a wakeup still ends their polls.
 */
class WakeupSafeCommitsIntegrationTests {

	private String topic;

	private TopicPartition partition;

	@BeforeEach
	void createTopicWithOneRecord() {
		this.topic = TestKafka.uniqueTopicPrefix() + ".wakeups";
		this.partition = new TopicPartition(this.topic, 0);
		TestKafka.createTopic(this.topic, 1);
		TopicReader.send(new ProducerRecord<>(this.topic, "key", new byte[] { 1 }));
	}

	@Test
	void shouldCommitAlthoughAWakeupIsPending() {
		try (Consumer<String, String> consumer = WakeupSafeCommits.wrap(consumer("wrapped"))) {
			long next = pollTheRecord(consumer);
			consumer.wakeup();
			consumer.commitSync(Map.of(this.partition, new OffsetAndMetadata(next)));
			assertThat(consumer.committed(Set.of(this.partition)).get(this.partition).offset()).isEqualTo(next);
		}
	}

	@Test
	void shouldStillBeWokenUpWhilePolling() {
		try (Consumer<String, String> consumer = WakeupSafeCommits.wrap(consumer("polling"))) {
			pollTheRecord(consumer);
			consumer.wakeup();
			assertThatExceptionOfType(WakeupException.class).isThrownBy(() -> consumer.poll(Duration.ofSeconds(5)));
		}
	}

	@Test
	void plainConsumerFailsToCommitWithAPendingWakeup() {
		try (Consumer<String, String> consumer = consumer("plain")) {
			long next = pollTheRecord(consumer);
			consumer.wakeup();
			assertThatExceptionOfType(WakeupException.class)
				.isThrownBy(() -> consumer.commitSync(Map.of(this.partition, new OffsetAndMetadata(next))));
		}
	}

	private long pollTheRecord(Consumer<String, String> consumer) {
		consumer.assign(List.of(this.partition));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
			if (!records.isEmpty()) {
				return records.iterator().next().offset() + 1;
			}
		}
		throw new AssertionError("no record in " + this.topic + " within 30 s");
	}

	private KafkaConsumer<String, String> consumer(String group) {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, this.topic + "." + group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
				new StringDeserializer());
	}

}
