package io.assistantsync.api.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox on one dedicated thread: claims the oldest rows with {@code FOR UPDATE SKIP LOCKED},
 * sends them all, flushes once, waits for every acknowledgement, then deletes the acknowledged rows in the
 * same transaction. Rows of one instance go out in id order with one batch in flight; with several
 * instances each row is claimed by one relay at a time. A crash between the acknowledgement and the
 * commit sends a row again with the same event id (at-least-once).
 * <p>
 * The relay wakes up when this instance commits a row, and polls for rows written elsewhere. While Kafka
 * or the database fails it backs off exponentially.
 */
final class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int ERROR_TEXT_MAX = 1000;

	private final Outbox outbox;

	private final Supplier<Producer<String, byte[]>> producers;

	private final OutboxSignal signal;

	private final OutboxProperties properties;

	private final TransactionTemplate transactions;

	private final RelayObserver observer;

	private final Clock clock;

	private final String name;

	private volatile boolean running;

	/** Whether the last batch failed, so an outage is logged once at WARN, not once per batch. */
	private boolean failing;

	private volatile CountDownLatch stopped = new CountDownLatch(0);

	private Thread thread;

	private Producer<String, byte[]> producer;

	OutboxRelay(String name, Outbox outbox, Supplier<Producer<String, byte[]>> producers, OutboxSignal signal,
			OutboxProperties properties, TransactionTemplate transactions, RelayObserver observer, Clock clock) {
		this.name = name;
		this.outbox = outbox;
		this.producers = producers;
		this.signal = signal;
		this.properties = properties;
		this.transactions = transactions;
		this.observer = observer;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.producer = this.producers.get();
		this.stopped = new CountDownLatch(1);
		this.running = true;
		this.thread = new Thread(this::run, this.name);
		this.thread.start();
	}

	/**
	 * Lets the batch in flight finish (bounded by the acknowledgement timeout), then closes the producer.
	 */
	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.stopped.countDown();
		this.signal.raise();
		try {
			this.thread.join(this.properties.ackTimeout().plusSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.producer.close(Duration.ofSeconds(5));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the web server has stopped taking requests, so the last commits still get relayed when
	 * Kafka is up; rows left over are published by the next start or another instance.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 4096;
	}

	private void run() {
		Duration backoff = null;
		while (this.running) {
			try {
				Batch batch = relayBatch();
				if (batch.failed() > 0) {
					backoff = this.properties.backoff().next(backoff);
					pause(backoff);
				}
				else {
					backoff = null;
					if (batch.claimed() < this.properties.batchSize()) {
						this.signal.await(this.properties.pollInterval());
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				backoff = this.properties.backoff().next(backoff);
				log.warn("Outbox relay could not read or update the outbox; retrying in {}: {}", backoff,
						ex.getMessage());
				this.observer.storeFailed(ex);
				pauseQuietly(backoff);
			}
		}
	}

	/**
	 * One claim-send-acknowledge-delete cycle, in one transaction.
	 */
	Batch relayBatch() {
		Batch batch = this.transactions.execute((status) -> {
			List<OutboxEntry> due = this.outbox.claimDue(this.properties.batchSize());
			return due.isEmpty() ? Batch.EMPTY : publish(due);
		});
		return (batch != null) ? batch : Batch.EMPTY;
	}

	private Batch publish(List<OutboxEntry> due) {
		long started = System.nanoTime();
		List<Future<RecordMetadata>> acks = send(due);
		List<Long> published = new ArrayList<>(due.size());
		List<Long> failed = new ArrayList<>();
		Throwable firstFailure = null;
		long deadline = started + this.properties.ackTimeout().toNanos();
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
		this.outbox.markPublished(published);
		if (!failed.isEmpty()) {
			String error = describe(firstFailure);
			if (this.failing) {
				log.debug("Outbox relay: {} of {} records still not acknowledged: {}", failed.size(), due.size(), error);
			}
			else {
				log.warn("Outbox relay: {} of {} records not acknowledged; backing off until Kafka answers: {}",
						failed.size(), due.size(), error);
			}
			this.outbox.recordFailure(failed, error, this.clock.instant());
		}
		else if (this.failing) {
			log.info("Outbox relay: Kafka acknowledges records again");
		}
		this.failing = !failed.isEmpty();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		this.observer.batchRelayed(published.size(), failed.size(), took);
		return new Batch(due.size(), failed.size());
	}

	/**
	 * Sends in claim order and flushes once. Stops at the first record that fails at once (no metadata
	 * within {@code max.block.ms}: the broker is unreachable), so an outage costs one wait per batch, not
	 * one per record, and no later record of the batch overtakes it.
	 */
	private List<Future<RecordMetadata>> send(List<OutboxEntry> due) {
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

	private void pause(Duration duration) throws InterruptedException {
		this.stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void pauseQuietly(Duration duration) {
		try {
			pause(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private static String describe(Throwable failure) {
		String text = (failure != null) ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
				: "not sent";
		return (text.length() > ERROR_TEXT_MAX) ? text.substring(0, ERROR_TEXT_MAX) : text;
	}

	/**
	 * What one cycle did.
	 *
	 * @param claimed rows claimed
	 * @param failed rows not acknowledged
	 */
	record Batch(int claimed, int failed) {

		static final Batch EMPTY = new Batch(0, 0);

	}

}
