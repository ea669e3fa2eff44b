package io.assistantsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.assistantsync.common.json.EventJson;

/**
 * Soak: the api-service and a worker under a steady open-loop load for {@code --soak-minutes}, sampled every
 * {@code --soak-sample-seconds}: each service's heap after a full GC (forced with {@code jcmd GC.run} just before
 * the sample), live threads, pooled database connections and open sockets, and the outbox backlog. A leak shows as
 * growth: each figure's growth is its median over the last fifth of the samples against the first fifth after
 * the warm-up, in per cent. Charted over time.
 */
final class SoakPhase {

	static final String SECTION = "Soak";

	/** Samples before this are the warm-up: classes loading, pools filling, JIT. */
	private static final Duration WARM_UP = Duration.ofMinutes(2);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private SoakPhase() {
	}

	static void run(BenchContext context) throws Exception {
		Duration duration = Duration.ofSeconds(Math.round(Double.parseDouble(context.options.text("soak-minutes")) * 60));
		Duration every = context.options.seconds("soak-sample-seconds");
		double rate = context.options.integer("soak-rate");
		BenchContext.Topics topics = BenchContext.Topics.fresh(context.uniqueName("soak").replace('_', '-'), 6);
		context.createTopics(topics);
		context.log("== Soak: %.0f POST/s for %s, sampled every %s", rate, duration, every);
		try (BenchedService api = context.startApi(topics)) {
			BenchContext.Worker worker = context.startWorker(topics, true);
			try (BenchedService workerProcess = worker.process()) {
				int port = Integer.parseInt(api.baseUrl().substring(api.baseUrl().lastIndexOf(':') + 1));
				byte[] request = HttpConnection.post("127.0.0.1:" + port, "/api/assistants", SampleTraffic.requestBody());
				AtomicReference<LoadResult> load = new AtomicReference<>();
				Thread sender = new Thread(() -> {
					try {
						load.set(new HttpLoad("127.0.0.1", port, request, null).openLoop(16, rate, duration,
								Duration.ofSeconds(5)));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}, "soak-load");
				sender.start();
				Map<String, List<Double>> samples = new LinkedHashMap<>();
				long start = System.nanoTime();
				long end = start + duration.toNanos();
				int warmUpSamples = 0;
				for (long next = start + every.toNanos(); next <= end; next += every.toNanos()) {
					LockSupport.parkNanos(next - System.nanoTime());
					if (System.nanoTime() - start <= WARM_UP.toNanos()) {
						warmUpSamples++;
					}
					sample(api, "api-service", samples);
					sample(workerProcess, "sync-worker", samples);
					samples.computeIfAbsent("outbox backlog, rows", (k) -> new ArrayList<>()).add(outboxBacklog(api));
				}
				sender.join(TimeUnit.SECONDS.toMillis(60));
				LoadResult result = load.get();
				if (result != null) {
					context.results.add("soak.post_per_s", SECTION, "POST/s answered 202 during the soak", "POST/s",
							result.completed() / result.seconds());
					context.results.add("soak.errors", SECTION, "POSTs not answered 202 during the soak", "requests",
							result.errors() + result.unsent());
				}
				report(context, samples, warmUpSamples, every);
			}
			context.postgres.dropDatabase(worker.database());
		}
	}

	private static void sample(BenchedService service, String name, Map<String, List<Double>> samples) {
		gc(service);
		add(samples, name + " heap after GC, MB", ActuatorMetric.read(service, "jvm.memory.used", "area:heap", "VALUE")
				/ 1048576.0);
		add(samples, name + " live threads", ActuatorMetric.read(service, "jvm.threads.live", null, "VALUE"));
		add(samples, name + " pooled DB connections",
				ActuatorMetric.read(service, "hikaricp.connections", null, "VALUE"));
		add(samples, name + " open sockets", sockets(service.pid()));
	}

	private static void add(Map<String, List<Double>> samples, String name, double value) {
		samples.computeIfAbsent(name, (k) -> new ArrayList<>()).add(value);
	}

	private static void report(BenchContext context, Map<String, List<Double>> samples, int warmUpSamples,
			Duration every) {
		samples.forEach((name, values) -> {
			List<Double> settled = values.subList(Math.min(warmUpSamples, values.size() - 1), values.size());
			int fifth = Math.max(1, settled.size() / 5);
			double first = median(settled.subList(0, fifth));
			double last = median(settled.subList(settled.size() - fifth, settled.size()));
			double growth = (first > 0) ? 100.0 * (last - first) / first : 0;
			String id = "soak." + name.replaceAll("[^a-zA-Z0-9]+", "_").replaceAll("_$", "").toLowerCase();
			context.results.add(id + ".first", SECTION, name + ", median of the first fifth after warm-up", "", first);
			context.results.add(id + ".last", SECTION, name + ", median of the last fifth", "", last);
			context.results.add(id + ".growth_pct", SECTION, name + ", growth from the first to the last fifth", "%",
					growth);
			context.results.samples("soak: " + name, every, values.stream().mapToDouble(Double::doubleValue).toArray());
			context.log("  %s: %.1f -> %.1f (%+.1f %%)", name, first, last, growth);
		});
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return (sorted.length == 0) ? 0 : sorted[sorted.length / 2];
	}

	/** Forces a full GC, so that the heap sample is the live set, not how far the collector let it grow. */
	private static void gc(BenchedService service) {
		try {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					Long.toString(service.pid()), "GC.run")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			jcmd.waitFor(30, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// no jcmd: the sample is the heap as it is
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The process's open sockets: its file descriptors that are sockets (Linux). */
	private static double sockets(long pid) {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			return descriptors.filter((fd) -> {
				try {
					return Files.readSymbolicLink(fd).toString().startsWith("socket:");
				}
				catch (IOException ex) {
					return false;
				}
			}).count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static double outboxBacklog(BenchedService api) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/sync/status"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
			return EventJson.mapper().readTree(body).at("/outbox/backlog").asDouble(-1);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
