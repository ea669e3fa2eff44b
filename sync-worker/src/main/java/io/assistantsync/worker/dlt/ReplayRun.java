package io.assistantsync.worker.dlt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import io.assistantsync.worker.dlt.ReplayReport.Replayed;
import io.assistantsync.worker.dlt.ReplayReport.Skipped;

/**
 * The state of one replay run: decides for each dead letter read whether to replay it or why not, sends the
 * replays, and marks a dead letter as taken only once Kafka acknowledged its replay.
 */
class ReplayRun {

	private final String auditEventId;

	private final String deadLetterTopic;

	private final String pendingCreateTopic;

	private final ReplayRequest request;

	private final int replayLimit;

	private final ReplayPacer pacer;

	private final List<Replayed> replayed = new ArrayList<>();

	private final List<Skipped> skipped = new ArrayList<>();

	private final List<PendingReplay> pending = new ArrayList<>();

	private final Set<TopicPartition> takenFrom = new LinkedHashSet<>();

	private final List<String> warnings = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private int filteredOut;

	private int scanned;

	private boolean limitReached;

	ReplayRun(String auditEventId, String deadLetterTopic, String pendingCreateTopic, ReplayRequest request,
			int replayLimit) {
		this.auditEventId = auditEventId;
		this.deadLetterTopic = deadLetterTopic;
		this.pendingCreateTopic = pendingCreateTopic;
		this.request = request;
		this.replayLimit = replayLimit;
		this.pacer = ReplayPacer.of(request.ratePerSecond());
	}

	/**
	 * Decides on one dead letter and, unless dry, sends its replay.
	 * @param record the dead letter as read
	 * @param taken what earlier replays took from its partition
	 * @param producer where replays go
	 * @return whether to go on reading (not at the limit, not interrupted)
	 */
	boolean consider(ConsumerRecord<byte[], byte[]> record, TakenOffsets taken, Producer<byte[], byte[]> producer) {
		this.scanned++;
		DeadLetter deadLetter = DeadLetter.of(record);
		if (!this.request.filter().matches(deadLetter)) {
			this.filteredOut++;
			return true;
		}
		if (!this.request.fromBeginning() && taken.isTaken(record.offset())) {
			skip(deadLetter, SkipReason.ALREADY_REPLAYED, SkipReason.ALREADY_REPLAYED.describe());
			return true;
		}
		if (deadLetter.replayCount() >= this.replayLimit && !this.request.force()) {
			skip(deadLetter, SkipReason.LOOP_GUARD,
					SkipReason.LOOP_GUARD.describe(deadLetter.replayCount(), this.replayLimit));
			return true;
		}
		Replayed replay = new Replayed(record.partition(), record.offset(), deadLetter.assistantId(),
				deadLetter.replayCount() + 1);
		if (this.request.dryRun()) {
			this.replayed.add(replay);
		}
		else {
			if (!awaitTurn()) {
				return false;
			}
			this.pending.add(new PendingReplay(replay, deadLetter, send(producer, record, deadLetter, replay)));
		}
		this.limitReached = this.request.filter().isReached(this.replayed.size() + this.pending.size());
		return !this.limitReached;
	}

	/**
	 * Waits until Kafka acknowledged or refused every replay sent, then marks the acknowledged ones as taken.
	 * @param producer the producer that sent them
	 * @param taken what was taken, per partition, to update
	 */
	void awaitAcknowledgements(Producer<byte[], byte[]> producer, Map<TopicPartition, TakenOffsets> taken) {
		try {
			// bounded by the producer's delivery.timeout.ms: every send is complete afterwards
			producer.flush();
		}
		catch (KafkaException ex) {
			problem("Waiting for Kafka's acknowledgements failed: " + ex.getMessage());
		}
		for (PendingReplay replay : this.pending) {
			try {
				replay.ack().get();
				TopicPartition partition = new TopicPartition(this.deadLetterTopic, replay.replayed().partition());
				taken.get(partition).take(replay.replayed().offset());
				this.takenFrom.add(partition);
				this.replayed.add(replay.replayed());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				skip(replay.deadLetter(), SkipReason.SEND_FAILED, SkipReason.SEND_FAILED.describe("interrupted"));
			}
			catch (ExecutionException ex) {
				skip(replay.deadLetter(), SkipReason.SEND_FAILED,
						SkipReason.SEND_FAILED.describe(ex.getCause().getMessage()));
			}
		}
		int failed = (int) this.skipped.stream().filter(s -> s.reason() == SkipReason.SEND_FAILED).count();
		if (failed > 0) {
			problem(failed + " replays were not acknowledged by Kafka; a later replay takes them again");
		}
		this.pending.clear();
	}

	/**
	 * Whether the run ignores what earlier replays took.
	 * @return the request's {@code fromBeginning}
	 */
	boolean fromBeginning() {
		return this.request.fromBeginning();
	}

	/**
	 * Whether nothing was sent yet, so that a failure can end the run without a report.
	 * @return {@code true} before the first send
	 */
	boolean sentNothing() {
		return this.pending.isEmpty() && this.replayed.isEmpty();
	}

	/**
	 * The partitions from which acknowledged replays were taken: those whose commit changes.
	 * @return the partitions
	 */
	Set<TopicPartition> takenFrom() {
		return this.takenFrom;
	}

	void warn(String warning) {
		this.warnings.add(warning);
	}

	void problem(String problem) {
		this.problems.add(problem);
	}

	ReplayReport report() {
		return new ReplayReport(this.auditEventId, this.deadLetterTopic, this.request.dryRun(),
				List.copyOf(this.replayed), List.copyOf(this.skipped), this.filteredOut, this.scanned,
				this.limitReached, List.copyOf(this.warnings), List.copyOf(this.problems));
	}

	private boolean awaitTurn() {
		try {
			this.pacer.awaitTurn();
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			problem("The replay was interrupted");
			return false;
		}
	}

	private Future<?> send(Producer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record,
			DeadLetter deadLetter, Replayed replay) {
		try {
			return producer.send(ReplayRecords.of(this.pendingCreateTopic, record, replay.replayCount()));
		}
		catch (KafkaException ex) {
			// the producer could not even queue it (no metadata within max.block.ms): Kafka is gone
			skip(deadLetter, SkipReason.SEND_FAILED, SkipReason.SEND_FAILED.describe(ex.getMessage()));
			throw new KafkaUnavailableException(
					"Kafka did not take the replay of " + deadLetter.coordinates() + ": " + ex.getMessage(), ex);
		}
	}

	private void skip(DeadLetter deadLetter, SkipReason reason, String detail) {
		this.skipped.add(new Skipped(deadLetter.partition(), deadLetter.offset(), deadLetter.assistantId(), reason,
				detail));
	}

	private record PendingReplay(Replayed replayed, DeadLetter deadLetter, Future<?> ack) {
	}

}
