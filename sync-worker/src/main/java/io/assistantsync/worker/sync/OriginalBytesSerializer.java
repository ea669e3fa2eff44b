package io.assistantsync.worker.sync;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link PendingCreateDelivery} as the bytes it was delivered in, so that forwarding to a retry or
 * dead-letter topic never re-encodes the event.
 */
class OriginalBytesSerializer implements Serializer<PendingCreateDelivery> {

	@Override
	public byte[] serialize(String topic, PendingCreateDelivery delivery) {
		return (delivery != null) ? delivery.raw() : null;
	}

}
