package io.assistantsync.worker.dlt;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.common.TopicPartition;

/**
 * Lists dead letters: reads the dead-letter topic from its beginning up to the end offsets captured at the
 * start, partition by partition in offset order, and hands over each record that matches the filter, until
 * the filter's limit. Reads without a consumer group and changes nothing.
 */
public class DeadLetterBrowser {

	private final DeadLetterClients clients;

	DeadLetterBrowser(DeadLetterClients clients) {
		this.clients = clients;
	}

	/**
	 * Lists the matching dead letters.
	 * @param filter which dead letters
	 * @param each receives each matching dead letter, in partition and offset order
	 * @return what was read
	 * @throws KafkaUnavailableException when Kafka does not answer in time
	 */
	public Listing list(DeadLetterFilter filter, Consumer<DeadLetter> each) {
		try (DeadLetterReader reader = this.clients.reader(null)) {
			List<TopicPartition> partitions = reader.partitions();
			if (partitions.isEmpty()) {
				return new Listing(this.clients.deadLetterTopic(), 0, 0, 0, false);
			}
			Map<TopicPartition, Long> beginning = reader.beginningOffsets(partitions);
			Map<TopicPartition, Long> end = reader.endOffsets(partitions);
			int[] counts = new int[2];
			for (TopicPartition partition : partitions) {
				boolean complete = reader.read(partition, beginning.get(partition), end.get(partition), record -> {
					counts[0]++;
					DeadLetter deadLetter = DeadLetter.of(record);
					if (filter.matches(deadLetter)) {
						each.accept(deadLetter);
						counts[1]++;
					}
					return !filter.isReached(counts[1]);
				});
				if (!complete) {
					return new Listing(this.clients.deadLetterTopic(), partitions.size(), counts[0], counts[1], true);
				}
			}
			return new Listing(this.clients.deadLetterTopic(), partitions.size(), counts[0], counts[1], false);
		}
	}

	/**
	 * The summary of a list.
	 *
	 * @param topic the dead-letter topic
	 * @param partitions its partitions (0 when it does not exist yet)
	 * @param scanned records read
	 * @param listed records that matched and were handed over
	 * @param limitReached whether reading stopped at the limit, so more records may match
	 */
	public record Listing(String topic, int partitions, int scanned, int listed, boolean limitReached) {
	}

}
