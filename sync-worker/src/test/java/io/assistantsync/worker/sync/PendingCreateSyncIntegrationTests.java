package io.assistantsync.worker.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.fixtures.StoreFaults;
import io.assistantsync.testing.TestKafka;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.worker.SyncWorkerIntegrationTest;
import io.assistantsync.common.boot.TopicsProperties;

import static org.assertj.core.api.Assertions.assertThat;

@SyncWorkerIntegrationTest
class PendingCreateSyncIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	TopicsProperties topics;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	@Qualifier(PendingCreateBatchListener.ID)
	MessageListenerContainer main;

	private TopicReader results;

	private TopicReader deadLetters;

	private StoreFaults faults;

	@BeforeEach
	void readTopics() {
		this.results = new TopicReader(this.topics.syncResults());
		this.deadLetters = new TopicReader(dlt());
		this.faults = new StoreFaults(Objects.requireNonNull(this.jdbc.getDataSource())::getConnection);
	}

	@AfterEach
	void closeReaders() {
		this.results.close();
		this.deadLetters.close();
	}

	@Test
	void shouldSyncAnAssistantAndPublishSynced() {
		AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());

		TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), event));

		List<SyncResult> outcomes = SyncResults.await(this.results, event.assistantId(),
				SyncResultStatus.SYNCED, TIMEOUT);
		assertThat(outcomes).singleElement().satisfies(synced -> {
			assertThat(synced.sourceEventId()).isEqualTo(event.eventId());
			assertThat(synced.attempt()).isEqualTo(1);
			assertThat(synced.maxAttempts()).isEqualTo(5);
			assertThat(synced.error()).isNull();
		});
		ConsumerRecord<String, byte[]> record = this.results.seen(r -> event.assistantId().equals(r.key())).get(0);
		assertThat(text(record, EventHeaders.CE_TYPE)).isEqualTo(EventTypes.SYNC_RESULT_V1);
		assertThat(text(record, EventHeaders.CE_ID)).isEqualTo(outcomes.get(0).eventId());
		assertThat(text(record, EventHeaders.CE_SUBJECT)).isEqualTo(event.assistantId());
		assertThat(text(record, EventHeaders.CE_SPECVERSION)).isEqualTo("1.0");
		assertThat(text(record, EventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
		assertThat(record.headers()).extracting(Header::key).doesNotContain("__TypeId__");
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM assistants WHERE id = ?", event.assistantId());
		assertThat(row).containsEntry("name", event.assistant().name())
			.containsEntry("owner_id", SampleAssistants.OWNER)
			.containsEntry("version", 1L)
			.containsEntry("source_event_id", event.eventId());
		assertThat(this.meters.get("sync.attempts").tags("outcome", "synced").counter().count()).isPositive();
		assertThat(this.meters.get("sync.store.write").timer().count()).isPositive();
		assertThat(this.meters.get("sync.end.to.end").timer().count()).isPositive();
	}

	@Test
	void shouldKeepOneRowAndOneResultIdWhenAnEventIsDeliveredTwice() {
		AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
		ProducerRecord<String, byte[]> record = SampleAssistants.record(this.topics.pendingCreate(), event);

		TopicReader.send(record, record);

		List<ConsumerRecord<String, byte[]>> synced = this.results.await(r -> event.assistantId().equals(r.key()), 2,
				TIMEOUT);
		assertThat(synced).extracting(SyncResults::parse)
			.extracting(SyncResult::eventId)
			.containsOnly(synced.stream().map(SyncResults::parse).findFirst().orElseThrow().eventId());
		assertThat(rowCount(event.assistantId())).isEqualTo(1);
	}

	@Test
	void shouldNotOverwriteANewerVersionWithAnOlderOne() {
		String id = SampleAssistants.newId();
		AssistantCreationRequested newer = SampleAssistants.pendingCreate(SampleAssistants.assistant(id, 2, "Newer"));
		AssistantCreationRequested older = SampleAssistants.pendingCreate(SampleAssistants.assistant(id, 1, "Older"));

		TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), newer),
				SampleAssistants.record(this.topics.pendingCreate(), older));

		this.results.await(r -> id.equals(r.key()), 2, TIMEOUT);
		assertThat(this.jdbc.queryForMap("SELECT name, version FROM assistants WHERE id = ?", id))
			.containsEntry("name", "Newer")
			.containsEntry("version", 2L);
	}

	@Test
	void shouldRetryTransientFailuresAndSyncOnTheThirdAttempt() {
		AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
		this.faults.fail(event.assistantId(), "40001", 2);

		TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), event));

		List<SyncResult> outcomes = SyncResults.await(this.results, event.assistantId(),
				SyncResultStatus.SYNCED, TIMEOUT);
		assertThat(outcomes).extracting(SyncResult::status, SyncResult::attempt)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(SyncResultStatus.RETRYING, 1),
					org.assertj.core.groups.Tuple.tuple(SyncResultStatus.RETRYING, 2),
					org.assertj.core.groups.Tuple.tuple(SyncResultStatus.SYNCED, 3));
		assertThat(outcomes.get(0).error().type()).isEqualTo("TransientSyncException");
		assertThat(outcomes.get(0).error().message()).contains("40001");
		assertThat(outcomes.get(0).error().retryable()).isTrue();
		RetryTiming.assertSpacing(outcomes, Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(rowCount(event.assistantId())).isEqualTo(1);
	}

	@Test
	void shouldRetryABurstOfFailuresSoonAfterEachIsDue() {
		List<AssistantCreationRequested> events = new java.util.ArrayList<>();
		List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>();
		for (int i = 0; i < 30; i++) {
			AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
			this.faults.fail(event.assistantId(), "40001", 3);
			events.add(event);
			records.add(SampleAssistants.record(this.topics.pendingCreate(), event));
		}

		TopicReader.send(records.toArray(ProducerRecord[]::new));

		for (AssistantCreationRequested event : events) {
			List<SyncResult> outcomes = SyncResults.await(this.results, event.assistantId(),
					SyncResultStatus.SYNCED, TIMEOUT);
			for (int i = 0; i + 1 < outcomes.size(); i++) {
				assertThat(outcomes.get(i + 1).occurredAt()).as("attempt %d of %s is not early",
						outcomes.get(i + 1).attempt(), event.assistantId())
					.isAfterOrEqualTo(outcomes.get(i).nextAttemptAt());
				assertThat(Duration.between(outcomes.get(i).nextAttemptAt(), outcomes.get(i + 1).occurredAt()))
					.as("attempt %d of %s fires soon after it is due", outcomes.get(i + 1).attempt(),
							event.assistantId())
					.isLessThan(RetryTiming.TOLERANCE);
			}
		}
	}

	@Test
	void shouldDeadLetterAfterFiveAttemptsWithAllHeaders() {
		AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
		ProducerRecord<String, byte[]> sent = SampleAssistants.record(this.topics.pendingCreate(), event);
		this.faults.failAlways(event.assistantId(), "40P01");

		TopicReader.send(sent);

		List<SyncResult> outcomes = SyncResults.await(this.results, event.assistantId(),
				SyncResultStatus.DEAD_LETTERED, Duration.ofSeconds(90));
		assertThat(outcomes).extracting(SyncResult::status)
			.containsExactly(SyncResultStatus.RETRYING, SyncResultStatus.RETRYING, SyncResultStatus.RETRYING,
					SyncResultStatus.RETRYING, SyncResultStatus.DEAD_LETTERED);
		assertThat(outcomes).extracting(SyncResult::attempt).containsExactly(1, 2, 3, 4, 5);
		assertThat(outcomes.get(4).error().retryable()).isTrue();
		assertThat(outcomes.get(4).nextAttemptAt()).isNull();
		RetryTiming.assertSpacing(outcomes, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
				Duration.ofSeconds(8));

		ConsumerRecord<String, byte[]> dead = this.deadLetters
			.await(r -> event.assistantId().equals(r.key()), 1, TIMEOUT)
			.get(0);
		assertThat(dead.value()).isEqualTo(sent.value());
		assertThat(dead.partition()).isEqualTo(partitionOf(event.assistantId()));
		assertThat(text(dead, EventHeaders.SYNC_ATTEMPTS)).isEqualTo("5");
		assertThat(text(dead, EventHeaders.SYNC_ERROR)).startsWith("TransientSyncException: ").contains("40P01");
		assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(TransientSyncException.class.getName());
		assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo("org.postgresql.util.PSQLException");
		assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("40P01");
		assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNotBlank();
		assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE).value().length)
			.isLessThanOrEqualTo(ForwardingHeaders.MAX_STACK_TRACE_BYTES);
		assertThat(text(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(this.topics.pendingCreate());
		assertThat(text(dead, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isNotBlank();
		assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)).isNotNull();
		assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)).isNotNull();
		assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)).isNotNull();
		assertThat(text(dead, EventHeaders.CE_ID)).isEqualTo(event.eventId());
		assertThat(rowCount(event.assistantId())).isZero();
	}

	@Test
	void shouldDeadLetterPermanentFailuresAtOnce() {
		AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
		this.faults.failAlways(event.assistantId(), "23514");

		TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), event));

		List<SyncResult> outcomes = SyncResults.await(this.results, event.assistantId(),
				SyncResultStatus.DEAD_LETTERED, TIMEOUT);
		assertThat(outcomes).singleElement().satisfies(dead -> {
			assertThat(dead.attempt()).isEqualTo(1);
			assertThat(dead.error().type()).isEqualTo("PermanentSyncException");
			assertThat(dead.error().retryable()).isFalse();
		});
		ConsumerRecord<String, byte[]> dead = this.deadLetters
			.await(r -> event.assistantId().equals(r.key()), 1, TIMEOUT)
			.get(0);
		assertThat(text(dead, EventHeaders.SYNC_ATTEMPTS)).isEqualTo("1");
		assertThat(this.meters.get("sync.dead.letters").tags("exception", "PermanentSyncException").counter().count())
			.isPositive();
	}

	@Test
	void shouldDeadLetterAnInvalidEventAtOnce() {
		AssistantSnapshot valid = SampleAssistants.assistant();
		AssistantSnapshot nameless = new AssistantSnapshot(valid.id(), valid.ownerId(), " ", valid.emoji(), null, null, List.of(),
				null, valid.visibility(), 1, valid.createdAt(), valid.updatedAt());
		AssistantCreationRequested event = SampleAssistants.pendingCreate(nameless);

		TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), event));

		List<SyncResult> outcomes = SyncResults.await(this.results, event.assistantId(),
				SyncResultStatus.DEAD_LETTERED, TIMEOUT);
		assertThat(outcomes).singleElement().satisfies(dead -> {
			assertThat(dead.attempt()).isEqualTo(1);
			assertThat(dead.error().type()).isEqualTo("InvalidEventException");
			assertThat(dead.error().message()).contains("name");
		});
	}

	@Test
	void shouldDeadLetterAPoisonPillWithItsBytesAndKeepThePartitionFlowing() {
		String id = SampleAssistants.newId();
		String poisonEventId = SampleAssistants.newId();
		AssistantCreationRequested next = SampleAssistants.pendingCreate(SampleAssistants.assistant(id, 1, "After"));

		TopicReader.send(
				SampleAssistants.record(this.topics.pendingCreate(), id, SampleAssistants.poisonPill(), poisonEventId),
				SampleAssistants.record(this.topics.pendingCreate(), next));

		ConsumerRecord<String, byte[]> dead = this.deadLetters.await(r -> id.equals(r.key()), 1, TIMEOUT).get(0);
		assertThat(dead.value()).isEqualTo(SampleAssistants.poisonPill());
		assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).contains("DeserializationException");
		List<SyncResult> outcomes = SyncResults.await(this.results, id, SyncResultStatus.SYNCED, TIMEOUT);
		assertThat(outcomes).extracting(SyncResult::status, SyncResult::sourceEventId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(SyncResultStatus.DEAD_LETTERED, poisonEventId),
					org.assertj.core.groups.Tuple.tuple(SyncResultStatus.SYNCED, next.eventId()));
	}

	@Test
	void shouldIsolateARejectedRecordFromTheRestOfItsBatch() {
		List<AssistantCreationRequested> good = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			good.add(SampleAssistants.pendingCreate(SampleAssistants.assistant()));
		}
		AssistantCreationRequested rejected = SampleAssistants.pendingCreate(SampleAssistants.assistant());
		this.faults.failAlways(rejected.assistantId(), "22001");
		String twiceId = SampleAssistants.newId();
		AssistantCreationRequested first = SampleAssistants.pendingCreate(SampleAssistants.assistant(twiceId, 1, "v1"));
		AssistantCreationRequested second = SampleAssistants.pendingCreate(SampleAssistants.assistant(twiceId, 2, "v2"));
		List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>();
		good.subList(0, 4).forEach(event -> records.add(SampleAssistants.record(this.topics.pendingCreate(), event)));
		records.add(SampleAssistants.record(this.topics.pendingCreate(), first));
		records.add(SampleAssistants.record(this.topics.pendingCreate(), rejected));
		records.add(SampleAssistants.record(this.topics.pendingCreate(), second));
		good.subList(4, 8).forEach(event -> records.add(SampleAssistants.record(this.topics.pendingCreate(), event)));

		// stopped while the records are sent, so that they arrive in one poll and are written as one batch
		this.main.stop();
		try {
			TopicReader.send(records.toArray(ProducerRecord[]::new));
		}
		finally {
			this.main.start();
		}

		assertThat(SyncResults.await(this.results, rejected.assistantId(), SyncResultStatus.DEAD_LETTERED, TIMEOUT))
			.extracting(SyncResult::attempt)
			.containsExactly(1);
		for (AssistantCreationRequested event : good) {
			assertThat(SyncResults.await(this.results, event.assistantId(), SyncResultStatus.SYNCED, TIMEOUT))
				.extracting(SyncResult::status, SyncResult::attempt)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(SyncResultStatus.SYNCED, 1));
			assertThat(rowCount(event.assistantId())).isEqualTo(1);
		}
		assertThat(this.results.await(r -> twiceId.equals(r.key()), 2, TIMEOUT)).extracting(SyncResults::parse)
			.extracting(SyncResult::status)
			.containsOnly(SyncResultStatus.SYNCED);
		assertThat(this.jdbc.queryForMap("SELECT name, version FROM assistants WHERE id = ?", twiceId))
			.containsEntry("name", "v2")
			.containsEntry("version", 2L);
		assertThat(rowCount(rejected.assistantId())).isZero();
	}

	@Test
	void shouldCreateRetryAndDeadLetterTopicsWithTheMainTopicsPartitions() throws Exception {
		String main = this.topics.pendingCreate();
		Set<String> names = Set.of(main, main + "-retry-1000", main + "-retry-2000", main + "-retry-4000",
				main + "-retry-8000", main + "-dlt");
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
			assertThat(described).hasSize(6);
			assertThat(described.values()).allSatisfy(
					topic -> assertThat(topic.partitions()).hasSize(this.topics.partitions()));
		}
	}

	private String dlt() {
		return this.topics.pendingCreate() + "-dlt";
	}

	private int partitionOf(String assistantId) {
		return this.results.seen(r -> assistantId.equals(r.key())).isEmpty() ? -1
				: org.apache.kafka.common.utils.Utils.toPositive(
						org.apache.kafka.common.utils.Utils.murmur2(assistantId.getBytes(StandardCharsets.UTF_8)))
						% this.topics.partitions();
	}

	private int rowCount(String assistantId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM assistants WHERE id = ?", Integer.class, assistantId);
	}

	private static String text(ConsumerRecord<?, ?> record, String header) {
		return CloudEventHeaders.lastText(record.headers(), header);
	}

}
