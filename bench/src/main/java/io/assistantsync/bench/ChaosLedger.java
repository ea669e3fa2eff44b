package io.assistantsync.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every assistant a chaos run got a 202 for, with when the answer came, and how many POSTs got none: the
 * promises the checker holds the pipeline to.
 */
final class ChaosLedger implements HttpLoad.Listener {

	private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

	private final AtomicLong refused = new AtomicLong();

	@Override
	public void accepted(String location, long intendedNanos) {
		if (location != null) {
			this.acceptedAt.put(location.substring(location.lastIndexOf('/') + 1), System.nanoTime());
		}
	}

	void refused(long requests) {
		this.refused.addAndGet(requests);
	}

	/**
	 * POSTs that failed or were answered with anything but a 2xx: no promise was made for them.
	 * @return the count
	 */
	long refused() {
		return this.refused.get();
	}

	long accepted() {
		return this.acceptedAt.size();
	}

	/**
	 * The assistants accepted up to an instant.
	 * @param nanos an instant of {@link System#nanoTime()}
	 * @return their ids
	 */
	List<String> acceptedUntil(long nanos) {
		return this.acceptedAt.entrySet().stream().filter(entry -> entry.getValue() <= nanos).map(Map.Entry::getKey)
			.toList();
	}

	long acceptedBetween(long fromNanos, long toNanos) {
		return this.acceptedAt.values().stream().filter(at -> at >= fromNanos && at <= toNanos).count();
	}

	List<String> all() {
		return List.copyOf(this.acceptedAt.keySet());
	}

}
