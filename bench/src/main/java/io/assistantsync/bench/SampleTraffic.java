package io.assistantsync.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;

import tools.jackson.databind.json.JsonMapper;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.fixtures.SampleAssistants;

/**
 * The assistants the benchmark sends: the test fixtures' sample assistant, so the HTTP body, the
 * pending-create event and the rows are the size the services really handle.
 */
final class SampleTraffic {

	private static final JsonMapper json = EventJson.mapper();

	private SampleTraffic() {
	}

	/**
	 * The POST body of a new assistant: the sample's fields a producer sends.
	 * @return JSON
	 */
	static String requestBody() {
		return requestBody(SampleAssistants.assistant().name());
	}

	/**
	 * The POST body of a new assistant with a name of its own.
	 * @param name the name
	 * @return JSON
	 */
	static String requestBody(String name) {
		AssistantSnapshot sample = SampleAssistants.assistant();
		return json.writeValueAsString(Map.of("name", name, "emoji", sample.emoji(), "description",
				sample.description(), "category", sample.category(), "tags", sample.tags(), "instructions",
				sample.instructions(), "visibility", sample.visibility().name()));
	}

	/**
	 * A pending-create record exactly as the api-service's outbox relay writes it.
	 * @param topic the topic
	 * @return a record with a fresh assistant and event id
	 */
	static ProducerRecord<String, byte[]> pendingCreate(String topic) {
		return pendingCreate(topic, SampleAssistants.assistant());
	}

	static ProducerRecord<String, byte[]> pendingCreate(String topic, AssistantSnapshot assistant) {
		AssistantCreationRequested event = SampleAssistants.pendingCreate(assistant);
		return SampleAssistants.record(topic, event);
	}

	/**
	 * One event as a line of JSON, for Kafka's producer benchmark payload file.
	 * @return the event JSON
	 */
	static String eventLine() {
		return new String(pendingCreate("t").value(), StandardCharsets.UTF_8);
	}

	/**
	 * The size of one event's JSON value.
	 * @return bytes
	 */
	static int eventBytes() {
		return pendingCreate("t").value().length;
	}

}
