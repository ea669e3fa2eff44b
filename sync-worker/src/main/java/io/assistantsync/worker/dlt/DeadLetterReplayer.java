package io.assistantsync.worker.dlt;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

import io.assistantsync.common.id.IdGenerator;

/**
 * Replays dead letters: republishes each matching record, key and value byte for byte, to the
 * pending-create topic (see {@link ReplayRecords}), and writes one audit event per run.
 * <p>
 * By default a run takes only dead letters that no earlier replay took. What was taken is kept in the
 * replay group's committed offsets ({@link TakenOffsets}), read at the start of a run and committed only
 * after Kafka acknowledged every replay of the run; a record counts as taken when it was replayed, not when
 * a filter or the loop guard left it alone. {@code fromBeginning} takes matching records again (and still
 * records them as taken). A dry run publishes nothing and commits nothing.
 * <p>
 * Two runs at the same time (two operators, or the command line and the admin API) may both replay a
 * record; the commit merges with what the other run committed, and the authoritative store's idempotent
 * upsert keeps one row per assistant.
 */
public class DeadLetterReplayer {

	private final DeadLetterClients clients;

	private final ReplayAuditor auditor;

	private final SyncOpsProperties ops;

	private final IdGenerator ids;

	DeadLetterReplayer(DeadLetterClients clients, ReplayAuditor auditor, SyncOpsProperties ops, IdGenerator ids) {
		this.clients = clients;
		this.auditor = auditor;
		this.ops = ops;
		this.ids = ids;
	}

	/**
	 * Runs a replay.
	 * @param request what to replay and how
	 * @param operator who asks, for the audit event
	 * @return what the run did; its {@code problems} say what went wrong after records were sent
	 * @throws KafkaUnavailableException when Kafka does not answer before anything was sent
	 */
	public ReplayReport replay(ReplayRequest request, Operator operator) {
		ReplayRun run = new ReplayRun(this.ids.newId(), this.clients.deadLetterTopic(),
				this.clients.pendingCreateTopic(), request, this.ops.replayLimit());
		try (DeadLetterReader reader = this.clients.reader(this.ops.replayGroup());
				Producer<byte[], byte[]> producer = this.clients.producer()) {
			List<TopicPartition> partitions = reader.partitions();
			if (partitions.isEmpty()) {
				run.warn("The dead-letter topic " + this.clients.deadLetterTopic() + " does not exist yet");
			}
			Offsets offsets = new Offsets(reader.beginningOffsets(partitions), reader.endOffsets(partitions));
			Map<TopicPartition, OffsetAndMetadata> committed = reader.committed(partitions);
			Map<TopicPartition, TakenOffsets> taken = new LinkedHashMap<>();
			partitions.forEach(partition -> taken.put(partition, offsets.taken(partition, committed, run)));
			scan(reader, producer, run, offsets, taken);
			if (!request.dryRun()) {
				run.awaitAcknowledgements(producer, taken);
				commit(reader, run, offsets, taken);
			}
			try {
				this.auditor.record(producer, request, run.report(), operator);
			}
			catch (IllegalStateException ex) {
				run.problem(ex.getMessage());
			}
			return run.report();
		}
	}

	private void scan(DeadLetterReader reader, Producer<byte[], byte[]> producer, ReplayRun run, Offsets offsets,
			Map<TopicPartition, TakenOffsets> taken) {
		for (Map.Entry<TopicPartition, TakenOffsets> entry : taken.entrySet()) {
			TopicPartition partition = entry.getKey();
			TakenOffsets partitionTaken = entry.getValue();
			long from = run.fromBeginning() ? offsets.beginning(partition) : partitionTaken.next();
			long[] expected = { from };
			boolean complete;
			try {
				complete = reader.read(partition, from, offsets.end(partition), record -> {
					// offsets without a record (transaction markers) have nothing to replay: taken
					partitionTaken.take(expected[0], record.offset());
					expected[0] = record.offset() + 1;
					return run.consider(record, partitionTaken, producer);
				});
			}
			catch (KafkaUnavailableException ex) {
				if (run.sentNothing()) {
					throw ex;
				}
				run.problem("The replay stopped early: " + ex.getMessage());
				return;
			}
			if (!complete) {
				return;
			}
			partitionTaken.take(expected[0], offsets.end(partition));
		}
	}

	/**
	 * Commits what the run took, merged with what the group holds now (another run may have committed in
	 * the meantime).
	 */
	private void commit(DeadLetterReader reader, ReplayRun run, Offsets offsets,
			Map<TopicPartition, TakenOffsets> taken) {
		List<TopicPartition> changed = List.copyOf(run.takenFrom());
		if (changed.isEmpty()) {
			return;
		}
		try {
			Map<TopicPartition, OffsetAndMetadata> latest = reader.committed(changed);
			Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
			for (TopicPartition partition : changed) {
				TakenOffsets merged = offsets.taken(partition, latest, null);
				merged.takeAll(taken.get(partition));
				TakenOffsets.Commit commit = merged.encode();
				if (commit.unrecorded() > 0) {
					run.warn(commit.unrecorded() + " taken offsets of partition " + partition.partition()
							+ " do not fit into the offset metadata (" + TakenOffsets.MAX_METADATA_LENGTH
							+ " bytes) and were not recorded; a later replay takes them again");
				}
				commits.put(partition, commit.offset());
			}
			reader.commit(commits);
		}
		catch (KafkaUnavailableException ex) {
			run.problem("What this run replayed could not be recorded (" + ex.getMessage()
					+ "); a later replay takes these records again");
		}
	}

	/**
	 * The offsets captured at the start of a run.
	 */
	private record Offsets(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {

		long beginning(TopicPartition partition) {
			return this.beginnings.get(partition);
		}

		long end(TopicPartition partition) {
			return this.ends.get(partition);
		}

		/**
		 * What the group took from a partition. Records deleted by retention count as taken; a committed
		 * offset beyond the end means the topic was deleted and created again, so it no longer applies.
		 */
		TakenOffsets taken(TopicPartition partition, Map<TopicPartition, OffsetAndMetadata> committed,
				ReplayRun run) {
			TakenOffsets taken = TakenOffsets.decode(committed.get(partition));
			if (taken.next() > end(partition)) {
				if (run != null) {
					run.warn("The replay group's offset " + taken.next() + " of partition " + partition.partition()
							+ " is beyond its end " + end(partition)
							+ " (was the topic created again?); what earlier replays took there is ignored");
				}
				taken = TakenOffsets.before(beginning(partition));
			}
			taken.take(0, beginning(partition));
			return taken;
		}

	}

}
