package io.assistantsync.api.assistant;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;

import org.springframework.stereotype.Component;

import io.assistantsync.api.outbox.OutboxMessage;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.common.json.EventJson;

/**
 * Turns an accepted assistant into the outbox record of its pending-create event (docs/contract.md §3): key =
 * assistant id, CloudEvents binary headers, the event's JSON as the value.
 */
@Component
class PendingCreateMessages {

	/** The {@code ce_source} of every event this service writes. */
	static final String SOURCE = "/api-service";

	private final TopicsProperties topics;

	PendingCreateMessages(TopicsProperties topics) {
		this.topics = topics;
	}

	OutboxMessage outboxMessage(AssistantResource assistant, String eventId, Instant occurredAt) {
		AssistantCreationRequested event = new AssistantCreationRequested(eventId, assistant.id(),
				assistant.version(), occurredAt, assistant.snapshot());
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : new CloudEventHeaders(eventId, SOURCE, EventTypes.PENDING_CREATE_V1, occurredAt,
				assistant.id())
			.toKafkaHeaders()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return new OutboxMessage(assistant.id(), eventId, this.topics.pendingCreate(), assistant.id(), headers,
				EventJson.mapper().writeValueAsBytes(event));
	}

}
