package io.assistantsync.worker.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import io.assistantsync.common.event.DeadLetterReplayAudited;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.boot.TopicsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The resume semantics of replays, against Kafka's mock clients: what counts as taken, what is committed,
 * and what a later run takes.
 */
class DeadLetterReplayerTests {

	private static final String DLT = "t-dlt";

	private static final TopicPartition P0 = new TopicPartition(DLT, 0);

	private static final Operator ACTOR = Operator.commandLine("ops");

	private final FakeClients clients = new FakeClients();

	private final DeadLetterReplayer replayer = new DeadLetterReplayer(this.clients,
			new ReplayAuditor("t-audit", Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC)),
			new SyncOpsProperties(null, "g", 3, Duration.ofSeconds(1)), new IdGenerator());

	@Test
	void shouldRecordRecordsTakenOutOfOrderAndTakeTheOthersLater() {
		this.clients.records(record(0, "a"), record(1, "b"), record(2, "c"), record(3, "d"), record(4, "e"));

		ReplayReport first = replay(ids("b", "d"), false, false);

		assertThat(first.replayed()).extracting(ReplayReport.Replayed::offset).containsExactly(1L, 3L);
		assertThat(first.filteredOut()).isEqualTo(3);
		assertThat(this.clients.committed).containsExactly(Map.entry(P0, new OffsetAndMetadata(0, "v1:1,3")));
		assertThat(this.clients.replayedKeys()).containsExactly("b", "d");

		ReplayReport second = replay(DeadLetterFilter.ALL, false, false);

		assertThat(second.replayed()).extracting(ReplayReport.Replayed::assistantId).containsExactly("a", "c", "e");
		assertThat(second.skipped()).extracting(ReplayReport.Skipped::offset, ReplayReport.Skipped::reason)
			.containsExactly(tuple(1L, SkipReason.ALREADY_REPLAYED),
					tuple(3L, SkipReason.ALREADY_REPLAYED));
		assertThat(this.clients.committed).containsExactly(Map.entry(P0, new OffsetAndMetadata(5, "v1:")));

		ReplayReport third = replay(DeadLetterFilter.ALL, false, false);

		assertThat(third.replayed()).isEmpty();
		assertThat(third.scanned()).as("a resuming run starts after the contiguous prefix").isZero();

		ReplayReport again = replay(DeadLetterFilter.ALL, false, true);

		assertThat(again.replayed()).hasSize(5);
		assertThat(again.skipped()).isEmpty();
		assertThat(this.clients.committed).containsExactly(Map.entry(P0, new OffsetAndMetadata(5, "v1:")));
		assertThat(this.clients.replayedKeys()).containsExactly("b", "d", "a", "c", "e", "a", "b", "c", "d", "e");
	}

	@Test
	void shouldPublishAndCommitNothingOnADryRunButAuditIt() {
		this.clients.records(record(0, "a"), record(1, "b"));

		ReplayReport dry = replay(DeadLetterFilter.ALL, true, false);

		assertThat(dry.replayed()).hasSize(2);
		assertThat(this.clients.replayedKeys()).isEmpty();
		assertThat(this.clients.committed).isEmpty();
		assertThat(this.clients.audits()).singleElement().satisfies(audit -> {
			assertThat(audit.eventId()).isEqualTo(dry.auditEventId());
			assertThat(audit.dryRun()).isTrue();
			assertThat(audit.replayed()).isEqualTo(2);
			assertThat(audit.occurredAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
			assertThat(audit.by()).isEqualTo("cli:ops");
			assertThat(audit.actor()).isEqualTo(new DeadLetterReplayAudited.Actor("cli", "ops", null));
		});
	}

	@Test
	void shouldNotCountRecordsLeftByTheLoopGuardAsTaken() {
		this.clients.records(record(0, "a"), record(1, "b"), record(2, "c", "3"), record(3, "d", "2"));

		ReplayReport guarded = replay(DeadLetterFilter.ALL, false, false);

		assertThat(guarded.skipped()).singleElement().satisfies(skipped -> {
			assertThat(skipped.offset()).isEqualTo(2);
			assertThat(skipped.reason()).isEqualTo(SkipReason.LOOP_GUARD);
			assertThat(skipped.detail()).isEqualTo("replayed 3 times already, the limit is 3; --force overrides");
		});
		assertThat(guarded.replayed()).extracting(ReplayReport.Replayed::replayCount).containsExactly(1, 1, 3);
		assertThat(this.clients.committed).containsExactly(Map.entry(P0, new OffsetAndMetadata(2, "v1:3")));
		assertThat(this.clients.audits()).singleElement()
			.satisfies(audit -> assertThat(audit.skippedByReason()).containsExactly(Map.entry("loop-guard", 1)));

		ReplayReport forced = replay(DeadLetterFilter.ALL, false, false, true);

		assertThat(forced.replayed()).singleElement().satisfies(replayed -> {
			assertThat(replayed.offset()).isEqualTo(2);
			assertThat(replayed.replayCount()).isEqualTo(4);
		});
		assertThat(this.clients.committed).containsExactly(Map.entry(P0, new OffsetAndMetadata(4, "v1:")));
	}

	@Test
	void shouldStopAtTheLimitOfReplayedRecords() {
		this.clients.records(record(0, "a", "3"), record(1, "b"), record(2, "c"), record(3, "d"));

		ReplayReport limited = replay(new DeadLetterFilter(null, null, null, null, 2), false, false);

		assertThat(limited.replayed()).extracting(ReplayReport.Replayed::offset).containsExactly(1L, 2L);
		assertThat(limited.skipped()).hasSize(1);
		assertThat(limited.limitReached()).isTrue();
		assertThat(limited.scanned()).isEqualTo(3);
		assertThat(this.clients.committed).containsExactly(Map.entry(P0, new OffsetAndMetadata(0, "v1:1-2")));
	}

	@Test
	void shouldCountOffsetsWithoutRecordsAsTaken() {
		// e.g. a transaction marker at offset 2
		this.clients.endOffset = 4;
		this.clients.records(record(0, "a"), record(1, "b"), record(3, "d"));

		replay(DeadLetterFilter.ALL, false, false);

		assertThat(this.clients.committed).containsExactly(Map.entry(P0, new OffsetAndMetadata(4, "v1:")));
	}

	@Test
	void shouldReportReplaysKafkaDidNotAcknowledgeAndNotRecordThem() {
		this.clients.records(record(0, "a"), record(1, "b"));
		this.clients.failFirstSend = true;

		ReplayReport report = replay(DeadLetterFilter.ALL, false, false);

		assertThat(report.replayed()).extracting(ReplayReport.Replayed::assistantId).containsExactly("b");
		assertThat(report.skipped()).singleElement().satisfies(skipped -> {
			assertThat(skipped.reason()).isEqualTo(SkipReason.SEND_FAILED);
			assertThat(skipped.detail()).contains("broker said no");
		});
		assertThat(report.problems()).singleElement().asString().contains("1 replays were not acknowledged");
		assertThat(this.clients.committed).containsExactly(Map.entry(P0, new OffsetAndMetadata(0, "v1:1")));
		assertThat(this.clients.audits()).singleElement()
			.satisfies(audit -> assertThat(audit.skippedByReason()).containsEntry("send-failed", 1));
	}

	@Test
	void shouldCommitWhatFitsIntoTheMetadataAndSaySo() {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		IntStream.range(0, 3000).forEach(offset -> records.add(record(offset, "id-" + offset)));
		this.clients.endOffset = 3000;
		this.clients.records(records.toArray(ConsumerRecord[]::new));
		List<String> odd = IntStream.range(0, 3000).filter(o -> o % 2 == 1).mapToObj(o -> "id-" + o).toList();

		ReplayReport report = replay(ids(odd.toArray(String[]::new)), false, false);

		assertThat(report.replayed()).hasSize(1500);
		String metadata = this.clients.committed.get(P0).metadata();
		assertThat(metadata).hasSizeLessThanOrEqualTo(TakenOffsets.MAX_METADATA_LENGTH);
		int recorded = metadata.split(",").length;
		assertThat(report.warnings()).singleElement()
			.asString()
			.startsWith((1500 - recorded) + " taken offsets of partition 0 do not fit into the offset metadata");

		ReplayReport next = replay(ids(odd.toArray(String[]::new)), false, false);

		assertThat(next.replayed()).as("what was not recorded is taken again").hasSize(1500 - recorded);
	}

	@Test
	void shouldPaceRepublishingAtTheRate() {
		this.clients.records(record(0, "a"), record(1, "b"), record(2, "c"));
		long started = System.nanoTime();

		ReplayReport report = this.replayer.replay(new ReplayRequest(DeadLetterFilter.ALL, false, false, false, 10.0),
				ACTOR);

		assertThat(report.replayed()).hasSize(3);
		// three records at 10 per second: the second and the third wait 100 ms each
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void shouldIgnoreACommittedOffsetBeyondTheEnd() {
		this.clients.records(record(0, "a"));
		this.clients.committed.put(P0, new OffsetAndMetadata(40, "v1:"));

		ReplayReport report = replay(DeadLetterFilter.ALL, false, false);

		assertThat(report.replayed()).hasSize(1);
		assertThat(report.warnings()).singleElement().asString().contains("beyond its end 1");
		assertThat(this.clients.committed).containsExactly(Map.entry(P0, new OffsetAndMetadata(1, "v1:")));
	}

	private ReplayReport replay(DeadLetterFilter filter, boolean dryRun, boolean fromBeginning) {
		return replay(filter, dryRun, fromBeginning, false);
	}

	private ReplayReport replay(DeadLetterFilter filter, boolean dryRun, boolean fromBeginning, boolean force) {
		return this.replayer.replay(new ReplayRequest(filter, dryRun, fromBeginning, force, null), ACTOR);
	}

	private static DeadLetterFilter ids(String... ids) {
		return new DeadLetterFilter(List.of(ids), null, null, null, null);
	}

	private static ConsumerRecord<byte[], byte[]> record(long offset, String key) {
		return record(offset, key, null);
	}

	private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String replayCount) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(EventHeaders.CE_ID, utf8("event-" + key));
		if (replayCount != null) {
			headers.add(EventHeaders.REPLAY_COUNT, utf8(replayCount));
		}
		return new ConsumerRecord<>(DLT, 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0, utf8(key), utf8("{}"),
				headers, Optional.empty());
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Mock clients over one partition whose committed offsets outlive a run, as the broker's do.
	 */
	private static final class FakeClients extends DeadLetterClients {

		final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();

		final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();

		long endOffset = -1;

		boolean failFirstSend;

		private List<ConsumerRecord<byte[], byte[]>> records = List.of();

		FakeClients() {
			super(new KafkaProperties(), new TopicsProperties("t", "t-results", "t-audit", 1, 1),
					new SyncOpsProperties(null, "g", 3, Duration.ofSeconds(1)), null);
		}

		@SafeVarargs
		final void records(ConsumerRecord<byte[], byte[]>... records) {
			this.records = List.of(records);
		}

		@Override
		DeadLetterReader reader(String group) {
			MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
			consumer.updatePartitions(DLT, List.of(new PartitionInfo(DLT, 0, null, null, null)));
			consumer.updateBeginningOffsets(Map.of(P0, 0L));
			consumer.updateEndOffsets(Map.of(P0, (this.endOffset >= 0) ? this.endOffset : this.records.size()));
			// unlike KafkaConsumer, MockConsumer answers committed() only for assigned partitions
			consumer.assign(List.of(P0));
			consumer.commitSync(Map.copyOf(this.committed));
			consumer.schedulePollTask(() -> this.records.forEach(consumer::addRecord));
			return new DeadLetterReader(consumer, DLT, Duration.ofSeconds(1), "mock:9092") {

				@Override
				void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
					super.commit(offsets);
					FakeClients.this.committed.putAll(offsets);
				}

			};
		}

		@Override
		Producer<byte[], byte[]> producer() {
			return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {

				private boolean failed;

				@Override
				public synchronized Future<RecordMetadata> send(
						ProducerRecord<byte[], byte[]> record) {
					FakeClients.this.sent.add(record);
					if (FakeClients.this.failFirstSend && !this.failed) {
						this.failed = true;
						return CompletableFuture.failedFuture(new KafkaException("broker said no"));
					}
					return super.send(record);
				}

			};
		}

		List<String> replayedKeys() {
			return this.sent.stream()
				.filter(record -> record.topic().equals("t"))
				.map(record -> new String(record.key(), StandardCharsets.UTF_8))
				.toList();
		}

		List<DeadLetterReplayAudited> audits() {
			return this.sent.stream()
				.filter(record -> record.topic().equals("t-audit"))
				.map(record -> EventJson.mapper().readValue(record.value(), DeadLetterReplayAudited.class))
				.toList();
		}

	}

}
