package io.assistantsync.worker.sync;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/**
 * Reads Spring Kafka's binary retry headers, which say which attempt a record is on and when it is due.
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
	 * When a record sent to a retry topic is due.
	 * @param headers the forwarded record's headers
	 * @return the due instant, or {@code null} when the header is absent
	 */
	static Instant dueAt(Headers headers) {
		Header header = headers.lastHeader(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP);
		return (header != null) ? Instant.ofEpochMilli(new BigInteger(header.value()).longValue()) : null;
	}

	/**
	 * Reads a text header.
	 * @param headers the headers
	 * @param name the header name
	 * @return the last value as UTF-8, or {@code null}
	 */
	static String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8)
				: null;
	}

}
