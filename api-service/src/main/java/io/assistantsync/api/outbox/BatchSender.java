package io.assistantsync.api.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends a batch of outbox rows with one flush and waits for every acknowledgement.
 */
final class BatchSender {

	private static final int ERROR_TEXT_MAX = 1000;

	private final Producer<String, byte[]> producer;

	BatchSender(Producer<String, byte[]> producer) {
		this.producer = producer;
	}

	/**
	 * Sends rows in order and waits for their acknowledgements.
	 * @param due the rows, in claim order
	 * @param ackTimeout the longest wait for all acknowledgements
	 * @return which rows Kafka acknowledged and which not
	 */
	Outcome send(List<OutboxEntry> due, Duration ackTimeout) {
		long deadline = System.nanoTime() + ackTimeout.toNanos();
		List<Future<RecordMetadata>> acks = sendInOrder(due);
		List<Long> published = new ArrayList<>(due.size());
		List<Long> failed = new ArrayList<>();
		Throwable firstFailure = null;
		for (int i = 0; i < due.size(); i++) {
			Throwable failure = (i < acks.size()) ? awaitAck(acks.get(i), deadline) : null;
			if (i < acks.size() && failure == null) {
				published.add(due.get(i).id());
			}
			else {
				failed.add(due.get(i).id());
				firstFailure = (firstFailure != null) ? firstFailure : failure;
			}
		}
		return new Outcome(published, failed, failed.isEmpty() ? null : describe(firstFailure));
	}

	/**
	 * Sends in claim order and flushes once. Stops at the first record that fails at once (no metadata
	 * within {@code max.block.ms}: the broker is unreachable), so an outage costs one wait per batch, not
	 * one per record, and no later record of the batch overtakes it.
	 */
	private List<Future<RecordMetadata>> sendInOrder(List<OutboxEntry> due) {
		List<Future<RecordMetadata>> acks = new ArrayList<>(due.size());
		for (OutboxEntry entry : due) {
			Future<RecordMetadata> ack;
			try {
				ack = this.producer.send(entry.toRecord());
			}
			catch (RuntimeException ex) {
				ack = CompletableFuture.failedFuture(ex);
			}
			acks.add(ack);
			if (ack.isDone() && failedAlready(ack)) {
				break;
			}
		}
		this.producer.flush();
		return acks;
	}

	private static boolean failedAlready(Future<RecordMetadata> ack) {
		try {
			ack.get();
			return false;
		}
		catch (ExecutionException ex) {
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	private static Throwable awaitAck(Future<RecordMetadata> ack, long deadlineNanos) {
		try {
			ack.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (TimeoutException ex) {
			return ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ex;
		}
	}

	private static String describe(Throwable failure) {
		String text = (failure != null) ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
				: "not sent";
		return (text.length() > ERROR_TEXT_MAX) ? text.substring(0, ERROR_TEXT_MAX) : text;
	}

	/**
	 * What became of a batch.
	 *
	 * @param published ids of the rows Kafka acknowledged
	 * @param failed ids of the rows that failed, timed out or were not sent
	 * @param error the first failure, or {@code null} when none failed
	 */
	record Outcome(List<Long> published, List<Long> failed, String error) {
	}

}
