package io.assistantsync.api.assistant;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;

import org.springframework.stereotype.Component;

import io.assistantsync.api.outbox.OutboxMessage;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.AssistantChange;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantDeletionRequested;
import io.assistantsync.common.event.AssistantUpdateRequested;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.common.json.EventJson;

/**
 * Turns a change of an assistant into the outbox record of its event (docs/contract.md §3, §7): the assistant's
 * change stream (the pending-create topic), key = assistant id, CloudEvents binary headers with the change's
 * {@code ce_type}, the event's JSON as the value.
 */
@Component
class AssistantChangeMessages {

	/** The {@code ce_source} of every event this service writes. */
	static final String SOURCE = "/api-service";

	private final TopicsProperties topics;

	AssistantChangeMessages(TopicsProperties topics) {
		this.topics = topics;
	}

	/**
	 * The event of an assistant's latest version: a delete if it is deleted, a create at version 1, else an
	 * update with its whole snapshot.
	 * @param assistant the assistant at its latest version
	 * @param deleted whether that version is a delete
	 * @param eventId the new event's id
	 * @param occurredAt when the event is recorded
	 * @return the outbox record
	 */
	OutboxMessage latestChange(AssistantResource assistant, boolean deleted, String eventId, Instant occurredAt) {
		AssistantChange change;
		if (deleted) {
			change = new AssistantDeletionRequested(eventId, assistant.id(), assistant.version(), occurredAt);
		}
		else if (assistant.version() == 1) {
			change = new AssistantCreationRequested(eventId, assistant.id(), assistant.version(),
					occurredAt, assistant.snapshot());
		}
		else {
			change = new AssistantUpdateRequested(eventId, assistant.id(), assistant.version(), occurredAt,
					assistant.snapshot());
		}
		return outboxMessage(change);
	}

	/**
	 * The outbox record of a new assistant's pending-create event, its value written by {@link AssistantJson}: the
	 * same bytes as {@link #latestChange} writes for it, with less work per request.
	 * @param assistant the assistant at version 1
	 * @param eventId the event's id
	 * @param occurredAt when the event is recorded
	 * @return the outbox record
	 */
	OutboxMessage created(AssistantResource assistant, String eventId, Instant occurredAt) {
		return outboxMessage(eventId, assistant.id(), EventTypes.PENDING_CREATE_V1, occurredAt,
				AssistantJson.creationRequested(assistant, eventId, occurredAt));
	}

	/**
	 * The outbox record of a change.
	 * @param change the change
	 * @return the record, of {@code ce_type} {@link AssistantChange#typeOf(AssistantChange)}
	 */
	OutboxMessage outboxMessage(AssistantChange change) {
		return outboxMessage(change.eventId(), change.assistantId(), AssistantChange.typeOf(change),
				change.occurredAt(), EventJson.mapper().writeValueAsBytes(change));
	}

	private OutboxMessage outboxMessage(String eventId, String assistantId, String type, Instant occurredAt,
			byte[] payload) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : new CloudEventHeaders(eventId, SOURCE, type, occurredAt, assistantId).toKafkaHeaders()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return new OutboxMessage(assistantId, eventId, this.topics.pendingCreate(), assistantId, headers, payload);
	}

}
