package io.assistantsync.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.assistantsync.testing.TestKafka;

import static org.awaitility.Awaitility.await;

/**
 * Reads every partition of one topic of the shared broker from the beginning, without a consumer group,
 * keeping every record seen; and sends raw records as another service would.
 */
public final class TopicRecords implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

	public TopicRecords(String topic) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestKafka.bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	/**
	 * Polls until the matching records seen reach a count.
	 * @param matching which records count
	 * @param count how many at least
	 * @param timeout the longest wait
	 * @return the matching records, in the order seen
	 */
	public synchronized List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<ConsumerRecord<String, byte[]>> matching,
			int count, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
			poll();
			return this.seen.stream().filter(matching).count() >= count;
		});
		return this.seen.stream().filter(matching).toList();
	}

	/**
	 * Polls once more and returns what matches.
	 */
	public synchronized List<ConsumerRecord<String, byte[]>> seen(Predicate<ConsumerRecord<String, byte[]>> matching) {
		poll();
		return this.seen.stream().filter(matching).toList();
	}

	private void poll() {
		this.consumer.poll(Duration.ofMillis(100)).forEach(this.seen::add);
	}

	@Override
	public synchronized void close() {
		this.consumer.close(Duration.ofSeconds(2));
	}

	/**
	 * A record's header as text.
	 */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/**
	 * Sends records and waits for their acknowledgement.
	 */
	@SafeVarargs
	public static void send(ProducerRecord<String, byte[]>... records) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
						"all"),
				new StringSerializer(), new ByteArraySerializer())) {
			List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
			for (ProducerRecord<String, byte[]> record : records) {
				acks.add(producer.send(record));
			}
			for (java.util.concurrent.Future<?> ack : acks) {
				ack.get(30, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send test records", ex);
		}
	}

}
