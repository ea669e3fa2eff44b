package io.assistantsync.api.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A claimed outbox row.
 *
 * @param id the row id; claims are ordered by it
 * @param eventId the event id
 * @param topic the destination topic
 * @param key the record key
 * @param headers header name to value, in order
 * @param payload the record value
 */
record OutboxEntry(long id, String eventId, String topic, String key, Map<String, String> headers, byte[] payload) {

	/**
	 * The record exactly as stored: no header is added, so no Java type information travels.
	 */
	ProducerRecord<String, byte[]> toRecord() {
		List<Header> recordHeaders = new ArrayList<>(this.headers.size());
		this.headers.forEach((name, value) -> recordHeaders
			.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
		return new ProducerRecord<>(this.topic, null, this.key, this.payload, recordHeaders);
	}

}
