package io.assistantsync.worker.sync;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.json.EventJson;

/**
 * Reads a pending-create value with the contract's JSON mapping and keeps its bytes. Used inside Spring
 * Kafka's {@code ErrorHandlingDeserializer}: a value that is not such JSON becomes a
 * {@code DeserializationException}, which sends the record to the dead-letter topic at once with its
 * original bytes while the partition keeps flowing. Spring Kafka's {@code JacksonJsonDeserializer} is not
 * used because it drops the original bytes.
 */
class PendingCreateDeserializer implements Deserializer<PendingCreateDelivery> {

	@Override
	public PendingCreateDelivery deserialize(String topic, byte[] data) {
		if (data == null) {
			throw new SerializationException("A pending-create record has no value (tombstone)");
		}
		try {
			return new PendingCreateDelivery(EventJson.mapper().readValue(data, AssistantCreationRequested.class),
					data);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Not a pending-create event: " + ex.getOriginalMessage(), ex);
		}
	}

}
