package io.assistantsync.worker.sync;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import io.assistantsync.testing.TestKafka;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the chaos run's rebalance met, made to happen every time, in a Spring Kafka listener container on the
 * shared broker: a commit is refused because the group is rebalancing, so the container makes it again right
 * after its next poll, and a wakeup (a retry partition resumed from the scheduler's thread) lands in that
 * commit. A plain consumer then drops the record it had just polled and the container goes on with the next
 * one; the worker's consumers deliver every record.
 */
class WakeupDuringRebalanceCommitIntegrationTests {

	private static final int RECORDS = 10;

	/** The commit refused as if the group were rebalancing: the one after the third record. */
	private static final int REFUSED_COMMIT = 3;

	private String topic;

	@BeforeEach
	void createTopicWithRecords() {
		this.topic = TestKafka.uniqueTopicPrefix() + ".rebalance-commits";
		TestKafka.createTopic(this.topic, 1);
		@SuppressWarnings("unchecked")
		ProducerRecord<String, byte[]>[] records = LongStream.range(0, RECORDS)
			.mapToObj(i -> new ProducerRecord<>(this.topic, "key", new byte[] { (byte) i }))
			.toArray(ProducerRecord[]::new);
		TopicReader.send(records);
	}

	@Test
	void shouldDeliverEveryRecordWhenAWakeupInterruptsTheRepeatedCommit() {
		assertThat(deliveredOffsets(true)).containsExactlyElementsOf(LongStream.range(0, RECORDS).boxed().toList());
	}

	@Test
	void plainConsumerPassesOverTheRecordPolledBeforeTheInterruptedCommit() {
		assertThat(deliveredOffsets(false))
			.as("Spring Kafka no longer drops a record to a wakeup in a repeated commit: WakeupSafeCommits can go")
			.doesNotContain((long) REFUSED_COMMIT)
			.contains((long) RECORDS - 1);
	}

	/**
	 * Runs a container over the topic, one record per poll and a commit after each, until the offset after the
	 * last record is committed.
	 * @return the offsets the listener was given
	 */
	private Set<Long> deliveredOffsets(boolean wakeupSafe) {
		DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
						this.topic + (wakeupSafe ? ".safe" : ".plain"), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
				new StringDeserializer(), new ByteArrayDeserializer());
		AtomicInteger commits = new AtomicInteger();
		consumers.addPostProcessor(consumer -> rebalanceThenWakeup(consumer, commits));
		if (wakeupSafe) {
			consumers.addPostProcessor(WakeupSafeCommits::wrap);
		}
		Set<Long> delivered = new ConcurrentSkipListSet<>();
		ContainerProperties properties = new ContainerProperties(this.topic);
		properties.setAckMode(AckMode.BATCH);
		properties.setMessageListener((MessageListener<String, byte[]>) record -> delivered.add(record.offset()));
		KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(consumers,
				properties);
		container.start();
		try (Consumer<String, byte[]> reader = consumers.createConsumer()) {
			TopicPartition partition = new TopicPartition(this.topic, 0);
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				OffsetAndMetadata committed = reader.committed(Set.of(partition)).get(partition);
				return committed != null && committed.offset() == RECORDS;
			});
		}
		finally {
			container.stop();
		}
		assertThat(commits).hasValueGreaterThan(REFUSED_COMMIT + 1);
		return delivered;
	}

	/**
	 * A consumer whose commit number {@link #REFUSED_COMMIT} is refused as during a rebalance, and whose next
	 * commit meets a wakeup, as when a partition is resumed at that moment.
	 */
	@SuppressWarnings("unchecked")
	private static Consumer<String, byte[]> rebalanceThenWakeup(Consumer<String, byte[]> consumer,
			AtomicInteger commits) {
		return (Consumer<String, byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
				new Class<?>[] { Consumer.class }, (proxy, method, args) -> {
					if (method.getName().equals("commitSync")) {
						int commit = commits.incrementAndGet();
						if (commit == REFUSED_COMMIT) {
							throw new RebalanceInProgressException("refused by the test");
						}
						if (commit == REFUSED_COMMIT + 1) {
							consumer.wakeup();
						}
					}
					try {
						return method.invoke(consumer, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
