package io.assistantsync.api.assistant;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.assistantsync.api.SyncResults;
import io.assistantsync.api.assistant.AssistantResource.LastError;
import io.assistantsync.api.assistant.AssistantResource.Sync;
import io.assistantsync.common.boot.KafkaHealthIndicator;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.Visibility;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.json.Timestamps;
import io.assistantsync.testing.TestDatabase;
import io.assistantsync.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The sync-state SQL of {@link AssistantStore} and {@link SyncOutcomes} on PostgreSQL with the service's migrations, in a database
 * of its own: a result applies idempotently, never backwards and only for the assistant's current
 * pending-create event; the counts name every status. Each test's rows are rolled back.
 */
@JdbcTest(properties = "spring.datasource.hikari.maximum-pool-size=2")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ AssistantStore.class, SyncOutcomes.class })
class AssistantStoreIntegrationTests {

	private static final String OWNER = "owner-1";


	private static final LastError TIMED_OUT_2 = new LastError("TransientStoreException", "attempt 2 timed out");

	private final IdGenerator ids = new IdGenerator();

	@Autowired
	AssistantStore store;

	@Autowired
	SyncOutcomes outcomes;

	/** The application's Kafka health indicator would open an admin client; nothing here talks to Kafka. */
	@MockitoBean
	KafkaHealthIndicator kafkaHealth;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase database = TestPostgres.createDatabase("api_store");
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@Test
	void shouldRecordANewerRetryAndStayPending() {
		Inserted assistant = insert();
		SyncResult second = SyncResults.retrying(assistant.id(), assistant.eventId(), 2);

		assertThat(this.outcomes.recordOutcome(second, Instant.now())).isTrue();

		assertThat(sync(assistant)).isEqualTo(new Sync(SyncStatus.PENDING, 2, TIMED_OUT_2, second.occurredAt(), null));
	}

	@Test
	void shouldIgnoreAnOlderOrRepeatedRetry() {
		Inserted assistant = insert();
		SyncResult second = SyncResults.retrying(assistant.id(), assistant.eventId(), 2);
		this.outcomes.recordOutcome(second, Instant.now());

		assertThat(this.outcomes.recordOutcome(SyncResults.retrying(assistant.id(), assistant.eventId(), 1),
				Instant.now()))
			.isFalse();
		assertThat(this.outcomes.recordOutcome(SyncResults.retrying(assistant.id(), assistant.eventId(), 2),
				Instant.now()))
			.isFalse();

		assertThat(sync(assistant)).isEqualTo(new Sync(SyncStatus.PENDING, 2, TIMED_OUT_2, second.occurredAt(), null));
	}

	@Test
	void shouldBecomeSyncedKeepingTheLastErrorAndIgnoreLaterResults() {
		Inserted assistant = insert();
		this.outcomes.recordOutcome(SyncResults.retrying(assistant.id(), assistant.eventId(), 2), Instant.now());
		SyncResult synced = SyncResults.synced(assistant.id(), assistant.eventId(), 3);

		assertThat(this.outcomes.recordOutcome(synced, Instant.now())).isTrue();
		assertThat(this.outcomes.recordOutcome(synced, Instant.now())).isFalse();
		assertThat(this.outcomes.recordOutcome(SyncResults.retrying(assistant.id(), assistant.eventId(), 4),
				Instant.now()))
			.isFalse();
		assertThat(this.outcomes.recordOutcome(SyncResults.deadLettered(assistant.id(), assistant.eventId(), 5),
				Instant.now()))
			.isFalse();

		assertThat(sync(assistant)).isEqualTo(
				new Sync(SyncStatus.SYNCED, 3, TIMED_OUT_2, synced.occurredAt(), synced.occurredAt()));
	}

	@Test
	void shouldFailOnADeadLetterAndIgnoreALateRetry() {
		Inserted assistant = insert();
		SyncResult deadLettered = SyncResults.deadLettered(assistant.id(), assistant.eventId(), 5);

		assertThat(this.outcomes.recordOutcome(deadLettered, Instant.now())).isTrue();
		assertThat(this.outcomes.recordOutcome(SyncResults.retrying(assistant.id(), assistant.eventId(), 4),
				Instant.now()))
			.isFalse();

		assertThat(sync(assistant)).isEqualTo(new Sync(SyncStatus.FAILED, 5,
				new LastError("PermanentSyncException", "rejected by the store"), deadLettered.occurredAt(), null));
	}

	@Test
	void shouldApplyASyncedAfterFailedFromAReplayedDeadLetter() {
		Inserted assistant = insert();
		this.outcomes.recordOutcome(SyncResults.deadLettered(assistant.id(), assistant.eventId(), 5), Instant.now());
		SyncResult replayed = SyncResults.synced(assistant.id(), assistant.eventId(), 1);

		assertThat(this.outcomes.recordOutcome(replayed, Instant.now())).isTrue();

		Sync sync = sync(assistant);
		assertThat(sync.status()).isEqualTo(SyncStatus.SYNCED);
		assertThat(sync.attempts()).isEqualTo(5);
		assertThat(sync.syncedAt()).isEqualTo(replayed.occurredAt());
	}

	@Test
	void shouldIgnoreResultsOfAnEarlierPendingCreateEventAndOfUnknownAssistants() {
		Inserted assistant = insert();
		this.outcomes.recordOutcome(SyncResults.deadLettered(assistant.id(), assistant.eventId(), 5), Instant.now());
		this.store.restartSync(assistant.id(), this.ids.newId(), Instant.now());

		assertThat(this.outcomes.recordOutcome(SyncResults.synced(assistant.id(), assistant.eventId(), 1),
				Instant.now()))
			.isFalse();
		assertThat(this.outcomes.recordOutcome(SyncResults.synced(this.ids.newId(), assistant.eventId(), 1),
				Instant.now()))
			.isFalse();

		assertThat(sync(assistant)).isEqualTo(Sync.pending());
	}

	@Test
	void shouldTakeTheTimeOfReceiptWhenAResultNamesNone() {
		Inserted assistant = insert();
		SyncResult synced = SyncResults.synced(assistant.id(), assistant.eventId(), 1);
		Instant receivedAt = Timestamps.toMillis(Instant.now().plusSeconds(60));

		this.outcomes.recordOutcome(new SyncResult(synced.eventId(), synced.sourceEventId(), synced.assistantId(),
				synced.version(), synced.status(), synced.attempt(), synced.maxAttempts(), null, null, null),
				receivedAt);

		assertThat(sync(assistant).lastAttemptAt()).isEqualTo(receivedAt);
		assertThat(sync(assistant).syncedAt()).isEqualTo(receivedAt);
	}

	@Test
	void shouldCountEveryStatusInOrderIncludingThoseNoAssistantHas() {
		assertThat(this.store.countBySyncStatus()).containsExactly(entry(SyncStatus.PENDING, 0L),
				entry(SyncStatus.SYNCED, 0L), entry(SyncStatus.FAILED, 0L));
		insert();
		insert();
		Inserted synced = insert();
		this.outcomes.recordOutcome(SyncResults.synced(synced.id(), synced.eventId(), 1), Instant.now());

		assertThat(this.store.countBySyncStatus()).containsExactly(entry(SyncStatus.PENDING, 2L),
				entry(SyncStatus.SYNCED, 1L), entry(SyncStatus.FAILED, 0L));
	}

	private Inserted insert() {
		Instant now = Timestamps.toMillis(Instant.now());
		AssistantResource assistant = new AssistantResource(this.ids.newId(), OWNER, "Flight log analyst", "🛩️", null, null,
				List.of(), null, Visibility.PRIVATE, 1, now, now, Sync.pending());
		String eventId = this.ids.newId();
		this.store.insert(assistant, eventId);
		return new Inserted(assistant.id(), eventId);
	}

	private Sync sync(Inserted assistant) {
		return this.store.find(OWNER, assistant.id()).orElseThrow().resource().sync();
	}

	record Inserted(String id, String eventId) {
	}

}
