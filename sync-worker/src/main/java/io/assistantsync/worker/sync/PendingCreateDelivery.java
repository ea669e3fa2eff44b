package io.assistantsync.worker.sync;

import io.assistantsync.common.event.AssistantCreationRequested;

/**
 * A pending-create event as it was delivered: the parsed event and the exact bytes it came in, so that
 * retry and dead-letter topics receive the original record byte for byte.
 *
 * @param event the parsed event
 * @param raw the record value as received
 */
record PendingCreateDelivery(AssistantCreationRequested event, byte[] raw) {
}
