package io.assistantsync.api.outbox;

import java.time.Duration;

/**
 * Hears what the relay did with each batch: metrics and the Kafka reachability the status endpoint shows.
 */
interface RelayObserver {

	/** Ignores everything. */
	RelayObserver NONE = new RelayObserver() {
	};

	/**
	 * A batch was claimed and handled.
	 * @param published rows Kafka acknowledged (and that were removed from the outbox)
	 * @param failed rows that could not be sent or were not acknowledged in time
	 * @param took from claim to the end of the acknowledgement wait
	 */
	default void batchRelayed(int published, int failed, Duration took) {
	}

}
