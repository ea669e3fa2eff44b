package io.assistantsync.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.awaitility.Awaitility;

import io.assistantsync.common.kafka.CloudEventHeaders;

/**
 * Reads every partition of topics of the shared broker from the beginning, without a consumer group (so
 * there is no group join to wait for), keeping every record seen, for assertions on what a service
 * published. Also sends raw records, as another service would. The topics must exist.
 */
public final class TopicReader implements AutoCloseable {

	private static final Set<String> topicsWithLeaders = ConcurrentHashMap.newKeySet();

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

	/**
	 * Assigns every partition of the topics, from the beginning.
	 * @param topics the topics
	 */
	public TopicReader(String... topics) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestKafka.bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new StringDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			this.consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		}
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	/**
	 * Polls until the records seen so far that match a predicate reach a count.
	 * @param matching which records count
	 * @param count how many are expected at least
	 * @param timeout how long to wait
	 * @return the matching records, in the order seen
	 */
	public synchronized List<ConsumerRecord<String, byte[]>> await(Predicate<ConsumerRecord<String, byte[]>> matching,
			int count, Duration timeout) {
		Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
			poll();
			return this.seen.stream().filter(matching).count() >= count;
		});
		return this.seen.stream().filter(matching).toList();
	}

	/**
	 * Polls once more and returns everything seen that matches.
	 * @param matching which records
	 * @return the matching records
	 */
	public synchronized List<ConsumerRecord<String, byte[]>> seen(Predicate<ConsumerRecord<String, byte[]>> matching) {
		poll();
		return this.seen.stream().filter(matching).toList();
	}

	/**
	 * A record's header as text.
	 * @param record the record
	 * @param name the header name
	 * @return the last value as UTF-8, or {@code null}
	 */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		return CloudEventHeaders.lastText(record.headers(), name);
	}

	private void poll() {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
	}

	@Override
	public synchronized void close() {
		this.consumer.close(Duration.ofSeconds(2));
	}

	/**
	 * Sends records to the shared broker and waits for their acknowledgement. The first send to a topic waits
	 * until each of its partitions has a leader: an idempotent producer that meets a topic created a moment
	 * before can get NOT_LEADER and then stall on out-of-order sequence errors until it times out.
	 * @param records the records
	 */
	@SafeVarargs
	public static void send(ProducerRecord<String, byte[]>... records) {
		awaitLeaders(Arrays.stream(records).map(ProducerRecord::topic).collect(Collectors.toSet()));
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
						"all"),
				new StringSerializer(), new ByteArraySerializer())) {
			List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
			for (ProducerRecord<String, byte[]> record : records) {
				acks.add(producer.send(record));
			}
			for (java.util.concurrent.Future<?> ack : acks) {
				ack.get(30, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send test records", ex);
		}
	}

	private static void awaitLeaders(Set<String> topics) {
		Set<String> waiting = new HashSet<>(topics);
		waiting.removeAll(topicsWithLeaders);
		if (waiting.isEmpty()) {
			return;
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			Awaitility.await("leaders of " + waiting)
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> admin.describeTopics(waiting)
					.allTopicNames()
					.get(5, TimeUnit.SECONDS)
					.values()
					.stream()
					.flatMap(topic -> topic.partitions().stream())
					.allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
		}
		topicsWithLeaders.addAll(waiting);
	}

}
