package io.assistantsync.api.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.assistantsync.api.assistant.Assistants;
import io.assistantsync.api.outbox.Outbox;
import io.assistantsync.api.outbox.OutboxBacklog;
import io.assistantsync.api.system.KafkaReachability;

/**
 * {@code GET /api/sync/status}: the outbox backlog, assistants by sync status, whether Kafka is reachable
 * (docs/contract.md §2) and how many assistants are stale.
 */
@RestController
@Tag(name = "sync")
class SyncStatusController {

	private final Outbox outbox;

	private final KafkaReachability kafka;

	private final Assistants assistants;

	SyncStatusController(Outbox outbox, KafkaReachability kafka, Assistants assistants) {
		this.outbox = outbox;
		this.kafka = kafka;
		this.assistants = assistants;
	}

	@Operation(summary = "Pipeline status of this service",
			description = "kafka is DOWN while the outbox relay cannot publish or Kafka does not answer; stale counts "
					+ "assistants PENDING for longer than assistants.reconcile.stale-after with their event published "
					+ "and no result since.")
	@GetMapping("/api/sync/status")
	SyncStatusReport status() {
		OutboxBacklog backlog = this.outbox.backlog();
		Map<String, Long> byStatus = new LinkedHashMap<>();
		this.assistants.countBySyncStatus().forEach((status, count) -> byStatus.put(status.name(), count));
		return new SyncStatusReport(new SyncStatusReport.Backlog(backlog.count(), backlog.oldestAge().toMillis()),
				byStatus, this.kafka.isUp() ? "UP" : "DOWN", this.assistants.countStale());
	}

	/**
	 * The status report.
	 *
	 * @param outbox what waits for Kafka
	 * @param assistants assistants by sync status
	 * @param kafka {@code UP} or {@code DOWN}
	 * @param stale assistants PENDING for longer than {@code assistants.reconcile.stale-after} with their event
	 * published and no result since, which the reconciler republishes
	 */
	record SyncStatusReport(Backlog outbox, Map<String, Long> assistants, String kafka, long stale) {

		/**
		 * The outbox backlog.
		 *
		 * @param backlog rows waiting
		 * @param oldestAgeMs age of the oldest, in milliseconds
		 */
		record Backlog(long backlog, long oldestAgeMs) {
		}

	}

}
