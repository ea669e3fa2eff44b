package io.assistantsync.worker.sync;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.assistantsync.common.event.AssistantChange;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantDeletionRequested;
import io.assistantsync.common.event.AssistantUpdateRequested;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.fixtures.SampleAssistants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PendingCreateDeserializerTests {

	private final PendingCreateDeserializer deserializer = new PendingCreateDeserializer();

	@Test
	void shouldReadEachChangeByItsType() {
		String id = SampleAssistants.newId();
		AssistantChange create = SampleAssistants.pendingCreate(SampleAssistants.assistant(id, 1, "First"));
		AssistantChange update = SampleAssistants.pendingUpdate(SampleAssistants.assistant(id, 2, "Second"));
		AssistantChange delete = SampleAssistants.pendingDelete(id, 3);

		assertThat(read(EventTypes.PENDING_CREATE_V1, create).event()).isInstanceOf(AssistantCreationRequested.class)
			.isEqualTo(create);
		assertThat(read(EventTypes.PENDING_UPDATE_V1, update).event()).isInstanceOf(AssistantUpdateRequested.class)
			.isEqualTo(update);
		assertThat(read(EventTypes.PENDING_DELETE_V1, delete).event()).isInstanceOf(AssistantDeletionRequested.class)
			.isEqualTo(delete);
	}

	@Test
	void shouldReadARecordWithoutTypeAsAPendingCreateAndKeepItsBytes() {
		AssistantChange create = SampleAssistants.pendingCreate(SampleAssistants.assistant());
		byte[] bytes = EventJson.mapper().writeValueAsBytes(create);

		PendingCreateDelivery delivery = this.deserializer.deserialize("t", new RecordHeaders(), bytes);

		assertThat(delivery.event()).isEqualTo(create);
		assertThat(delivery.raw()).isSameAs(bytes);
	}

	@Test
	void shouldUseTheLastTypeHeader() {
		AssistantChange delete = SampleAssistants.pendingDelete(SampleAssistants.newId(), 2);
		RecordHeaders headers = new RecordHeaders();
		headers.add(EventHeaders.CE_TYPE, EventTypes.PENDING_CREATE_V1.getBytes(StandardCharsets.UTF_8));
		headers.add(EventHeaders.CE_TYPE, EventTypes.PENDING_DELETE_V1.getBytes(StandardCharsets.UTF_8));

		assertThat(this.deserializer.deserialize("t", headers, EventJson.mapper().writeValueAsBytes(delete)).event())
			.isEqualTo(delete);
	}

	@Test
	void shouldNotReadAnUnknownType() {
		AssistantChange update = SampleAssistants.pendingUpdate(SampleAssistants.assistant(SampleAssistants.newId(), 2,
				"Second"));

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> read("assistant.pending-rename.v1", update))
			.withMessageContaining("assistant.pending-rename.v1");
	}

	private PendingCreateDelivery read(String type, AssistantChange change) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(EventHeaders.CE_TYPE, type.getBytes(StandardCharsets.UTF_8));
		return this.deserializer.deserialize("t", headers, EventJson.mapper().writeValueAsBytes(change));
	}

}
