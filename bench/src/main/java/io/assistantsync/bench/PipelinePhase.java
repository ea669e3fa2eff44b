package io.assistantsync.bench;

import java.time.Duration;

/**
 * Phases 2, 4, 5 and 6 in rounds: each round starts a fresh api-service, measures ingest, starts a fresh
 * worker next to it, measures end to end and the retry timing, and records the peak memory of both
 * services under that load.
 */
final class PipelinePhase {

	static final String MEMORY = "Memory and start-up";

	private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);

	private PipelinePhase() {
	}

	static void run(BenchContext context) throws Exception {
		for (int run = 1; run <= context.options.runs(); run++) {
			context.log("== Pipeline round %d of %d", run, context.options.runs());
			BenchContext.Topics topics = BenchContext.Topics.fresh(context.uniqueName("pipeline").replace('_', '-'), 6);
			context.createTopics(topics);
			try (BenchedService api = context.startApi(topics)) {
				api.startSampling(SAMPLE_INTERVAL);
				int port = Integer.parseInt(api.baseUrl().substring(api.baseUrl().lastIndexOf(':') + 1));
				byte[] request = HttpConnection.post("127.0.0.1:" + port, "/api/assistants", SampleTraffic.requestBody());
				IngestPhase.round(context, new HttpLoad("127.0.0.1", port, request, null), api.pid(), run);
				BenchContext.Worker worker = context.startWorker(topics, true);
				try (BenchedService workerProcess = worker.process();
						SyncResultsTracker tracker = new SyncResultsTracker(context.kafka.bootstrapServers(),
								topics.syncResults(), true)) {
					workerProcess.startSampling(SAMPLE_INTERVAL);
					EndToEndPhase.round(context, port, request, tracker);
					RetryPhase.round(context, topics, worker.database(), tracker);
					memory(context, "api", "api-service", api, "ingest and end to end");
					memory(context, "worker.e2e", "sync-worker", workerProcess, "end to end");
				}
				context.postgres.dropDatabase(worker.database());
			}
		}
	}

	static void memory(BenchContext context, String id, String service, BenchedService process, String load) {
		double rss = process.peakRssBytes() / 1048576.0;
		double heap = process.peakHeapBytes() / 1048576.0;
		context.log("  %s peak RSS %.0f MB, peak heap used %.0f MB (%s)", service, rss, heap, load);
		context.results.add("memory." + id + ".peak_rss_mb", MEMORY, service + " peak RSS (VmHWM) under " + load, "MB",
				rss);
		context.results.add("memory." + id + ".peak_heap_mb", MEMORY, service + " peak heap used under " + load, "MB",
				heap);
	}

}
