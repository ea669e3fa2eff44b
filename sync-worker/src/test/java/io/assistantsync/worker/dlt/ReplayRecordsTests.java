package io.assistantsync.worker.dlt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;

import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayRecordsTests {

	@Test
	void shouldKeepKeyValueAndEventHeadersAndDropWhatAttemptsAdded() {
		RecordHeaders headers = new RecordHeaders();
		new CloudEventHeaders("e1", "/api-service", EventTypes.PENDING_CREATE_V1, Instant.EPOCH, "a1")
			.toKafkaHeaders()
			.forEach(headers::add);
		headers.add("traceparent", utf8("00-abc-def-01"));
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8("x.PermanentSyncException"));
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(3).array());
		headers.add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, ByteBuffer.allocate(4).putInt(5).array());
		headers.add(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP, new byte[] { 1 });
		headers.add(EventHeaders.SYNC_ATTEMPTS, utf8("5"));
		headers.add(EventHeaders.SYNC_ERROR, utf8("PermanentSyncException: no"));
		headers.add(EventHeaders.REPLAY_OF, utf8("old/0/0"));
		headers.add(EventHeaders.REPLAY_COUNT, utf8("1"));
		headers.add("springDeserializerExceptionValue", new byte[] { 1, 2 });
		byte[] key = utf8("a1");
		byte[] value = utf8("{\"eventId\":\"e1\"}");
		ConsumerRecord<byte[], byte[]> dead = new ConsumerRecord<>("t-dlt", 4, 17, 0L, TimestampType.CREATE_TIME,
				key.length, value.length, key, value, headers, Optional.empty());

		ProducerRecord<byte[], byte[]> replay = ReplayRecords.of("t", dead, 2);

		assertThat(replay.topic()).isEqualTo("t");
		assertThat(replay.partition()).as("partitioned by key").isNull();
		assertThat(replay.key()).isSameAs(key);
		assertThat(replay.value()).isSameAs(value);
		assertThat(replay.headers()).extracting(Header::key)
			.containsExactly(EventHeaders.CE_SPECVERSION, EventHeaders.CE_ID, EventHeaders.CE_SOURCE,
					EventHeaders.CE_TYPE, EventHeaders.CE_TIME, EventHeaders.CE_SUBJECT, EventHeaders.CONTENT_TYPE,
					"traceparent", EventHeaders.REPLAY_OF, EventHeaders.REPLAY_COUNT);
		assertThat(CloudEventHeaders.lastText(replay.headers(), EventHeaders.REPLAY_OF)).isEqualTo("t-dlt/4/17");
		assertThat(CloudEventHeaders.lastText(replay.headers(), EventHeaders.REPLAY_COUNT)).isEqualTo("2");
		assertThat(CloudEventHeaders.lastText(replay.headers(), EventHeaders.CE_ID)).isEqualTo("e1");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
