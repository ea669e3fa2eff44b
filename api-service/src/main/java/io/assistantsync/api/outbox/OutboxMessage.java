package io.assistantsync.api.outbox;

import java.util.Map;

/**
 * A Kafka record to publish once the current transaction commits.
 *
 * @param aggregateId the assistant the record is about
 * @param eventId the event id ({@code ce_id}); unique
 * @param topic the destination topic
 * @param key the record key
 * @param headers header name to UTF-8 value, in the order to write them
 * @param payload the record value, sent exactly as given
 */
public record OutboxMessage(String aggregateId, String eventId, String topic, String key, Map<String, String> headers,
		byte[] payload) {
}
