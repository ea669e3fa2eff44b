package io.assistantsync.worker.sync;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventHeaders;

/**
 * What a sync result is about: the pending-create event, its assistant and version.
 *
 * @param sourceEventId the pending-create event id
 * @param assistantId the assistant id (the result's key)
 * @param version the assistant's version, 0 when unknown
 * @param replay how many times the record was replayed from the dead-letter topic ({@code x-replay-count});
 * each replay is a round of attempts of its own, with result ids of its own
 * @param attempt the attempt the record is on: 1 on the main topic, n on the (n−1)th retry topic
 */
record SyncSubject(String sourceEventId, String assistantId, long version, int replay, int attempt) {

	/**
	 * The subject of any consumed record, also one whose value could not be read: then the ids come from the
	 * key and the {@code ce_id} header, or the record's coordinates.
	 * @param record the record
	 * @return the subject, or {@code null} when the record names no assistant
	 */
	static SyncSubject of(ConsumerRecord<?, ?> record) {
		int replay = replayCount(record);
		int attempt = RetryHeaders.attempt(record.headers());
		if (record.value() instanceof PendingCreateDelivery delivery) {
			AssistantCreationRequested event = delivery.event();
			return new SyncSubject(event.eventId(), event.assistantId(), event.version(), replay, attempt);
		}
		if (!(record.key() instanceof String key) || key.isBlank()) {
			return null;
		}
		String eventId = CloudEventHeaders.lastText(record.headers(), EventHeaders.CE_ID);
		if (eventId == null || eventId.isBlank()) {
			eventId = record.topic() + "/" + record.partition() + "/" + record.offset();
		}
		return new SyncSubject(eventId, key, 0, replay, attempt);
	}

	private static int replayCount(ConsumerRecord<?, ?> record) {
		String count = CloudEventHeaders.lastText(record.headers(), EventHeaders.REPLAY_COUNT);
		try {
			return (count != null) ? Math.max(0, Integer.parseInt(count.strip())) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	@Override
	public String toString() {
		return "assistant " + this.assistantId + " (event " + this.sourceEventId + ")";
	}

}
