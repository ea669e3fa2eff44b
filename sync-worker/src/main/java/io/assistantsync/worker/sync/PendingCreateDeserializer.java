package io.assistantsync.worker.sync;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

import io.assistantsync.common.event.AssistantChange;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantDeletionRequested;
import io.assistantsync.common.event.AssistantUpdateRequested;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;

/**
 * Reads a change of the pending-create topic with the contract's JSON mapping and keeps its bytes. The last
 * {@code ce_type} header says which change it is; a record without one is a pending-create (records written
 * before there were other types), a record of any other type cannot be read. Used inside Spring Kafka's
 * {@code ErrorHandlingDeserializer}: a value that is not such JSON becomes a {@code DeserializationException},
 * which sends the record to the dead-letter topic at once with its original bytes while the partition keeps
 * flowing. Spring Kafka's {@code JacksonJsonDeserializer} is not used because it drops the original bytes.
 */
class PendingCreateDeserializer implements Deserializer<PendingCreateDelivery> {

	@Override
	public PendingCreateDelivery deserialize(String topic, byte[] data) {
		return read(EventTypes.PENDING_CREATE_V1, data);
	}

	@Override
	public PendingCreateDelivery deserialize(String topic, Headers headers, byte[] data) {
		String type = (headers != null) ? CloudEventHeaders.lastText(headers, EventHeaders.CE_TYPE) : null;
		return read((type != null) ? type : EventTypes.PENDING_CREATE_V1, data);
	}

	private static PendingCreateDelivery read(String type, byte[] data) {
		Class<? extends AssistantChange> change = changeOf(type);
		if (data == null) {
			throw new SerializationException("A " + type + " record has no value (tombstone)");
		}
		try {
			return new PendingCreateDelivery(EventJson.mapper().readValue(data, change), data);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Not a " + type + " event: " + ex.getOriginalMessage(), ex);
		}
	}

	private static Class<? extends AssistantChange> changeOf(String type) {
		return switch (type) {
			case EventTypes.PENDING_CREATE_V1 -> AssistantCreationRequested.class;
			case EventTypes.PENDING_UPDATE_V1 -> AssistantUpdateRequested.class;
			case EventTypes.PENDING_DELETE_V1 -> AssistantDeletionRequested.class;
			default -> throw new SerializationException("Unknown event type (ce_type) '" + type
					+ "' on the change stream: not a pending-create, -update or -delete event");
		};
	}

}
