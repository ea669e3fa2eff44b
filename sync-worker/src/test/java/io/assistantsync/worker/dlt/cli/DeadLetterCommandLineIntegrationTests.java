package io.assistantsync.worker.dlt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.TestPropertySource;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantDeletionRequested;
import io.assistantsync.common.event.AssistantUpdateRequested;
import io.assistantsync.common.event.DeadLetterReplayAudited;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.testing.TestKafka;
import io.assistantsync.worker.SyncWorkerIntegrationTest;
import io.assistantsync.worker.dlt.DeadLetterBrowser;
import io.assistantsync.worker.dlt.DeadLetterFixtures;
import io.assistantsync.worker.dlt.DeadLetterReplayer;
import io.assistantsync.worker.dlt.SyncOpsProperties;
import io.assistantsync.worker.sync.InvalidEventException;
import io.assistantsync.worker.sync.PermanentSyncException;
import io.assistantsync.worker.sync.SyncResults;
import io.assistantsync.common.boot.TopicsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code dlt} command line against dead letters a running worker made for real, run in this JVM with
 * the worker's own core beans (and once through its own small Spring context).
 */
@SyncWorkerIntegrationTest
@TestPropertySource(properties = { "sync.ops.token=" + DeadLetterFixtures.OPS_TOKEN,
		"sync.ops.kafka-timeout=5s" })
class DeadLetterCommandLineIntegrationTests {

	@Autowired
	TopicsProperties topics;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DeadLetterBrowser browser;

	@Autowired
	DeadLetterReplayer replayer;

	@Autowired
	SyncOpsProperties ops;

	private DeadLetterFixtures fixtures;

	@BeforeEach
	void readTopics() {
		this.fixtures = new DeadLetterFixtures(this.topics, this.jdbc);
	}

	@AfterEach
	void closeReaders() {
		this.fixtures.close();
	}

	@Test
	void shouldListDeadLettersAsATableAndAsJsonWithDecodedHeaders() {
		AssistantCreationRequested rejected = this.fixtures.rejected();
		AssistantCreationRequested invalid = this.fixtures.invalid();
		ConsumerRecord<String, byte[]> dead = this.fixtures.awaitDeadLetters(rejected.assistantId(), 1).get(0);
		this.fixtures.awaitDeadLetters(invalid.assistantId(), 1);

		Run table = dlt("list", "--assistant-id", rejected.assistantId(), "--assistant-id", invalid.assistantId());

		assertThat(table.exit()).isZero();
		assertThat(table.lines()).hasSize(4);
		assertThat(table.lines().get(0)).startsWith("PARTITION  OFFSET    ASSISTANT ID")
			.contains("TYPE", "DEAD-LETTERED AT", "ATTEMPTS", "EXCEPTION", "MESSAGE");
		assertThat(table.out()).containsPattern(dead.partition() + " +" + dead.offset() + " +"
				+ rejected.assistantId() + " +" + EventTypes.PENDING_CREATE_V1 + " +\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z +1 +PermanentSyncException +.*23514")
			.containsPattern(invalid.assistantId() + " .* 1 +InvalidEventException +.*name");
		assertThat(table.lines().get(3)).startsWith("2 dead letters listed, ")
			.contains(" in " + this.fixtures.deadLetterTopic());

		Run json = dlt("list", "--assistant-id", rejected.assistantId(), "--json");

		assertThat(json.exit()).isZero();
		assertThat(json.lines()).hasSize(2);
		Map<String, Object> line = parse(json.lines().get(0));
		assertThat(line).containsEntry("topic", this.fixtures.deadLetterTopic())
			.containsEntry("partition", dead.partition())
			.containsEntry("offset", (int) dead.offset())
			.containsEntry("assistantId", rejected.assistantId())
			.containsEntry("type", EventTypes.PENDING_CREATE_V1)
			.containsEntry("attempts", 1)
			.containsEntry("exceptionType", PermanentSyncException.class.getName())
			.containsEntry("replayCount", 0)
			.containsEntry("replayOf", null);
		assertThat((String) line.get("exceptionMessage")).contains("23514").doesNotContain("\n");
		assertThat(headers(line)).containsEntry(EventHeaders.CE_ID, rejected.eventId())
			.containsEntry(EventHeaders.CE_SUBJECT, rejected.assistantId())
			.containsEntry(EventHeaders.SYNC_ATTEMPTS, "1")
			.containsEntry(KafkaHeaders.DLT_ORIGINAL_TOPIC, this.topics.pendingCreate())
			.containsEntry(KafkaHeaders.DLT_ORIGINAL_PARTITION, Integer.toString(dead.partition()))
			.containsEntry(KafkaHeaders.DLT_EXCEPTION_FQCN, PermanentSyncException.class.getName())
			.containsKeys(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN,
					EventHeaders.SYNC_ERROR);
		assertThat(headers(line).get(KafkaHeaders.DLT_ORIGINAL_OFFSET)).matches("\\d+");
		assertThat(headers(line).get(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)).matches("\\d{13}");
		assertThat(parse(json.lines().get(1))).containsKey("summary");

		Run byType = dlt("list", "--assistant-id", rejected.assistantId(), "--assistant-id", invalid.assistantId(),
				"--exception-type", InvalidEventException.class.getSimpleName(), "--json");
		assertThat(byType.lines()).hasSize(2);
		assertThat(parse(byType.lines().get(0))).containsEntry("assistantId", invalid.assistantId());

		Run limited = dlt("list", "--assistant-id", rejected.assistantId(), "--assistant-id", invalid.assistantId(),
				"--limit", "1");
		assertThat(limited.lines()).hasSize(3);
		assertThat(limited.lines().get(2)).startsWith("1 dead letter listed, ").endsWith("more may match");
	}

	@Test
	void shouldListTheTypeOfUpdateAndDeleteDeadLettersAndReplayThemWithIt() {
		String id = SampleAssistants.newId();
		AssistantUpdateRequested update = SampleAssistants.pendingUpdate(SampleAssistants.assistant(id, 2, "Second"));
		AssistantDeletionRequested delete = SampleAssistants.pendingDelete(id, 3);
		this.fixtures.rejectedChanges(update, delete);
		List<ConsumerRecord<String, byte[]>> dead = this.fixtures.awaitDeadLetters(id, 2);

		Run table = dlt("list", "--assistant-id", id);

		assertThat(table.exit()).isZero();
		assertThat(table.lines()).hasSize(4);
		assertThat(table.lines().get(1)).containsPattern(id + " +" + EventTypes.PENDING_UPDATE_V1 + " +\\d{4}-");
		assertThat(table.lines().get(2)).containsPattern(id + " +" + EventTypes.PENDING_DELETE_V1 + " +\\d{4}-");

		Run json = dlt("list", "--assistant-id", id, "--json");

		assertThat(json.lines().subList(0, 2)).extracting(line -> parse(line).get("type"))
			.containsExactly(EventTypes.PENDING_UPDATE_V1, EventTypes.PENDING_DELETE_V1);

		this.fixtures.fix(id);
		Run replay = dlt("replay", "--assistant-id", id);

		assertThat(replay.exit()).isZero();
		assertThat(this.fixtures.awaitReplays(id, 2)).extracting(record -> text(record, EventHeaders.CE_TYPE))
			.containsExactly(EventTypes.PENDING_UPDATE_V1, EventTypes.PENDING_DELETE_V1);
		assertThat(this.fixtures.awaitReplays(id, 2)).extracting(ConsumerRecord::value)
			.containsExactly(dead.get(0).value(), dead.get(1).value());
		this.fixtures.results.await(r -> id.equals(r.key()) && SyncResults.parse(r).status() == SyncResultStatus.SYNCED
				&& delete.eventId().equals(SyncResults.parse(r).sourceEventId()), 1, DeadLetterFixtures.TIMEOUT);
		assertThat(this.jdbc.queryForMap("SELECT version, name, deleted_at FROM assistants WHERE id = ?", id))
			.containsEntry("version", 3L)
			.containsEntry("name", null)
			.hasEntrySatisfying("deleted_at", deletedAt -> assertThat(deletedAt).isNotNull());
	}

	@Test
	void shouldReplayOnlyTheNamedAssistantOnceThenAgainFromTheBeginningKeepingOneRow() {
		AssistantCreationRequested fixed = this.fixtures.rejected();
		AssistantCreationRequested broken = this.fixtures.rejected();
		ConsumerRecord<String, byte[]> dead = this.fixtures.awaitDeadLetters(fixed.assistantId(), 1).get(0);
		this.fixtures.awaitDeadLetters(broken.assistantId(), 1);
		this.fixtures.fix(fixed.assistantId());
		String coordinates = this.fixtures.deadLetterTopic() + "/" + dead.partition() + "/" + dead.offset();

		Run first = dlt("replay", "--assistant-id", fixed.assistantId());

		assertThat(first.exit()).isZero();
		assertThat(first.out()).contains("REPLAYED      " + coordinates + "  " + fixed.assistantId() + "  x-replay-count 1")
			.doesNotContain(broken.assistantId())
			.containsPattern("replayed 1, skipped 0, filtered out \\d+ of \\d+ scanned in ");
		ConsumerRecord<String, byte[]> replay = this.fixtures.awaitReplays(fixed.assistantId(), 1).get(0);
		assertThat(replay.value()).isEqualTo(dead.value());
		assertThat(text(replay, EventHeaders.REPLAY_OF)).isEqualTo(coordinates);
		assertThat(text(replay, EventHeaders.REPLAY_COUNT)).isEqualTo("1");
		assertThat(text(replay, EventHeaders.CE_ID)).isEqualTo(fixed.eventId());
		assertThat(text(replay, EventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
		assertThat(replay.headers()).extracting(Header::key)
			.noneMatch(key -> key.startsWith("kafka_") || key.startsWith("retry_topic") || key.startsWith("x-sync-"));
		SyncResults.await(this.fixtures.results, fixed.assistantId(), SyncResultStatus.SYNCED,
				DeadLetterFixtures.TIMEOUT);
		assertThat(SyncResults.of(this.fixtures.results, fixed.assistantId()))
			.extracting(outcome -> outcome.status() + "@" + outcome.attempt())
			.containsExactly("DEAD_LETTERED@1", "SYNCED@1");
		assertThat(this.fixtures.rowCount(fixed.assistantId())).isOne();

		Run second = dlt("replay", "--assistant-id", fixed.assistantId());

		assertThat(second.exit()).isZero();
		assertThat(second.out()).doesNotContain("REPLAYED").containsPattern("replayed 0, skipped [01]");
		if (second.out().contains("SKIPPED")) {
			assertThat(second.out()).contains("already-replayed");
		}

		Run again = dlt("replay", "--assistant-id", fixed.assistantId(), "--from-beginning");

		assertThat(again.exit()).isZero();
		assertThat(again.out()).contains("REPLAYED      " + coordinates).contains("replayed 1, skipped 0");
		assertThat(this.fixtures.awaitReplays(fixed.assistantId(), 2)).hasSize(2)
			.allSatisfy(record -> assertThat(record.value()).isEqualTo(dead.value()));
		this.fixtures.results.await(r -> fixed.assistantId().equals(r.key())
				&& SyncResults.parse(r).status() == SyncResultStatus.SYNCED, 2, DeadLetterFixtures.TIMEOUT);
		assertThat(this.fixtures.rowCount(fixed.assistantId())).isOne();
		assertThat(this.fixtures.replays(broken.assistantId())).isEmpty();

		DeadLetterReplayAudited firstAudit = this.fixtures.awaitAudit(first.auditEventId());
		assertThat(firstAudit.actor().kind()).isEqualTo("cli");
		assertThat(firstAudit.actor().name()).isEqualTo(System.getProperty("user.name"));
		assertThat(firstAudit.actor().tokenFingerprint()).isNull();
		assertThat(firstAudit.by()).isEqualTo("cli:" + System.getProperty("user.name"));
		assertThat(firstAudit.filters().assistantIds()).containsExactly(fixed.assistantId());
		assertThat(firstAudit.dryRun()).isFalse();
		assertThat(firstAudit.fromBeginning()).isFalse();
		assertThat(firstAudit.replayed()).isOne();
		assertThat(this.fixtures.awaitAudit(second.auditEventId()).replayed()).isZero();
		DeadLetterReplayAudited againAudit = this.fixtures.awaitAudit(again.auditEventId());
		assertThat(againAudit.fromBeginning()).isTrue();
		assertThat(againAudit.replayed()).isOne();
	}

	@Test
	void shouldChangeNothingOnADryRun() throws Exception {
		AssistantCreationRequested event = this.fixtures.rejected();
		this.fixtures.awaitDeadLetters(event.assistantId(), 1);
		var committedBefore = this.fixtures.committed(this.ops.replayGroup());

		Run dry = dlt("replay", "--assistant-id", event.assistantId(), "--dry-run");

		assertThat(dry.exit()).isZero();
		assertThat(dry.out()).contains("WOULD REPLAY  " + this.fixtures.deadLetterTopic())
			.contains(event.assistantId() + "  x-replay-count 1")
			.contains("dry run: would replay 1, skipped 0")
			.contains("dry run: nothing was published, nothing was committed");
		assertThat(this.fixtures.committed(this.ops.replayGroup())).isEqualTo(committedBefore);
		DeadLetterReplayAudited audit = this.fixtures.awaitAudit(dry.auditEventId());
		assertThat(audit.dryRun()).isTrue();
		assertThat(audit.replayed()).isOne();

		// the real run's replay lands behind where a dry-run replay would be (same key, same partition)
		Run real = dlt("replay", "--assistant-id", event.assistantId());

		assertThat(real.out()).contains("replayed 1, skipped 0");
		assertThat(this.fixtures.awaitReplays(event.assistantId(), 1)).hasSize(1);
		assertThat(this.fixtures.committed(this.ops.replayGroup())).isNotEqualTo(committedBefore);
	}

	@Test
	void shouldSkipRecordsAtTheLoopGuardUnlessForced() {
		AssistantCreationRequested event = this.fixtures.rejected("3");
		ConsumerRecord<String, byte[]> dead = this.fixtures.awaitDeadLetters(event.assistantId(), 1).get(0);
		assertThat(text(dead, EventHeaders.REPLAY_COUNT)).isEqualTo("3");

		Run guarded = dlt("replay", "--assistant-id", event.assistantId());

		assertThat(guarded.exit()).isZero();
		assertThat(guarded.out()).contains("SKIPPED       " + this.fixtures.deadLetterTopic())
			.contains(event.assistantId()
					+ "  loop-guard: replayed 3 times already, the limit is 3; --force overrides")
			.contains("replayed 0, skipped 1 (loop-guard 1)");
		DeadLetterReplayAudited guardedAudit = this.fixtures.awaitAudit(guarded.auditEventId());
		assertThat(guardedAudit.skipped()).isOne();
		assertThat(guardedAudit.skippedByReason()).containsExactly(Map.entry("loop-guard", 1));

		Run forced = dlt("replay", "--assistant-id", event.assistantId(), "--force");

		assertThat(forced.out()).contains(event.assistantId() + "  x-replay-count 4").contains("replayed 1, skipped 0");
		assertThat(text(this.fixtures.awaitReplays(event.assistantId(), 1).get(0), EventHeaders.REPLAY_COUNT))
			.isEqualTo("4");
		assertThat(this.fixtures.awaitAudit(forced.auditEventId()).force()).isTrue();
	}

	@Test
	void shouldCountReplaysAcrossRoundsAndTakeOnlyTheNewDeadLetter() {
		AssistantCreationRequested event = this.fixtures.rejected();
		this.fixtures.awaitDeadLetters(event.assistantId(), 1);

		assertThat(dlt("replay", "--assistant-id", event.assistantId()).out()).contains("x-replay-count 1");

		List<ConsumerRecord<String, byte[]>> rounds = this.fixtures.awaitDeadLetters(event.assistantId(), 2);
		assertThat(text(rounds.get(1), EventHeaders.REPLAY_COUNT)).isEqualTo("1");
		assertThat(text(rounds.get(1), EventHeaders.REPLAY_OF)).isEqualTo(this.fixtures.deadLetterTopic() + "/"
				+ rounds.get(0).partition() + "/" + rounds.get(0).offset());
		assertThat(text(rounds.get(1), EventHeaders.SYNC_ATTEMPTS)).as("attempts start again").isEqualTo("1");
		List<String> deadLetteredIds = this.fixtures.results
			.await(r -> event.assistantId().equals(r.key())
					&& SyncResults.parse(r).status() == SyncResultStatus.DEAD_LETTERED, 2, DeadLetterFixtures.TIMEOUT)
			.stream()
			.map(r -> SyncResults.parse(r).eventId())
			.toList();
		assertThat(deadLetteredIds).as("each round's DEAD_LETTERED at attempt 1 has an id of its own")
			.doesNotHaveDuplicates();

		Run second = dlt("replay", "--assistant-id", event.assistantId(), "--json");

		List<Map<String, Object>> lines = second.lines().stream().map(DeadLetterCommandLineIntegrationTests::parse).toList();
		assertThat(lines).filteredOn(line -> "replayed".equals(line.get("action")))
			.singleElement()
			.satisfies(line -> assertThat(line).containsEntry("offset", (int) rounds.get(1).offset())
				.containsEntry("replayCount", 2));
		assertThat(lines.get(lines.size() - 1)).containsKey("summary");
	}

	@Test
	void shouldRunThroughItsOwnSmallContextWithTheWorkersConfiguration() {
		AssistantCreationRequested event = this.fixtures.rejected();
		this.fixtures.awaitDeadLetters(event.assistantId(), 1);
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exit = DeadLetterCommandLine.execute(new String[] { "list", "--assistant-id", event.assistantId() },
				Map.of("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers(),
						"assistants.topics.pending-create", this.topics.pendingCreate(),
						// nothing listens here: a data source or Flyway would fail the start
						"spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/none"),
				new PrintWriter(out), new PrintWriter(err), false);

		assertThat(exit).as(err.toString()).isZero();
		assertThat(out.toString()).contains(event.assistantId()).contains("1 dead letter listed");
	}

	private Run dlt(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = DeadLetterCommands
			.commandLine(() -> new DeadLetterTool(this.browser, this.replayer), new PrintWriter(out),
					new PrintWriter(err))
			.execute(args);
		assertThat(err.toString()).as("standard error of dlt " + String.join(" ", args)).isEmpty();
		return new Run(exit, out.toString());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(String json) {
		return EventJson.mapper().readValue(json, Map.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> headers(Map<String, Object> line) {
		return (Map<String, String>) line.get("headers");
	}

	private static String text(ConsumerRecord<?, ?> record, String header) {
		return DeadLetterFixtures.text(record, header);
	}

	private record Run(int exit, String out) {

		List<String> lines() {
			return Arrays.asList(this.out.split("\\R"));
		}

		String auditEventId() {
			return this.out.lines()
				.filter(line -> line.startsWith("audit event: "))
				.map(line -> line.substring("audit event: ".length()))
				.findFirst()
				.orElseThrow();
		}

	}

}
