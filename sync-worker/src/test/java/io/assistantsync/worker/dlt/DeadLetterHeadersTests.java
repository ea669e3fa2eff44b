package io.assistantsync.worker.dlt;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;

import io.assistantsync.common.kafka.EventHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterHeadersTests {

	@Test
	void shouldDecodeSpringKafkasBinaryHeadersAsNumbers() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(3).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(1234567890123L).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(1764057600123L).array());
		headers.add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, ByteBuffer.allocate(4).putInt(5).array());
		headers.add(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
				BigInteger.valueOf(1764057608123L).toByteArray());
		headers.add(RetryTopicHeaders.DEFAULT_HEADER_ORIGINAL_TIMESTAMP,
				BigInteger.valueOf(1764057600000L).toByteArray());

		assertThat(DeadLetterHeaders.decode(headers)).containsExactly(
				Map.entry(KafkaHeaders.DLT_ORIGINAL_PARTITION, "3"),
				Map.entry(KafkaHeaders.DLT_ORIGINAL_OFFSET, "1234567890123"),
				Map.entry(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, "1764057600123"),
				Map.entry(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, "5"),
				Map.entry(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP, "1764057608123"),
				Map.entry(RetryTopicHeaders.DEFAULT_HEADER_ORIGINAL_TIMESTAMP, "1764057600000"));
	}

	@Test
	void shouldReadTheOneByteAttemptsOfOlderSpringKafkaVersions() {
		assertThat(DeadLetterHeaders.decode(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, new byte[] { 4 }))
			.isEqualTo("4");
	}

	@Test
	void shouldShowTextAsTextAndOtherBytesAsBase64() {
		assertThat(DeadLetterHeaders.decode(EventHeaders.CE_SUBJECT, utf8("V1StGXR8_Z5jdHi6B-myT")))
			.isEqualTo("V1StGXR8_Z5jdHi6B-myT");
		assertThat(DeadLetterHeaders.decode("x-note", utf8("🛩️ line one\nline two"))).isEqualTo("🛩️ line one\nline two");
		assertThat(DeadLetterHeaders.decode("x-binary", new byte[] { 0, 0, 0, 7 })).isEqualTo("base64:AAAABw==");
		assertThat(DeadLetterHeaders.decode("x-binary", new byte[] { (byte) 0xC3, (byte) 0x28 }))
			.isEqualTo("base64:wyg=");
		assertThat(DeadLetterHeaders.decode("x-null", null)).isNull();
		// a partition header of unexpected length is not guessed at
		assertThat(DeadLetterHeaders.decode(KafkaHeaders.DLT_ORIGINAL_PARTITION, new byte[] { 1, 2 }))
			.startsWith("base64:");
	}

	@Test
	void shouldKeepTheLastValueOfARepeatedHeader() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("x-sync-error", utf8("first"));
		headers.add("ce_id", utf8("e1"));
		headers.add("x-sync-error", utf8("second"));

		assertThat(DeadLetterHeaders.decode(headers)).containsExactly(Map.entry("ce_id", "e1"),
				Map.entry("x-sync-error", "second"));
	}

	@Test
	void shouldDecodeADeadLetterRecord() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(EventHeaders.CE_ID, utf8("event-1"));
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8("io.assistantsync.worker.sync.PermanentSyncException"));
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8("The store rejected\n  the write:\tcheck"));
		headers.add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, ByteBuffer.allocate(4).putInt(4).array());
		headers.add(EventHeaders.SYNC_ATTEMPTS, utf8("5"));
		headers.add(EventHeaders.REPLAY_COUNT, utf8("2"));
		headers.add(EventHeaders.REPLAY_OF, utf8("t-dlt/1/7"));
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t-dlt", 2, 42, 1764057600123L,
				TimestampType.CREATE_TIME, 5, 3, utf8("a1"), utf8("{}"), headers, Optional.empty());

		DeadLetter deadLetter = DeadLetter.of(record);

		assertThat(deadLetter.topic()).isEqualTo("t-dlt");
		assertThat(deadLetter.partition()).isEqualTo(2);
		assertThat(deadLetter.offset()).isEqualTo(42);
		assertThat(deadLetter.coordinates()).isEqualTo("t-dlt/2/42");
		assertThat(deadLetter.assistantId()).isEqualTo("a1");
		assertThat(deadLetter.deadLetteredAt()).isEqualTo(Instant.ofEpochMilli(1764057600123L));
		assertThat(deadLetter.attempts()).isEqualTo(5);
		assertThat(deadLetter.exceptionType()).isEqualTo("io.assistantsync.worker.sync.PermanentSyncException");
		assertThat(deadLetter.simpleExceptionType()).isEqualTo("PermanentSyncException");
		assertThat(deadLetter.exceptionMessage()).isEqualTo("The store rejected the write: check");
		assertThat(deadLetter.replayCount()).isEqualTo(2);
		assertThat(deadLetter.replayOf()).isEqualTo("t-dlt/1/7");
		assertThat(deadLetter.headers()).containsEntry(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, "4")
			.containsEntry(EventHeaders.CE_ID, "event-1");
	}

	@Test
	void shouldFallBackToSpringsAttemptsAndDefaultTheReplayCount() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, ByteBuffer.allocate(4).putInt(3).array());
		headers.add(EventHeaders.REPLAY_COUNT, utf8("not a number"));
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t-dlt", 0, 0, 0L, TimestampType.CREATE_TIME, 0,
				0, null, utf8("x"), headers, Optional.empty());

		DeadLetter deadLetter = DeadLetter.of(record);

		// Spring Kafka writes the number of the attempt that would come next
		assertThat(deadLetter.attempts()).isEqualTo(2);
		assertThat(deadLetter.replayCount()).isZero();
		assertThat(deadLetter.assistantId()).isNull();
		assertThat(deadLetter.exceptionType()).isNull();
		assertThat(deadLetter.simpleExceptionType()).isNull();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
