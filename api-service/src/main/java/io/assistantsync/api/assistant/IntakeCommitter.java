package io.assistantsync.api.assistant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import io.assistantsync.api.assistant.CreationWriter.Outcome;

/**
 * Group commit of creates: request threads hand their prepared create to a queue and wait; committer threads each
 * take everything waiting, up to {@code assistants.intake.batch-size}, write it with one transaction
 * ({@link CreationWriter}) and answer each request after the commit. An idle committer waits on the queue and
 * takes a lone request at once, so nothing waits for a group to fill; under load a group is whatever arrived during
 * the previous commit. The 202 promise is unchanged: no request is answered before its rows are committed.
 * <p>
 * A database failure fails every request of its group with the exception the database gave, so each answers the
 * same 503 a request of its own would. A row the database rejects as such fails its whole statement: the group is
 * then written again one request per transaction, so that only that request fails.
 * <p>
 * Meters: {@code assistants.intake.queue} (creates waiting for a committer) and {@code assistants.intake.group.size}
 * (creates per transaction).
 */
@Component
class IntakeCommitter implements SmartLifecycle, MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(IntakeCommitter.class);

	/** How often an idle committer looks whether it should stop. */
	private static final Duration IDLE_CHECK = Duration.ofMillis(200);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final CreationWriter writer;

	private final IntakeProperties properties;

	private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * Held by the one committer that takes the next group, from its wait for the first create to the end of
	 * its drain: a burst becomes one group instead of being split between committers. Only committer threads
	 * take it; a request thread never waits for it.
	 */
	private final Object take = new Object();

	private volatile boolean running;

	private volatile DistributionSummary groupSizes;

	IntakeCommitter(CreationWriter writer, IntakeProperties properties) {
		this.writer = writer;
		this.properties = properties;
	}

	/**
	 * Writes a create with the others waiting now and waits for the commit.
	 * @param creation the prepared create
	 * @return its answer, once committed
	 * @throws RuntimeException this request's problem (422, 409) or its group's database failure
	 */
	Accepted commit(Creation creation) {
		Waiting waiting = new Waiting(creation, new CompletableFuture<>());
		if (!this.running) {
			throw stopped();
		}
		this.queue.add(waiting);
		if (!this.running && this.queue.remove(waiting)) {
			// stopped meanwhile, perhaps after the committers left: nobody would take it
			throw stopped();
		}
		try {
			return waiting.answer().join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure : ex;
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		for (int i = 1; i <= this.properties.committers(); i++) {
			Thread thread = new Thread(this::run, "intake-committer-" + i);
			thread.start();
			this.threads.add(thread);
		}
	}

	/**
	 * Writes what is queued, then stops the committers.
	 */
	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
		for (Thread thread : this.threads) {
			try {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.threads.clear();
		Waiting left;
		while ((left = this.queue.poll()) != null) {
			left.answer().completeExceptionally(stopped());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the web server has finished its requests, and before the outbox relay, so that the last
	 * groups are committed and then relayed.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 3072;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("assistants.intake.queue", this.queue, BlockingQueue::size)
			.description("Creates waiting for a committer")
			.register(registry);
		this.groupSizes = DistributionSummary.builder("assistants.intake.group.size")
			.description("Creates written by one transaction")
			.register(registry);
	}

	private void run() {
		List<Waiting> group = new ArrayList<>(this.properties.batchSize());
		while (this.running || !this.queue.isEmpty()) {
			try {
				synchronized (this.take) {
					Waiting first = this.queue.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
					if (first == null) {
						continue;
					}
					group.add(first);
					this.queue.drainTo(group, this.properties.batchSize() - 1);
				}
				commitGroup(group);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				group.clear();
			}
		}
	}

	private void commitGroup(List<Waiting> group) {
		List<Creation> creations = group.stream().map(Waiting::creation).toList();
		DistributionSummary sizes = this.groupSizes;
		if (sizes != null) {
			sizes.record(group.size());
		}
		try {
			answer(group, this.writer.write(creations));
		}
		catch (DataIntegrityViolationException ex) {
			if (group.size() == 1) {
				group.get(0).answer().completeExceptionally(ex);
				return;
			}
			log.debug("A group of {} creates was rejected ({}); writing them one by one", group.size(),
					ex.getMessage());
			for (Waiting alone : group) {
				commitGroup(List.of(alone));
			}
		}
		catch (RuntimeException ex) {
			for (Waiting waiting : group) {
				waiting.answer().completeExceptionally(ex);
			}
		}
		catch (Error ex) {
			// the committer carries on: a request thread must never wait for an answer that no thread will give
			log.error("A group of {} creates failed", group.size(), ex);
			for (Waiting waiting : group) {
				waiting.answer().completeExceptionally(ex);
			}
		}
	}

	private static void answer(List<Waiting> group, List<Outcome> outcomes) {
		for (int i = 0; i < group.size(); i++) {
			Outcome outcome = outcomes.get(i);
			if (outcome.failure() != null) {
				group.get(i).answer().completeExceptionally(outcome.failure());
			}
			else {
				group.get(i).answer().complete(outcome.answer());
			}
		}
	}

	/**
	 * The intake is not running (the service is stopping): nothing was stored, the client may retry, as when the
	 * database cannot be reached.
	 */
	private static CannotCreateTransactionException stopped() {
		return new CannotCreateTransactionException("The intake is stopped; nothing was stored");
	}

	/**
	 * A create waiting for its group's commit, with the answer its request thread waits for.
	 */
	private record Waiting(Creation creation, CompletableFuture<Accepted> answer) {
	}

}
