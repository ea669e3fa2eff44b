package io.assistantsync.worker.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;

import io.assistantsync.common.kafka.EventHeaders;

/**
 * What an operator needs to know about one record of the dead-letter topic, decoded from its headers.
 *
 * @param topic the dead-letter topic
 * @param partition its partition
 * @param offset its offset
 * @param assistantId the record key (the assistant id), or {@code null} for a record without a key
 * @param type the event type ({@code ce_type}: a pending-create, -update or -delete), or {@code null} when the
 * record has none
 * @param deadLetteredAt the record timestamp: when the worker dead-lettered it
 * @param attempts attempts made before it was dead-lettered ({@code x-sync-attempts}, else one less than
 * Spring's {@code retry_topic-attempts}, which names the attempt that would come next), or {@code null} when
 * neither header is there
 * @param exceptionType the fully qualified class name of the failure ({@code kafka_dlt-exception-fqcn})
 * @param exceptionMessage the failure message on one line
 * @param replayCount how often this record was replayed before it came back here ({@code x-replay-count},
 * 0 when absent)
 * @param replayOf the dead letter this record was replayed from ({@code x-replay-of}), or {@code null}
 * @param headers every header, decoded to text, binary numbers as decimal
 */
public record DeadLetter(String topic, int partition, long offset, String assistantId, String type, Instant deadLetteredAt,
		Integer attempts, String exceptionType, String exceptionMessage, int replayCount, String replayOf,
		Map<String, String> headers) {

	/**
	 * Decodes a record of the dead-letter topic.
	 * @param record the record as read, bytes untouched
	 * @return the decoded view
	 */
	static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
		Headers headers = record.headers();
		Integer attempts = DeadLetterHeaders.lastInt(headers, EventHeaders.SYNC_ATTEMPTS);
		if (attempts == null) {
			Integer next = DeadLetterHeaders.lastInt(headers, RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
			attempts = (next != null) ? Math.max(1, next - 1) : null;
		}
		Integer replayCount = DeadLetterHeaders.lastInt(headers, EventHeaders.REPLAY_COUNT);
		return new DeadLetter(record.topic(), record.partition(), record.offset(), key(record),
				DeadLetterHeaders.lastText(headers, EventHeaders.CE_TYPE), Instant.ofEpochMilli(record.timestamp()),
				attempts,
				DeadLetterHeaders.lastText(headers, KafkaHeaders.DLT_EXCEPTION_FQCN),
				DeadLetterHeaders.oneLine(DeadLetterHeaders.lastText(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)),
				(replayCount != null) ? Math.max(0, replayCount) : 0,
				DeadLetterHeaders.lastText(headers, EventHeaders.REPLAY_OF),
				Collections.unmodifiableMap(DeadLetterHeaders.decode(headers)));
	}

	/**
	 * The exception's class name without its package.
	 * @return e.g. {@code PermanentSyncException}, or {@code null}
	 */
	public String simpleExceptionType() {
		if (this.exceptionType == null) {
			return null;
		}
		return this.exceptionType.substring(this.exceptionType.lastIndexOf('.') + 1);
	}

	/**
	 * Where this dead letter is, as written to {@code x-replay-of}.
	 * @return {@code topic/partition/offset}
	 */
	String coordinates() {
		return this.topic + "/" + this.partition + "/" + this.offset;
	}

	private static String key(ConsumerRecord<byte[], byte[]> record) {
		return (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null;
	}

}
