package io.assistantsync.api.sync;

import io.assistantsync.common.event.SyncResultStatus;

/**
 * A sync result as a stream sends it, whether replayed from the log or received live.
 *
 * @param eventId the result's event id, the SSE {@code id}
 * @param sourceEventId the change event it is about
 * @param status its status
 * @param json the value exactly as received, the SSE {@code data}
 */
record StreamedSyncResult(String eventId, String sourceEventId, SyncResultStatus status, String json) {

	/**
	 * Whether this result ends a stream that follows the given change event.
	 */
	boolean isFinalFor(String syncEventId) {
		return this.status.isFinal() && this.sourceEventId.equals(syncEventId);
	}

}
