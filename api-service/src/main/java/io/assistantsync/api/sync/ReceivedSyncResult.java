package io.assistantsync.api.sync;

import java.util.Optional;

import tools.jackson.core.JacksonException;

import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.json.EventJson;

/**
 * A sync result as received: the parsed outcome and its JSON exactly as it came off the topic.
 *
 * @param outcome the parsed value
 * @param json the value as received
 */
record ReceivedSyncResult(SyncResult outcome, String json) {

	String eventId() {
		return this.outcome.eventId();
	}

	String assistantId() {
		return this.outcome.assistantId();
	}

	StreamedSyncResult toEvent() {
		return new StreamedSyncResult(eventId(), this.outcome.sourceEventId(), this.outcome.status(), this.json);
	}

	/**
	 * Reads a record value; tolerant of added fields, strict about the ones this service needs.
	 * @param json the value
	 * @return the result, or empty when the value is not a usable sync result
	 */
	static Optional<ReceivedSyncResult> parse(String json) {
		if (json == null) {
			return Optional.empty();
		}
		try {
			SyncResult outcome = EventJson.mapper().readValue(json, SyncResult.class);
			boolean usable = outcome != null && hasText(outcome.eventId()) && hasText(outcome.sourceEventId())
					&& hasText(outcome.assistantId()) && outcome.status() != null && outcome.attempt() >= 1;
			return usable ? Optional.of(new ReceivedSyncResult(outcome, json)) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
