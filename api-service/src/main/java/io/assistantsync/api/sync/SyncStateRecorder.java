package io.assistantsync.api.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.assistantsync.api.assistant.Assistants;
import io.assistantsync.common.event.SyncResult;

/**
 * Records sync results: each is logged once by event id, and a first receipt is applied to the assistant's
 * sync state by {@link Assistants#recordOutcome} (idempotently, never backwards), in the caller's order and
 * in one transaction per call. Counts {@code assistants.sync.results} by status.
 */
@Component
class SyncStateRecorder {

	private final Assistants assistants;

	private final SyncResultLog log;

	private final MeterRegistry meters;

	private final Clock clock;

	SyncStateRecorder(Assistants assistants, SyncResultLog log, MeterRegistry meters, Clock clock) {
		this.assistants = assistants;
		this.log = log;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Records results and applies them, in one transaction.
	 * @param results the results, in the order received
	 */
	@Transactional
	void recordAll(List<ReceivedSyncResult> results) {
		results.forEach(this::apply);
	}

	/**
	 * Records a result and applies it.
	 * @param result the result
	 * @return whether the assistant's state changed
	 */
	@Transactional
	boolean record(ReceivedSyncResult result) {
		return apply(result);
	}

	private boolean apply(ReceivedSyncResult result) {
		Instant now = this.clock.instant();
		if (!this.log.append(result, now)) {
			return false;
		}
		SyncResult outcome = result.outcome();
		Counter.builder("assistants.sync.results")
			.description("Sync results received, by status")
			.tag("status", outcome.status().name())
			.register(this.meters)
			.increment();
		return this.assistants.recordOutcome(outcome, now);
	}

}
