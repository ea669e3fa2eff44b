package io.assistantsync.worker.sync;

import java.time.Instant;

import io.assistantsync.common.event.AssistantSnapshot;

/**
 * One change to write to the authoritative store: an assistant's snapshot at a version, or the tombstone a delete
 * leaves. Either is applied only when its version is higher than the stored one.
 */
public sealed interface StoreWrite permits StoreWrite.Snapshot, StoreWrite.Tombstone {

	/**
	 * @return the assistant the write is about
	 */
	String assistantId();

	/**
	 * @return the version the write makes
	 */
	long version();

	/**
	 * @return the change event that carried it
	 */
	String sourceEventId();

	/**
	 * The assistant as a create or an update made it: the row is live.
	 *
	 * @param assistant the whole assistant at its version
	 * @param sourceEventId the pending-create or pending-update event that carried it
	 */
	record Snapshot(AssistantSnapshot assistant, String sourceEventId) implements StoreWrite {

		@Override
		public String assistantId() {
			return this.assistant.id();
		}

		@Override
		public long version() {
			return this.assistant.version();
		}

	}

	/**
	 * What a delete leaves: the id, the version and when it was deleted, without the content, so that no older
	 * change brings the assistant back.
	 *
	 * @param assistantId the deleted assistant
	 * @param version the version the delete makes
	 * @param deletedAt when it was deleted (the event's {@code occurredAt})
	 * @param sourceEventId the pending-delete event
	 */
	record Tombstone(String assistantId, long version, Instant deletedAt, String sourceEventId) implements StoreWrite {
	}

}
