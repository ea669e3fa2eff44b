package io.assistantsync.worker.sync;

import io.assistantsync.common.event.AssistantChange;

/**
 * A record of the pending-create topic (the assistants' change stream) as it was delivered: the parsed change
 * (a create, an update or a delete) and the exact bytes it came in, so that retry and dead-letter topics
 * receive the original record byte for byte.
 *
 * @param event the parsed change
 * @param raw the record value as received
 */
record PendingCreateDelivery(AssistantChange event, byte[] raw) {
}
