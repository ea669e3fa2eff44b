package io.assistantsync.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.event.Visibility;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.json.Timestamps;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventTypes;

/**
 * Sample assistants and pending-create events for tests, each with fresh ids.
 */
public final class SampleAssistants {

	private static final IdGenerator ids = new IdGenerator();

	private SampleAssistants() {
	}

	/**
	 * A valid assistant at version 1.
	 * @return a new snapshot with a fresh id
	 */
	public static AssistantSnapshot assistant() {
		return assistant(ids.newId(), 1, "Flight log analyst");
	}

	/**
	 * A valid assistant.
	 * @param id its id
	 * @param version its version
	 * @param name its name
	 * @return the snapshot
	 */
	public static AssistantSnapshot assistant(String id, long version, String name) {
		Instant now = Timestamps.toMillis(Instant.now());
		return new AssistantSnapshot(id, name, "🛩️", "Reads drone flight logs and explains anomalies.", "analysis",
				List.of("drone", "logs"), "You are a careful analyst.", Visibility.PRIVATE, version, now, now);
	}

	/**
	 * A pending-create event for an assistant, with a fresh event id.
	 * @param assistant the assistant
	 * @return the event
	 */
	public static AssistantCreationRequested pendingCreate(AssistantSnapshot assistant) {
		return new AssistantCreationRequested(ids.newId(), assistant.id(), assistant.version(),
				Timestamps.toMillis(Instant.now()), assistant);
	}

	/**
	 * The record the api-service would publish for an event: key = assistant id, CloudEvents headers, JSON.
	 * @param topic the pending-create topic
	 * @param event the event
	 * @return the record
	 */
	public static ProducerRecord<String, byte[]> record(String topic, AssistantCreationRequested event) {
		return record(topic, event.assistantId(), EventJson.mapper().writeValueAsBytes(event), event.eventId());
	}

	/**
	 * A record with any value, e.g. one that is not JSON, with CloudEvents headers.
	 * @param topic the topic
	 * @param key the key
	 * @param value the value bytes
	 * @param eventId the {@code ce_id}
	 * @return the record
	 */
	public static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value, String eventId) {
		List<Header> headers = new CloudEventHeaders(eventId, "/tests", EventTypes.PENDING_CREATE_V1,
				Instant.now(), key).toKafkaHeaders();
		return new ProducerRecord<>(topic, null, key, value, headers);
	}

	/**
	 * Bytes that are not a pending-create event.
	 * @return UTF-8 text that is not JSON
	 */
	public static byte[] poisonPill() {
		return "{ this is not json".getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A fresh id.
	 * @return a nanoid
	 */
	public static String newId() {
		return ids.newId();
	}

}
