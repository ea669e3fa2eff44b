package io.assistantsync.common.kafka;

/**
 * Default names of the topics of docs/contract.md §3. Every name is configurable in the services
 * ({@code assistants.topics.*}); retry and dead-letter topic names are derived by Spring Kafka from
 * the pending-create topic and are never written by hand.
 */
public final class Topics {

	/** Pending-create events, written by the api-service outbox relay and by DLT replay. */
	public static final String PENDING_CREATE = "assistants.pending-create";

	/** One sync-result event per attempt outcome, written by the sync-worker. */
	public static final String SYNC_RESULTS = "assistants.sync-results";

	/** One audit event per dead-letter replay run. */
	public static final String OPS_AUDIT = "assistants.ops-audit";

	private Topics() {
	}

}
