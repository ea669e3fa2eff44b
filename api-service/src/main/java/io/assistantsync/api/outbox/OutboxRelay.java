package io.assistantsync.api.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
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

	/** Whether the last cycle could not reach the outbox table, likewise logged once at WARN. */
	private boolean storeFailing;

	private volatile CountDownLatch stopped = new CountDownLatch(0);

	private Thread thread;

	private Producer<String, byte[]> producer;

	private BatchSender sender;

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
		this.sender = new BatchSender(this.producer);
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
				if (this.storeFailing) {
					log.info("Outbox relay: the database answers again");
					this.storeFailing = false;
				}
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
				if (this.storeFailing) {
					log.debug("Outbox relay still cannot read or update the outbox; retrying in {}: {}", backoff,
							ex.getMessage());
				}
				else {
					log.warn("Outbox relay could not read or update the outbox; backing off (up to {}) until it "
							+ "can: {}", this.properties.backoff().max(), ex.getMessage());
					this.storeFailing = true;
				}
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
		BatchSender.Outcome outcome = this.sender.send(due, this.properties.ackTimeout());
		this.outbox.markPublished(outcome.published());
		int failed = outcome.failed().size();
		if (failed > 0) {
			if (this.failing) {
				log.debug("Outbox relay: {} of {} records still not acknowledged: {}", failed, due.size(),
						outcome.error());
			}
			else {
				log.warn("Outbox relay: {} of {} records not acknowledged; backing off until Kafka answers: {}",
						failed, due.size(), outcome.error());
			}
			this.outbox.recordFailure(outcome.failed(), outcome.error(), this.clock.instant());
		}
		else if (this.failing) {
			log.info("Outbox relay: Kafka acknowledges records again");
		}
		this.failing = failed > 0;
		this.observer.batchRelayed(outcome.published().size(), failed, Duration.ofNanos(System.nanoTime() - started));
		return new Batch(due.size(), failed);
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
