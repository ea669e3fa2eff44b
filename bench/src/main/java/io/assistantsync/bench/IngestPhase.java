package io.assistantsync.bench;

import java.time.Duration;

/**
 * Phase 2, API ingest against a running api-service (no worker): closed loops at fixed connection counts
 * and open loops at fixed rates, plus the load generator's own ceiling against a trivial server.
 */
final class IngestPhase {

	static final String SECTION = "API ingest";

	static final String GENERATOR = "Load generator ceiling";

	private IngestPhase() {
	}

	/**
	 * What the generator reaches against a server that does nothing, at the same connection counts.
	 */
	static void generatorCeiling(BenchContext context) throws Exception {
		String body = SampleTraffic.requestBody();
		try (TrivialHttpServer server = TrivialHttpServer.start(700)) {
			byte[] request = HttpConnection.post("127.0.0.1:" + server.port(), "/api/assistants", body);
			HttpLoad load = new HttpLoad("127.0.0.1", server.port(), request, null);
			for (int connections : context.options.integers("closed-connections")) {
				for (int run = 1; run <= context.options.runs(); run++) {
					LoadResult result = load.closedLoop(connections, Duration.ofMillis(500),
							context.options.seconds("ceiling-seconds"));
					context.log("== Generator ceiling, %d connections, run %d: %.0f req/s, p99 %.2f ms", connections,
							run, result.throughput(), result.percentileMillis(99));
					context.results.add("generator.c" + connections + ".req_per_s", GENERATOR,
							"Load generator against a trivial HTTP server, " + connections + " connections", "req/s",
							result.throughput());
				}
			}
		}
	}

	/**
	 * One round against a fresh api-service.
	 * @param load the generator aimed at it
	 * @param apiPid the api-service's process, whose CPU time per request is measured
	 * @param run the round's number
	 */
	static void round(BenchContext context, HttpLoad load, long apiPid, int run) throws Exception {
		BenchOptions options = context.options;
		Results results = context.results;
		Duration warmup = options.seconds("warmup-seconds");
		boolean first = true;
		for (int connections : options.integers("closed-connections")) {
			ProcessCpu cpu = new ProcessCpu(apiPid);
			LoadResult result = load.closedLoop(connections, first ? warmup : Duration.ofSeconds(1),
					options.seconds("closed-seconds"), cpu);
			first = false;
			double cpuMicros = cpu.microsPerRequest(result.completed());
			context.log("  closed loop, %d connections: %.0f POST/s, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, errors %d,"
					+ " api-service CPU %.0f µs/POST", connections, result.throughput(), result.percentileMillis(50),
					result.percentileMillis(99), result.percentileMillis(99.9), result.errors(), cpuMicros);
			String id = "ingest.closed.c" + connections;
			String what = "closed loop, " + connections + " connections";
			results.add(id + ".req_per_s", SECTION, "POST/s, " + what, "req/s", result.throughput());
			results.add(id + ".p50_ms", SECTION, "p50, " + what, "ms", result.percentileMillis(50));
			results.add(id + ".p99_ms", SECTION, "p99, " + what, "ms", result.percentileMillis(99));
			results.add(id + ".p999_ms", SECTION, "p99.9, " + what, "ms", result.percentileMillis(99.9));
			results.add(id + ".errors", SECTION, "errors, " + what, "requests", result.errors());
			results.add(id + ".api_cpu_us_per_req", SECTION, "api-service CPU time per POST, " + what, "µs",
					cpuMicros);
			results.latency("ingest closed " + connections + " conn", result.latency());
			results.series("ingest closed " + connections + " conn: POST/s", result.perSecond());
		}
		for (int rate : options.integers("open-rates")) {
			LoadResult result = load.openLoop(options.integer("open-connections"), rate, options.seconds("open-seconds"),
					options.seconds("open-grace-seconds"));
			context.log("  open loop, %d/s: achieved %.0f/s, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, errors %d, unsent %d",
					rate, result.throughput(), result.percentileMillis(50), result.percentileMillis(99),
					result.percentileMillis(99.9), result.errors(), result.unsent());
			String id = "ingest.open.r" + rate;
			String what = "open loop at " + rate + "/s";
			results.add(id + ".achieved_per_s", SECTION, "achieved POST/s, " + what, "req/s", result.throughput());
			results.add(id + ".p50_ms", SECTION, "p50 from intended send, " + what, "ms", result.percentileMillis(50));
			results.add(id + ".p99_ms", SECTION, "p99 from intended send, " + what, "ms", result.percentileMillis(99));
			results.add(id + ".p999_ms", SECTION, "p99.9 from intended send, " + what, "ms",
					result.percentileMillis(99.9));
			results.add(id + ".failed", SECTION, "errors + given up, " + what, "requests",
					result.errors() + result.unsent());
			results.latency("ingest open " + rate + "/s", result.latency());
		}
	}

}
