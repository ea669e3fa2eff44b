package io.assistantsync.worker.dlt;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.assistantsync.common.kafka.EventHeaders;

/**
 * Builds the record that replays a dead letter: its key and value byte for byte, to the pending-create
 * topic, partitioned by key like any pending-create event. It keeps the event's own headers (the
 * CloudEvents {@code ce_*}, {@code content-type}, tracing) and drops what earlier attempts added, so the
 * worker sees a fresh event on attempt 1: Spring Kafka's {@code kafka_*} and {@code retry_topic-*} headers,
 * {@code x-sync-*}, and the serialized exceptions of Spring's {@code ErrorHandlingDeserializer}. It adds
 * {@code x-replay-of} and the incremented {@code x-replay-count}.
 */
final class ReplayRecords {

	private static final List<String> DROPPED_PREFIXES = List.of("kafka_", "retry_topic-", "x-sync-", "x-replay-",
			"springDeserializerException");

	private ReplayRecords() {
	}

	/**
	 * The replay of a dead letter.
	 * @param topic the pending-create topic
	 * @param deadLetter the dead letter as read
	 * @param replayCount the replay count to write: the dead letter's count plus one
	 * @return the record to send
	 */
	static ProducerRecord<byte[], byte[]> of(String topic, ConsumerRecord<byte[], byte[]> deadLetter,
			int replayCount) {
		Headers headers = new RecordHeaders();
		for (Header header : deadLetter.headers()) {
			if (isKept(header.key())) {
				headers.add(header);
			}
		}
		headers.add(EventHeaders.REPLAY_OF, utf8(deadLetter.topic() + "/" + deadLetter.partition() + "/"
				+ deadLetter.offset()));
		headers.add(EventHeaders.REPLAY_COUNT, utf8(Integer.toString(replayCount)));
		return new ProducerRecord<>(topic, null, null, deadLetter.key(), deadLetter.value(), headers);
	}

	/**
	 * Whether a header of a dead letter travels with its replay.
	 * @param name the header name
	 * @return {@code false} for headers that earlier attempts added
	 */
	static boolean isKept(String name) {
		return DROPPED_PREFIXES.stream().noneMatch(name::startsWith);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
