package io.assistantsync.common.boot;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the topics a service declares once Kafka answers, when it did not at start-up. Spring Kafka's
 * {@link KafkaAdmin} creates the missing topics ({@code NewTopic} beans, {@code KafkaAdmin.NewTopics} and
 * the retry and dead-letter topics of the retry topic support) while the context starts, and only then: a
 * service started while the broker was down would run without them until it is restarted, or until the
 * broker auto-creates them with its own partition count. This runs {@link KafkaAdmin#initialize()} again on
 * a thread of its own until one run succeeds, then the thread ends; the first run also confirms the
 * start-up run, which costs one topic description when Kafka was up. A failure that is not transient
 * (e.g. the principal may not create topics) is logged once and ends the retries.
 */
public final class TopicCreator implements SmartLifecycle {

	private static final LogAccessor log = new LogAccessor(TopicCreator.class);

	private final KafkaAdmin admin;

	private final Duration retryDelay;

	private final boolean enabled;

	private volatile CountDownLatch stopped = new CountDownLatch(0);

	private volatile boolean created;

	private Thread thread;

	/**
	 * @param admin Spring Boot's admin, which knows the declared topics; may be {@code null} when not enabled
	 * @param retryDelay the pause after a run that failed, on top of the admin's operation timeout
	 * @param enabled {@code false} where topics are not created by the service at all
	 * ({@code spring.kafka.admin.auto-create=false})
	 */
	public TopicCreator(KafkaAdmin admin, Duration retryDelay, boolean enabled) {
		this.admin = admin;
		this.retryDelay = retryDelay;
		this.enabled = enabled;
	}

	/**
	 * Whether a run has created (or found) every declared topic.
	 * @return {@code true} once one run succeeded
	 */
	public boolean isCreated() {
		return this.created;
	}

	@Override
	public synchronized void start() {
		if (!this.enabled || isRunning() || this.created) {
			return;
		}
		this.stopped = new CountDownLatch(1);
		this.thread = new Thread(this::createUntilDone, "kafka-topics");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public synchronized void stop() {
		this.stopped.countDown();
		if (this.thread != null) {
			this.thread.interrupt();
			this.thread = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.thread != null && this.thread.isAlive();
	}

	/**
	 * Starts after {@code KafkaAdmin}'s own run (which happens before any lifecycle starts) and before the
	 * listener containers.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 8192;
	}

	private void createUntilDone() {
		boolean warned = false;
		while (this.stopped.getCount() > 0) {
			try {
				boolean done = this.admin.initialize();
				if (!done && Thread.currentThread().isInterrupted()) {
					return;
				}
				// false without an exception otherwise: no topics are declared
				this.created = true;
				if (warned) {
					log.info("Kafka answers again: the missing topics are created");
				}
				return;
			}
			catch (RuntimeException ex) {
				if (!isTransient(ex)) {
					log.warn(() -> "Could not create the topics this service uses; not trying again: "
							+ rootMessage(ex));
					return;
				}
				if (!warned) {
					log.warn(() -> "Kafka does not answer; the topics this service uses are created when it does "
							+ "(tried every " + this.retryDelay.toMillis() + " ms)");
					warned = true;
				}
				else {
					log.debug(() -> "Kafka still does not answer: " + rootMessage(ex));
				}
			}
			try {
				this.stopped.await(this.retryDelay.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Whether the broker did not answer in time or answered with a transient error.
	 */
	static boolean isTransient(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof RetriableException) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
