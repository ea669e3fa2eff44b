package io.assistantsync.worker.dlt;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads the dead-letter topic one partition after the other, in offset order, with an assigned consumer
 * (never a subscription, so no rebalance and no other member is disturbed), each partition up to an end
 * offset captured before reading: a run is bounded even while the worker keeps dead-lettering.
 */
class DeadLetterReader implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(500);

	private final Consumer<byte[], byte[]> consumer;

	private final String topic;

	private final Duration timeout;

	private final String bootstrapServers;

	DeadLetterReader(Consumer<byte[], byte[]> consumer, String topic, Duration timeout, String bootstrapServers) {
		this.consumer = consumer;
		this.topic = topic;
		this.timeout = timeout;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * The topic's partitions; the first call to Kafka, so it is where an unreachable cluster shows.
	 * @return the partitions in order, empty when the topic does not exist yet
	 */
	List<TopicPartition> partitions() {
		List<PartitionInfo> partitions = call("read the partitions of " + this.topic,
				() -> this.consumer.partitionsFor(this.topic, this.timeout));
		return (partitions != null) ? partitions.stream()
			.map(info -> new TopicPartition(info.topic(), info.partition()))
			.sorted(Comparator.comparingInt(TopicPartition::partition))
			.toList() : List.of();
	}

	Map<TopicPartition, Long> beginningOffsets(List<TopicPartition> partitions) {
		return call("read the first offsets", () -> this.consumer.beginningOffsets(partitions, this.timeout));
	}

	Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
		return call("read the end offsets", () -> this.consumer.endOffsets(partitions, this.timeout));
	}

	/**
	 * The offsets the reader's group committed.
	 * @param partitions the partitions
	 * @return committed offset and metadata per partition; a partition without a commit maps to {@code null}
	 */
	Map<TopicPartition, OffsetAndMetadata> committed(List<TopicPartition> partitions) {
		return call("read the replay group's offsets",
				() -> this.consumer.committed(Set.copyOf(partitions), this.timeout));
	}

	void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
		call("commit the replay group's offsets", () -> {
			this.consumer.commitSync(offsets, this.timeout);
			return null;
		});
	}

	/**
	 * Reads the records of a partition in {@code [from, to)}.
	 * @param partition the partition
	 * @param from the first offset to read
	 * @param to the end offset captured at the start of the run
	 * @param handler called per record; returning {@code false} stops the reading
	 * @return {@code true} when every record up to {@code to} was handled, {@code false} when the handler
	 * stopped
	 */
	boolean read(TopicPartition partition, long from, long to, RecordHandler handler) {
		if (from >= to) {
			return true;
		}
		this.consumer.assign(List.of(partition));
		this.consumer.seek(partition, from);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (position(partition) < to) {
			ConsumerRecords<byte[], byte[]> records = call("read " + partition, () -> this.consumer.poll(POLL));
			if (!records.isEmpty()) {
				deadline = System.nanoTime() + this.timeout.toNanos();
			}
			else if (System.nanoTime() - deadline > 0) {
				throw unavailable("read " + partition + " up to offset " + to, null);
			}
			for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
				if (record.offset() >= to) {
					return true;
				}
				if (!handler.handle(record)) {
					return false;
				}
			}
		}
		return true;
	}

	@Override
	public void close() {
		this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
	}

	private long position(TopicPartition partition) {
		return call("read the position on " + partition, () -> this.consumer.position(partition, this.timeout));
	}

	private <T> T call(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (KafkaException ex) {
			throw unavailable(what, ex);
		}
	}

	private KafkaUnavailableException unavailable(String what, KafkaException ex) {
		if (ex == null || ex instanceof TimeoutException) {
			return new KafkaUnavailableException("Kafka at " + this.bootstrapServers + " did not answer within "
					+ this.timeout.toMillis() + " ms (could not " + what + ")", ex);
		}
		return new KafkaUnavailableException(
				"Kafka at " + this.bootstrapServers + " refused to " + what + ": " + ex.getMessage(), ex);
	}

	/**
	 * Handles one record of a read.
	 */
	@FunctionalInterface
	interface RecordHandler {

		/**
		 * Handles a record.
		 * @param record the record, bytes untouched
		 * @return whether to go on reading
		 */
		boolean handle(ConsumerRecord<byte[], byte[]> record);

	}

}
