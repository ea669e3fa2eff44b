package io.assistantsync.common.json;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import io.assistantsync.common.event.AssistantChange;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantDeletionRequested;
import io.assistantsync.common.event.AssistantUpdateRequested;
import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.DeadLetterReplayAudited;
import io.assistantsync.common.event.SyncError;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.event.Visibility;
import io.assistantsync.common.id.DerivedIds;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.testing.EventSchemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventJsonTests {

	private final IdGenerator ids = new IdGenerator();

	@Test
	void shouldWriteInstantsWithMillisecondsAndZ() {
		String json = EventJson.mapper().writeValueAsString(new TimeHolder(Instant.parse("2026-11-25T08:00:00Z")));
		assertThat(json).isEqualTo("{\"at\":\"2026-11-25T08:00:00.000Z\"}");
	}

	@Test
	void shouldReadInstantsInTheContractsFormAndInOtherIsoForms() {
		assertThat(EventJson.mapper().readValue("{\"at\":\"2026-11-25T08:00:00.120Z\"}", TimeHolder.class).at())
			.isEqualTo(Instant.parse("2026-11-25T08:00:00.120Z"));
		assertThat(EventJson.mapper().readValue("{\"at\":\"2026-11-25T09:00:00.12+01:00\"}", TimeHolder.class).at())
			.isEqualTo(Instant.parse("2026-11-25T08:00:00.120Z"));
		assertThat(EventJson.mapper().readValue("{\"at\":\"2026-11-25T08:00:00Z\"}", TimeHolder.class).at())
			.isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
		assertThat(EventJson.mapper().readValue("{\"at\":null}", TimeHolder.class).at()).isNull();
	}

	@Test
	void shouldRejectAnImpossibleDateInTheContractsForm() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(
				() -> EventJson.mapper().readValue("{\"at\":\"2026-02-30T08:00:00.000Z\"}", TimeHolder.class));
	}

	@Test
	void shouldRoundTripAPendingCreateEventThatConformsToItsSchema() {
		Instant now = Timestamps.toMillis(Instant.now());
		String id = this.ids.newId();
		AssistantSnapshot assistant = new AssistantSnapshot(id, "owner-1", "Flight log analyst", "🛩️", null, "analysis",
				List.of("drone", "logs"), "You are…", Visibility.PRIVATE, 1, now, now);
		AssistantCreationRequested event = new AssistantCreationRequested(this.ids.newId(), id, 1, now, assistant);

		String json = EventJson.mapper().writeValueAsString(event);

		EventSchemas.assertConforms(EventTypes.PENDING_CREATE_V1, json);
		assertThat(EventJson.mapper().readValue(json, AssistantCreationRequested.class)).isEqualTo(event);
	}

	@Test
	void shouldRoundTripPendingUpdateAndDeleteEventsThatConformToTheirSchemas() {
		Instant created = Timestamps.toMillis(Instant.now());
		Instant updated = created.plusSeconds(60);
		String id = this.ids.newId();
		AssistantSnapshot assistant = new AssistantSnapshot(id, "owner-1", "Flight log analyst", "🛩️", "Now with logs",
				"analysis", List.of("drone"), null, Visibility.PUBLIC, 2, created, updated);
		AssistantUpdateRequested update = new AssistantUpdateRequested(this.ids.newId(), id, 2, updated, assistant);
		AssistantDeletionRequested delete = new AssistantDeletionRequested(this.ids.newId(), id, 3,
				updated.plusSeconds(1));

		String updateJson = EventJson.mapper().writeValueAsString(update);
		String deleteJson = EventJson.mapper().writeValueAsString(delete);

		EventSchemas.assertConforms(EventTypes.PENDING_UPDATE_V1, updateJson);
		EventSchemas.assertConforms(EventTypes.PENDING_DELETE_V1, deleteJson);
		assertThat(EventSchemas.validate(EventTypes.PENDING_DELETE_V1, updateJson)).as("a delete has no assistant")
			.isNotEmpty();
		assertThat(EventJson.mapper().readValue(updateJson, AssistantUpdateRequested.class)).isEqualTo(update);
		assertThat(EventJson.mapper().readValue(deleteJson, AssistantDeletionRequested.class)).isEqualTo(delete);
		assertThat(deleteJson).startsWith("{\"eventId\"").doesNotContain("assistant\":");
		assertThat(AssistantChange.typeOf(update)).isEqualTo(EventTypes.PENDING_UPDATE_V1);
		assertThat(AssistantChange.typeOf(delete)).isEqualTo(EventTypes.PENDING_DELETE_V1);
	}

	@Test
	void shouldOmitNextAttemptAndErrorFromASyncedResult() {
		Instant now = Timestamps.toMillis(Instant.now());
		String source = this.ids.newId();
		SyncResult synced = new SyncResult(DerivedIds.syncResultId(source, 1, "SYNCED"), source,
				this.ids.newId(), 1, SyncResultStatus.SYNCED, 1, 5, null, null, now);
		SyncResult retrying = new SyncResult(DerivedIds.syncResultId(source, 1, "RETRYING"),
				source, this.ids.newId(), 1, SyncResultStatus.RETRYING, 1, 5, now.plusSeconds(1),
				new SyncError("TransientStoreException", "deadlock detected", true), now);

		String syncedJson = EventJson.mapper().writeValueAsString(synced);

		assertThat(syncedJson).doesNotContain("nextAttemptAt").doesNotContain("error");
		EventSchemas.assertConforms(EventTypes.SYNC_RESULT_V1, syncedJson);
		EventSchemas.assertConforms(EventTypes.SYNC_RESULT_V1, EventJson.mapper().writeValueAsString(retrying));
		assertThat(EventSchemas.validate(EventTypes.SYNC_RESULT_V1, syncedJson.replace("\"SYNCED\"", "\"RETRYING\"")))
			.isNotEmpty();
	}

	@Test
	void shouldWriteAnAuditEventThatConformsToItsSchema() {
		DeadLetterReplayAudited audit = new DeadLetterReplayAudited(this.ids.newId(), Instant.now(), "cli:root",
				new DeadLetterReplayAudited.Actor("cli", "root", null),
				new DeadLetterReplayAudited.Filters(List.of(), null, null, null, 10), true, false, false, 3, 1,
				java.util.Map.of("replay-limit-reached", 1));
		EventSchemas.assertConforms(EventTypes.DLT_REPLAY_V1, EventJson.mapper().writeValueAsString(audit));
	}

	@Test
	void shouldIgnoreFieldsAddedByANewerProducer() {
		String json = "{\"at\":\"2026-11-25T08:00:00.120Z\",\"addedLater\":true}";
		assertThat(EventJson.mapper().readValue(json, TimeHolder.class).at())
			.isEqualTo(Instant.parse("2026-11-25T08:00:00.120Z"));
	}

	record TimeHolder(Instant at) {
	}

}
