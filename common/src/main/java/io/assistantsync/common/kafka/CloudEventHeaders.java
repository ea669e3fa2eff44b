package io.assistantsync.common.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import io.assistantsync.common.json.Timestamps;

/**
 * The CloudEvents 1.0 binary-mode attributes of one event, written as Kafka headers. No Java type
 * information travels with an event: consumers dispatch on {@code ce_type}.
 *
 * @param id the event id
 * @param source the writing service, e.g. {@code /api-service}
 * @param type the wire type, one of {@link EventTypes}
 * @param time when the event occurred
 * @param subject the assistant id (or another subject for operational events)
 */
public record CloudEventHeaders(String id, String source, String type, Instant time, String subject) {

	/**
	 * The headers in the order of docs/contract.md §3.
	 * @return new headers, one per attribute, plus {@code content-type}
	 */
	public List<Header> toKafkaHeaders() {
		return List.of(header(EventHeaders.CE_SPECVERSION, EventHeaders.SPEC_VERSION_1_0),
				header(EventHeaders.CE_ID, this.id), header(EventHeaders.CE_SOURCE, this.source),
				header(EventHeaders.CE_TYPE, this.type), header(EventHeaders.CE_TIME, Timestamps.format(this.time)),
				header(EventHeaders.CE_SUBJECT, this.subject),
				header(EventHeaders.CONTENT_TYPE, EventHeaders.APPLICATION_JSON));
	}

	/**
	 * Reads a header as UTF-8 text.
	 * @param headers the record's headers
	 * @param name the header name
	 * @return the last value of that header, or {@code null} when absent
	 */
	public static String lastText(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static Header header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
