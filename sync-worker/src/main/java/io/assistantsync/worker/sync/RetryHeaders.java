package io.assistantsync.worker.sync;

import java.math.BigInteger;
import java.nio.ByteBuffer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/**
 * Reads Spring Kafka's binary retry headers, which say which attempt a record is on and when it was first
 * published.
 */
final class RetryHeaders {

	private RetryHeaders() {
	}

	/**
	 * The attempt a consumed record is on.
	 * @param headers the record's headers
	 * @return 1 on the main topic, n on the (n−1)th retry topic
	 */
	static int attempt(Headers headers) {
		Header header = headers.lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
		if (header == null || header.value() == null) {
			return 1;
		}
		byte[] value = header.value();
		if (value.length == Integer.BYTES) {
			return Math.max(1, ByteBuffer.wrap(value).getInt());
		}
		return (value.length == 1) ? Math.max(1, Byte.toUnsignedInt(value[0])) : 1;
	}

	/**
	 * When the record was first published, as Spring Kafka's retry topics keep it.
	 * @param record a consumed record
	 * @return the original timestamp, or the record's own on the main topic
	 */
	static long originalTimestamp(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ORIGINAL_TIMESTAMP);
		return (header != null && header.value() != null) ? new BigInteger(header.value()).longValue()
				: record.timestamp();
	}

}
