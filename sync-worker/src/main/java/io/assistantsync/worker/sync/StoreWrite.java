package io.assistantsync.worker.sync;

import io.assistantsync.common.event.AssistantSnapshot;

/**
 * One write to the authoritative store.
 *
 * @param assistant the assistant to create or update
 * @param sourceEventId the pending-create event that carried it
 */
public record StoreWrite(AssistantSnapshot assistant, String sourceEventId) {
}
