package io.assistantsync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.HdrHistogram.Histogram;

import io.assistantsync.common.json.EventJson;

/**
 * Phase 4, end to end: POSTs to the api-service matched by assistant id with their SYNCED results from the
 * worker, at fixed rates (latency from the intended send time to the arrival of SYNCED), and the
 * sustained rate of a closed loop (accepted assistants divided by the time until the last was SYNCED).
 */
final class EndToEndPhase {

	/** The outbox rows waiting, in {@code GET /api/sync/status}. */
	private static final String BACKLOG = "/outbox/backlog";

	/** The SYNCED assistants, in {@code GET /api/sync/status}. */
	private static final String SYNCED_COUNT = "/assistants/SYNCED";

	static final String SECTION = "End to end (POST to SYNCED)";

	private EndToEndPhase() {
	}

	static void round(BenchContext context, int apiPort, byte[] request, SyncResultsTracker tracker) throws Exception {
		BenchOptions options = context.options;
		Results results = context.results;
		Duration wait = options.seconds("e2e-wait-seconds");
		warmUp(context, apiPort, request, tracker);
		for (int rate : options.integers("e2e-rates")) {
			awaitOutboxEmpty(context, apiPort, wait);
			Map<String, Long> posted = new ConcurrentHashMap<>();
			Map<String, Long> answered = new ConcurrentHashMap<>();
			LoadResult ingest = loadFor(apiPort, request, posted, answered).openLoop(options.integer("open-connections"),
					rate, options.seconds("e2e-seconds"), options.seconds("open-grace-seconds"));
			long missing = awaitSynced(tracker, posted, wait);
			Histogram latency = HttpLoad.empty();
			Histogram pipeline = HttpLoad.empty();
			Histogram delivery = HttpLoad.empty();
			long baseNanos = System.nanoTime();
			long baseMillis = System.currentTimeMillis();
			posted.forEach((id, intended) -> {
				Long synced = tracker.syncedAt(id);
				Long decided = tracker.syncedOccurredAtMillis(id);
				Long accepted = answered.get(id);
				if (synced != null) {
					latency.recordValue(Math.max(0, (synced - intended) / 1000));
				}
				if (synced != null && decided != null && accepted != null) {
					double acceptedMillis = baseMillis + (accepted - baseNanos) / 1e6;
					double arrivedMillis = baseMillis + (synced - baseNanos) / 1e6;
					pipeline.recordValue((long) Math.max(0, (decided - acceptedMillis) * 1000));
					delivery.recordValue((long) Math.max(0, (arrivedMillis - decided) * 1000));
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
			results.add(id + ".to_decided_p50_ms", SECTION,
					"  of which 202 -> worker decided SYNCED (relay, broker, worker poll and store write), p50, " + rate
							+ "/s",
					"ms", pipeline.getValueAtPercentile(50) / 1000.0);
			results.add(id + ".to_decided_p99_ms", SECTION, "  of which 202 -> worker decided SYNCED, p99, " + rate + "/s",
					"ms", pipeline.getValueAtPercentile(99) / 1000.0);
			results.add(id + ".delivery_p50_ms", SECTION,
					"  of which SYNCED decided -> result read by a consumer, p50, " + rate + "/s", "ms",
					delivery.getValueAtPercentile(50) / 1000.0);
			results.latency("end to end " + rate + "/s", latency);
		}
		awaitOutboxEmpty(context, apiPort, wait);
		Map<String, Long> posted = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		LoadResult ingest = loadFor(apiPort, request, posted, new ConcurrentHashMap<>()).closedLoop(options.integer("e2e-sustained-connections"),
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
		double lag = apiSyncLag(apiPort, tracker.synced(), last, wait);
		context.log("  api-service shows every SYNCED result %.1f s after the last one arrived", lag);
		results.add("e2e.api_view_lag_s", SECTION,
				"api-service's own view: seconds from the last SYNCED result until /api/sync/status counts every SYNCED",
				"s", lag);
	}

	/**
	 * The worker's new consumer group starts at the end of the topic once it has its partitions: POSTs go
	 * out until one of them comes back SYNCED, so nothing measured is posted before the worker listens. Then
	 * the first rate is held for {@code warmup-seconds}, as for ingest, so that the worker's JIT has compiled
	 * its record path: without it the first rate measured a worker still compiling (p50 above a second at
	 * 500/s, more than at 1,000/s).
	 */
	private static void warmUp(BenchContext context, int apiPort, byte[] request, SyncResultsTracker tracker)
			throws Exception {
		long deadline = System.nanoTime() + context.readyTimeout().toNanos();
		while (System.nanoTime() < deadline) {
			Map<String, Long> warmup = new ConcurrentHashMap<>();
			loadFor(apiPort, request, warmup, new ConcurrentHashMap<>()).openLoop(8, 50, Duration.ofSeconds(1), Duration.ofSeconds(2));
			if (awaitSynced(tracker, warmup, Duration.ofSeconds(5)) < warmup.size()) {
				awaitSynced(tracker, warmup, Duration.ofSeconds(10));
				BenchOptions options = context.options;
				Map<String, Long> load = new ConcurrentHashMap<>();
				loadFor(apiPort, request, load, new ConcurrentHashMap<>()).openLoop(options.integer("open-connections"),
						options.integers("e2e-rates").get(0), options.seconds("warmup-seconds"),
						options.seconds("open-grace-seconds"));
				awaitSynced(tracker, load, options.seconds("e2e-wait-seconds"));
				return;
			}
		}
		throw new IllegalStateException("the worker did not sync anything within " + context.readyTimeout());
	}

	/**
	 * Waits until the api-service's outbox is empty, so that a step measures its own requests and not the
	 * backlog earlier steps left behind (the relay publishes in order).
	 */
	private static void awaitOutboxEmpty(BenchContext context, int apiPort, Duration wait) throws Exception {
		if (!awaitStatus(apiPort, wait, BACKLOG, (backlog) -> backlog == 0)) {
			context.log("  the outbox was not empty after %d s; measuring anyway", wait.toSeconds());
		}
	}

	/**
	 * How long the api-service's own database lags behind the results topic: it records every result in
	 * one transaction of its own.
	 * @param synced SYNCED results on the topic so far (the ingest phase's assistants are never synced)
	 * @return seconds from {@code lastSyncedNanos} until the api-service counts that many SYNCED
	 * assistants, or the wait if it never does
	 */
	private static double apiSyncLag(int apiPort, long synced, long lastSyncedNanos, Duration wait) throws Exception {
		awaitStatus(apiPort, wait, SYNCED_COUNT, (count) -> count >= synced);
		return Math.max(0, (System.nanoTime() - lastSyncedNanos) / 1e9);
	}

	/**
	 * Polls {@code GET /api/sync/status} until the number at {@code field} satisfies {@code done}.
	 * @param field a JSON Pointer into the status report
	 * @return whether it did within {@code wait}
	 */
	private static boolean awaitStatus(int apiPort, Duration wait, String field, LongPredicate done) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/sync/status"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			OptionalLong value = number(http.send(status, HttpResponse.BodyHandlers.ofString()).body(), field);
			if (value.isPresent() && done.test(value.getAsLong())) {
				return true;
			}
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
		return false;
	}

	/**
	 * The whole number at a JSON Pointer.
	 * @return it, or empty when the body is not JSON or has no whole number there
	 */
	static OptionalLong number(String json, String pointer) {
		try {
			JsonNode value = EventJson.mapper().readTree(json).at(pointer);
			return (value.isIntegralNumber() && value.canConvertToLong()) ? OptionalLong.of(value.longValue())
					: OptionalLong.empty();
		}
		catch (JacksonException ex) {
			return OptionalLong.empty();
		}
	}

	private static HttpLoad loadFor(int port, byte[] request, Map<String, Long> posted, Map<String, Long> answered) {
		return new HttpLoad("127.0.0.1", port, request, (location, intended) -> {
			if (location != null) {
				String id = location.substring(location.lastIndexOf('/') + 1);
				answered.put(id, System.nanoTime());
				posted.put(id, intended);
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
