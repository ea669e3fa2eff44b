package io.assistantsync.worker.sync;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.assistantsync.common.event.AssistantChange;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventHeaders;

/**
 * What a sync result is about: the change event (a create, an update or a delete), its assistant and the version
 * it makes.
 *
 * @param sourceEventId the change event's id
 * @param assistantId the assistant id (the result's key)
 * @param version the version the change makes, 0 when unknown
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
			AssistantChange event = delivery.event();
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
