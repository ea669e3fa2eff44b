package io.assistantsync.worker.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.AssistantChange;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantDeletionRequested;
import io.assistantsync.common.event.AssistantUpdateRequested;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.fixtures.StoreFaults;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.worker.SyncWorkerIntegrationTest;
import io.assistantsync.worker.dlt.DeadLetterFilter;
import io.assistantsync.worker.dlt.DeadLetterReplayer;
import io.assistantsync.worker.dlt.Operator;
import io.assistantsync.worker.dlt.ReplayReport;
import io.assistantsync.worker.dlt.ReplayRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Updates and deletes on the change stream (docs/contract.md §7) against a real broker and store: every write is
 * guarded by the version, a delete leaves a tombstone, an older change is a no-op that is SYNCED all the same.
 */
@SyncWorkerIntegrationTest
class AssistantChangeSyncIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** SQLSTATE serialization_failure: a transient rejection. */
	private static final String TRANSIENT = "40001";

	/** SQLSTATE check_violation: the store rejects the data as such. */
	private static final String REJECTED = "23514";

	@Autowired
	TopicsProperties topics;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DeadLetterReplayer replayer;

	@Autowired
	@Qualifier(PendingCreateBatchListener.ID)
	MessageListenerContainer main;

	private TopicReader results;

	private TopicReader deadLetters;

	private TopicReader changes;

	private StoreFaults faults;

	@BeforeEach
	void readTopics() {
		this.results = new TopicReader(this.topics.syncResults());
		this.deadLetters = new TopicReader(this.topics.pendingCreate() + "-dlt");
		this.changes = new TopicReader(this.topics.pendingCreate());
		this.faults = new StoreFaults(Objects.requireNonNull(this.jdbc.getDataSource())::getConnection);
	}

	@AfterEach
	void closeReaders() {
		this.results.close();
		this.deadLetters.close();
		this.changes.close();
	}

	@Test
	void shouldApplyAnUpdateAfterItsCreate() {
		String id = SampleAssistants.newId();
		AssistantCreationRequested create = SampleAssistants.pendingCreate(SampleAssistants.assistant(id, 1, "First"));
		AssistantUpdateRequested update = SampleAssistants.pendingUpdate(SampleAssistants.assistant(id, 2, "Second"));

		send(create, update);

		awaitSynced(create);
		awaitSynced(update);
		assertThat(row(id)).containsEntry("name", "Second")
			.containsEntry("version", 2L)
			.containsEntry("source_event_id", update.eventId())
			.containsEntry("deleted_at", null);
		assertThat(SyncResults.of(this.results, id)).extracting(SyncResult::status, SyncResult::version,
				SyncResult::sourceEventId)
			.containsExactly(tuple(SyncResultStatus.SYNCED, 1L, create.eventId()),
					tuple(SyncResultStatus.SYNCED, 2L, update.eventId()));
	}

	@Test
	void shouldSyncAnOlderUpdateAfterANewerOneWithoutChangingTheRow() {
		String id = SampleAssistants.newId();
		AssistantUpdateRequested newer = SampleAssistants.pendingUpdate(SampleAssistants.assistant(id, 3, "Newer"));
		AssistantUpdateRequested older = SampleAssistants.pendingUpdate(SampleAssistants.assistant(id, 2, "Older"));

		send(newer);
		awaitSynced(newer);
		send(older);

		SyncResult synced = awaitSynced(older);
		assertThat(synced.version()).isEqualTo(2L);
		assertThat(synced.attempt()).isEqualTo(1);
		assertThat(row(id)).containsEntry("name", "Newer")
			.containsEntry("version", 3L)
			.containsEntry("source_event_id", newer.eventId());
	}

	@Test
	void shouldLeaveATombstoneThatNoOlderChangeBringsBack() {
		String id = SampleAssistants.newId();
		AssistantCreationRequested create = SampleAssistants.pendingCreate(SampleAssistants.assistant(id, 1, "First"));
		AssistantUpdateRequested update = SampleAssistants.pendingUpdate(SampleAssistants.assistant(id, 2, "Second"));
		AssistantDeletionRequested delete = SampleAssistants.pendingDelete(id, 3);

		send(create);
		awaitSynced(create);
		send(update);
		awaitSynced(update);
		send(delete);
		awaitSynced(delete);

		assertTombstone(id, 3, delete);
		assertThat(row(id)).containsEntry("owner_id", SampleAssistants.OWNER);

		AssistantUpdateRequested lateUpdate = SampleAssistants
			.pendingUpdate(SampleAssistants.assistant(id, 2, "Second again"));
		AssistantCreationRequested lateCreate = SampleAssistants
			.pendingCreate(SampleAssistants.assistant(id, 1, "First again"));
		send(lateUpdate, lateCreate);

		assertThat(awaitSynced(lateUpdate).version()).isEqualTo(2L);
		assertThat(awaitSynced(lateCreate).version()).isEqualTo(1L);
		assertTombstone(id, 3, delete);
	}

	@Test
	void shouldInsertATombstoneWhenADeleteArrivesBeforeItsCreate() {
		String id = SampleAssistants.newId();
		AssistantDeletionRequested delete = SampleAssistants.pendingDelete(id, 2);
		AssistantCreationRequested create = SampleAssistants.pendingCreate(SampleAssistants.assistant(id, 1, "First"));

		send(delete);
		awaitSynced(delete);

		assertTombstone(id, 2, delete);
		assertThat(row(id)).containsEntry("owner_id", null);

		send(create);

		assertThat(awaitSynced(create).version()).isEqualTo(1L);
		assertTombstone(id, 2, delete);
	}

	@Test
	void shouldWriteAnUpdateWhileItsCreateIsRetryingAndSyncTheCreateAsANoOp() {
		String id = SampleAssistants.newId();
		AssistantCreationRequested create = SampleAssistants.pendingCreate(SampleAssistants.assistant(id, 1, "First"));
		AssistantUpdateRequested update = SampleAssistants.pendingUpdate(SampleAssistants.assistant(id, 2, "Second"));
		this.faults.fail(id, 1L, TRANSIENT, 2);

		send(create);
		awaitResult(create, SyncResultStatus.RETRYING);
		send(update);
		SyncResult updated = awaitSynced(update);

		SyncResult created = awaitSynced(create);
		assertThat(created.attempt()).isEqualTo(3);
		assertThat(created.version()).isEqualTo(1L);
		assertThat(updated.attempt()).isEqualTo(1);
		assertThat(updated.occurredAt()).isBefore(created.occurredAt());
		assertThat(row(id)).containsEntry("name", "Second")
			.containsEntry("version", 2L)
			.containsEntry("source_event_id", update.eventId());
	}

	@Test
	void shouldKeepTheNewerVersionWhenAnOlderDeadLetterIsReplayed() {
		String id = SampleAssistants.newId();
		AssistantCreationRequested create = SampleAssistants.pendingCreate(SampleAssistants.assistant(id, 1, "First"));
		AssistantUpdateRequested update = SampleAssistants.pendingUpdate(SampleAssistants.assistant(id, 2, "Second"));
		this.faults.fail(id, 1L, REJECTED, Integer.MAX_VALUE);

		send(create);
		awaitResult(create, SyncResultStatus.DEAD_LETTERED);
		send(update);
		awaitSynced(update);
		this.faults.clear(id);

		ReplayReport report = this.replayer.replay(new ReplayRequest(
				new DeadLetterFilter(List.of(id), null, null, null, null), false, true, false, null),
				Operator.commandLine("tests"));

		assertThat(report.replayed()).hasSize(1);
		ConsumerRecord<String, byte[]> replayed = this.changes
			.await(r -> id.equals(r.key()) && r.headers().lastHeader(EventHeaders.REPLAY_OF) != null, 1, TIMEOUT)
			.get(0);
		assertThat(text(replayed, EventHeaders.CE_TYPE)).isEqualTo(EventTypes.PENDING_CREATE_V1);
		List<SyncResult> synced = this.results.await(r -> id.equals(r.key()) && isSynced(r, create), 1, TIMEOUT)
			.stream()
			.map(SyncResults::parse)
			.toList();
		assertThat(synced).singleElement().satisfies(result -> assertThat(result.version()).isEqualTo(1L));
		assertThat(row(id)).containsEntry("name", "Second")
			.containsEntry("version", 2L)
			.containsEntry("source_event_id", update.eventId());
	}

	@Test
	void shouldLetTheHighestVersionWinWhenChangesOfOneAssistantShareABatch() {
		String deleted = SampleAssistants.newId();
		String updated = SampleAssistants.newId();
		List<AssistantChange> batch = List.of(
				SampleAssistants.pendingCreate(SampleAssistants.assistant(deleted, 1, "First")),
				SampleAssistants.pendingCreate(SampleAssistants.assistant(updated, 1, "First")),
				SampleAssistants.pendingUpdate(SampleAssistants.assistant(deleted, 2, "Second")),
				SampleAssistants.pendingDelete(deleted, 3),
				SampleAssistants.pendingUpdate(SampleAssistants.assistant(updated, 2, "Second")));

		// stopped while the records are sent, so that they arrive in one poll and are written as one batch
		this.main.stop();
		try {
			send(batch.toArray(AssistantChange[]::new));
		}
		finally {
			this.main.start();
		}

		for (AssistantChange change : batch) {
			assertThat(awaitSynced(change).attempt()).isEqualTo(1);
		}
		assertTombstone(deleted, 3, (AssistantDeletionRequested) batch.get(3));
		assertThat(row(updated)).containsEntry("name", "Second")
			.containsEntry("version", 2L)
			.containsEntry("deleted_at", null);
	}

	@Test
	void shouldDeadLetterAnUnknownTypeAtOnce() {
		String id = SampleAssistants.newId();
		AssistantUpdateRequested update = SampleAssistants.pendingUpdate(SampleAssistants.assistant(id, 2, "Second"));
		ProducerRecord<String, byte[]> renamed = SampleAssistants.record(this.topics.pendingCreate(), id,
				EventJson.mapper().writeValueAsBytes(update), update.eventId(), "assistant.pending-rename.v1");

		TopicReader.send(renamed);

		ConsumerRecord<String, byte[]> dead = this.deadLetters.await(r -> id.equals(r.key()), 1, TIMEOUT).get(0);
		assertThat(dead.value()).isEqualTo(renamed.value());
		assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).contains("DeserializationException");
		assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("assistant.pending-rename.v1");
		assertThat(text(dead, EventHeaders.CE_TYPE)).isEqualTo("assistant.pending-rename.v1");
		assertThat(awaitResult(update, SyncResultStatus.DEAD_LETTERED).attempt()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM assistants WHERE id = ?", Integer.class, id))
			.isZero();
	}

	@Test
	void shouldDeadLetterADeleteOfVersionOneAsInvalid() {
		AssistantDeletionRequested delete = SampleAssistants.pendingDelete(SampleAssistants.newId(), 1);

		send(delete);

		SyncResult dead = awaitResult(delete, SyncResultStatus.DEAD_LETTERED);
		assertThat(dead.attempt()).isEqualTo(1);
		assertThat(dead.error().type()).isEqualTo("InvalidEventException");
	}

	private void assertTombstone(String id, long version, AssistantDeletionRequested delete) {
		Map<String, Object> row = row(id);
		assertThat(row).containsEntry("version", version)
			.containsEntry("source_event_id", delete.eventId())
			.containsEntry("name", null)
			.containsEntry("emoji", null)
			.containsEntry("description", null)
			.containsEntry("instructions", null)
			.containsEntry("visibility", null)
			.containsEntry("created_at", null)
			.containsEntry("updated_at", null);
		assertThat(row.get("deleted_at")).isNotNull();
		assertThat(row.get("synced_at")).isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT cardinality(tags) FROM assistants WHERE id = ?", Integer.class, id))
			.isZero();
	}

	private void send(AssistantChange... events) {
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
		for (AssistantChange event : events) {
			records.add(SampleAssistants.record(this.topics.pendingCreate(), event));
		}
		TopicReader.send(records.toArray(ProducerRecord[]::new));
	}

	private SyncResult awaitSynced(AssistantChange event) {
		return awaitResult(event, SyncResultStatus.SYNCED);
	}

	private SyncResult awaitResult(AssistantChange event, SyncResultStatus status) {
		return SyncResults.parse(this.results.await(r -> event.assistantId().equals(r.key())
				&& SyncResults.parse(r).status() == status
				&& event.eventId().equals(SyncResults.parse(r).sourceEventId()), 1, TIMEOUT).get(0));
	}

	private static boolean isSynced(ConsumerRecord<String, byte[]> record, AssistantChange event) {
		SyncResult result = SyncResults.parse(record);
		return result.status() == SyncResultStatus.SYNCED && event.eventId().equals(result.sourceEventId());
	}

	private Map<String, Object> row(String id) {
		return this.jdbc.queryForMap("SELECT * FROM assistants WHERE id = ?", id);
	}

	private static String text(ConsumerRecord<?, ?> record, String header) {
		return CloudEventHeaders.lastText(record.headers(), header);
	}

}
