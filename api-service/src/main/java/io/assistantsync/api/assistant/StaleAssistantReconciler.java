package io.assistantsync.api.assistant;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The server side of self-repair: every {@code assistants.reconcile.interval}, republishes one batch of stale
 * assistants (PENDING for longer than {@code assistants.reconcile.stale-after} with their event published and
 * no result since, as when a result was lost or the worker never got the event) through the outbox, with a
 * new pending-create event (see {@link AssistantIntake}). A duplicate is harmless: the authoritative store
 * upserts idempotently by version. Safe on several instances at once, and counted in
 * {@code assistants.reconciled}.
 */
@Component
class StaleAssistantReconciler extends PeriodicJob {

	private static final Logger log = LoggerFactory.getLogger(StaleAssistantReconciler.class);

	private final AssistantIntake intake;

	private final ReconcileProperties properties;

	private final Counter reconciled;

	StaleAssistantReconciler(AssistantIntake intake, ReconcileProperties properties, TaskScheduler scheduler,
			Clock clock, MeterRegistry meters) {
		super("Reconciling stale assistants", scheduler, clock, properties.interval(), properties.enabled());
		this.intake = intake;
		this.properties = properties;
		this.reconciled = Counter.builder("assistants.reconciled")
			.description("Stale PENDING assistants republished with a new pending-create event")
			.register(meters);
	}

	/**
	 * Republishes one batch of stale assistants.
	 * @return how many were republished
	 */
	int reconcile() {
		List<String> republished = this.intake.republishStale(this.properties.batchSize());
		this.reconciled.increment(republished.size());
		if (!republished.isEmpty()) {
			log.info("Republished {} assistants PENDING for longer than {} with no result: {}", republished.size(),
					this.properties.staleAfter(), republished);
		}
		return republished.size();
	}

	@Override
	void runOnce() {
		reconcile();
	}

}
