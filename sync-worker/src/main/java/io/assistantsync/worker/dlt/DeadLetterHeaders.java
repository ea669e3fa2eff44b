package io.assistantsync.worker.dlt;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Turns the headers of a dead letter into text an operator can read. Spring Kafka writes some of its
 * headers as binary numbers (partition and attempts as 4-byte ints, offset and timestamp as 8-byte longs,
 * the retry timestamps as big-endian {@link BigInteger} bytes): these become decimal numbers. Everything
 * else is shown as UTF-8 when it is valid UTF-8, else as {@code base64:} and the Base64 of the bytes.
 */
public final class DeadLetterHeaders {

	/** The prefix of a header value that is not UTF-8 text. */
	static final String BASE64_PREFIX = "base64:";

	private static final Set<String> INTS = Set.of(KafkaHeaders.DLT_ORIGINAL_PARTITION,
			KafkaHeaders.ORIGINAL_PARTITION, RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);

	private static final Set<String> LONGS = Set.of(KafkaHeaders.DLT_ORIGINAL_OFFSET, KafkaHeaders.ORIGINAL_OFFSET,
			KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, KafkaHeaders.ORIGINAL_TIMESTAMP);

	private static final Set<String> BIG_INTEGERS = Set.of(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
			RetryTopicHeaders.DEFAULT_HEADER_ORIGINAL_TIMESTAMP);

	private DeadLetterHeaders() {
	}

	/**
	 * Decodes every header, in record order; a header that occurs more than once keeps its last value, as
	 * {@link Headers#lastHeader(String)} does.
	 * @param headers the record's headers
	 * @return header name to readable value ({@code null} for a header without a value)
	 */
	static Map<String, String> decode(Headers headers) {
		Map<String, String> decoded = new LinkedHashMap<>();
		for (Header header : headers) {
			decoded.remove(header.key());
			decoded.put(header.key(), decode(header.key(), header.value()));
		}
		return decoded;
	}

	/**
	 * Decodes one header value.
	 * @param name the header name, which says whether the value is binary
	 * @param value the bytes
	 * @return the readable value, or {@code null}
	 */
	static String decode(String name, byte[] value) {
		if (value == null) {
			return null;
		}
		if (INTS.contains(name) && value.length == Integer.BYTES) {
			return Integer.toString(ByteBuffer.wrap(value).getInt());
		}
		if (INTS.contains(name) && value.length == 1) {
			// Spring Kafka's attempts header was one byte in older versions
			return Integer.toString(Byte.toUnsignedInt(value[0]));
		}
		if (LONGS.contains(name) && value.length == Long.BYTES) {
			return Long.toString(ByteBuffer.wrap(value).getLong());
		}
		if (BIG_INTEGERS.contains(name) && value.length > 0 && value.length <= Long.BYTES) {
			return new BigInteger(value).toString();
		}
		return text(value);
	}

	/**
	 * Reads a readable header as text.
	 * @param headers the headers
	 * @param name the header name
	 * @return the last value decoded as by {@link #decode(String, byte[])}, or {@code null} when absent
	 */
	static String lastText(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null) ? decode(name, header.value()) : null;
	}

	/**
	 * Reads a header holding a decimal number, as the readable {@code x-} headers do.
	 * @param headers the headers
	 * @param name the header name
	 * @return the number, or {@code null} when the header is absent or not a decimal number
	 */
	static Integer lastInt(Headers headers, String name) {
		String text = lastText(headers, name);
		if (text == null) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Collapses text to one line: runs of whitespace, line breaks included, become one space.
	 * @param text the text, or {@code null}
	 * @return the text on one line, or {@code null}
	 */
	public static String oneLine(String text) {
		return (text != null) ? text.replaceAll("\\s+", " ").strip() : null;
	}

	private static String text(byte[] value) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(value))
				.toString();
			// binary values are often valid UTF-8 by accident (small numbers are NUL characters)
			if (text.chars().noneMatch(DeadLetterHeaders::isBinary)) {
				return text;
			}
		}
		catch (CharacterCodingException ex) {
			// not text: shown as Base64 below
		}
		return BASE64_PREFIX + Base64.getEncoder().encodeToString(value);
	}

	private static boolean isBinary(int c) {
		return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
	}

}
