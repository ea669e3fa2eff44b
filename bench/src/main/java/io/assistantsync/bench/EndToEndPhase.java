package io.assistantsync.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Phase 4, end to end: POSTs to the api-service matched by assistant id with their SYNCED results from the
 * worker, at fixed rates (latency from the intended send time to the arrival of SYNCED), and the
 * sustained rate of a closed loop (accepted assistants divided by the time until the last was SYNCED).
 */
final class EndToEndPhase {

	static final String SECTION = "End to end (POST to SYNCED)";

	private EndToEndPhase() {
	}

	static void round(BenchContext context, int apiPort, byte[] request, SyncResultsTracker tracker) throws Exception {
		BenchOptions options = context.options;
		Results results = context.results;
		Duration wait = options.seconds("e2e-wait-seconds");
		// proves the worker consumes before anything is measured
		Map<String, Long> warmup = new ConcurrentHashMap<>();
		loadFor(apiPort, request, warmup).openLoop(8, 50, Duration.ofSeconds(1), Duration.ofSeconds(2));
		awaitSynced(tracker, warmup, Duration.ofSeconds(60));
		for (int rate : options.integers("e2e-rates")) {
			Map<String, Long> posted = new ConcurrentHashMap<>();
			LoadResult ingest = loadFor(apiPort, request, posted).openLoop(options.integer("open-connections"), rate,
					options.seconds("e2e-seconds"), options.seconds("open-grace-seconds"));
			long missing = awaitSynced(tracker, posted, wait);
			Histogram latency = HttpLoad.empty();
			posted.forEach((id, intended) -> {
				Long synced = tracker.syncedAt(id);
				if (synced != null) {
					latency.recordValue(Math.max(0, (synced - intended) / 1000));
				}
			});
			context.log("  end to end at %d/s: %d accepted, p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, not SYNCED %d",
					rate, ingest.completed(), latency.getValueAtPercentile(50) / 1000.0,
					latency.getValueAtPercentile(99) / 1000.0, latency.getValueAtPercentile(99.9) / 1000.0, missing);
			String id = "e2e.r" + rate;
			String what = "POST to SYNCED at " + rate + "/s";
			results.add(id + ".p50_ms", SECTION, "p50, " + what, "ms", latency.getValueAtPercentile(50) / 1000.0);
			results.add(id + ".p99_ms", SECTION, "p99, " + what, "ms", latency.getValueAtPercentile(99) / 1000.0);
			results.add(id + ".p999_ms", SECTION, "p99.9, " + what, "ms", latency.getValueAtPercentile(99.9) / 1000.0);
			results.add(id + ".not_synced", SECTION, "not SYNCED within " + wait.toSeconds() + " s, " + what,
					"assistants", missing);
			results.latency("end to end " + rate + "/s", latency);
		}
		Map<String, Long> posted = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		LoadResult ingest = loadFor(apiPort, request, posted).closedLoop(options.integer("e2e-sustained-connections"),
				Duration.ZERO, options.seconds("e2e-sustained-seconds"));
		long missing = awaitSynced(tracker, posted, wait);
		long last = posted.keySet().stream().map(tracker::syncedAt).filter(t -> t != null).mapToLong(Long::longValue)
			.max()
			.orElse(System.nanoTime());
		double sustained = (posted.size() - missing) / ((last - start) / 1e9);
		context.log("  sustained: %d accepted at %.0f POST/s, all SYNCED after %.1f s: %.0f assistants/s end to end",
				posted.size(), ingest.throughput(), (last - start) / 1e9, sustained);
		results.add("e2e.sustained.per_s", SECTION,
				"sustained assistants/s, POST to SYNCED (closed loop, " + options.integer("e2e-sustained-connections")
						+ " connections, until the last is SYNCED)",
				"assistants/s", sustained);
		results.add("e2e.sustained.ingest_per_s", SECTION, "  POST/s accepted meanwhile", "req/s", ingest.throughput());
		results.add("e2e.sustained.not_synced", SECTION, "  not SYNCED within " + wait.toSeconds() + " s", "assistants",
				missing);
		results.series("end to end sustained: POST/s", ingest.perSecond());
		results.series("end to end sustained: SYNCED/s", tracker.perSecond(start, last));
	}

	private static HttpLoad loadFor(int port, byte[] request, Map<String, Long> posted) {
		return new HttpLoad("127.0.0.1", port, request, (location, intended) -> {
			if (location != null) {
				posted.put(location.substring(location.lastIndexOf('/') + 1), intended);
			}
		});
	}

	/**
	 * Waits until every posted assistant is SYNCED or the time is up.
	 * @return how many are still not SYNCED
	 */
	static long awaitSynced(SyncResultsTracker tracker, Map<String, Long> posted, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long missing = posted.keySet().stream().filter(id -> tracker.syncedAt(id) == null).count();
			if (missing == 0 || System.nanoTime() > deadline) {
				return missing;
			}
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
	}

}
