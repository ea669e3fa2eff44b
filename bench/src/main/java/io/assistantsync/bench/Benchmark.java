package io.assistantsync.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark run: a fresh PostgreSQL and broker, every phase in order, then the report. A phase that
 * fails is named in the report and fails the run, after the report is written.
 */
final class Benchmark {

	private final BenchOptions options;

	private final PrintStream out;

	Benchmark(BenchOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/**
	 * Runs everything and writes the report.
	 * @return the report directory
	 * @throws BenchmarkFailedException when a phase failed (the report says which)
	 */
	Path run(String mode) throws Exception {
		for (String module : List.of("api-service", "sync-worker")) {
			Path jar = this.options.path("root").resolve(module).resolve("target").resolve(module + "-exec.jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: run ./mvnw -q -B -DskipTests package first");
			}
		}
		Results results = new Results();
		results.settings.put("mode", mode);
		results.settings.putAll(this.options.values());
		results.settings.put("started_at", Instant.now().toString());
		Path work = this.options.path("work");
		Files.createDirectories(work);
		List<String> failures = new ArrayList<>();
		long started = System.nanoTime();
		this.out.println("Starting PostgreSQL and Kafka (fresh, on free ports)");
		try (BenchPostgres postgres = BenchPostgres.start(work.resolve("data"));
				BenchKafka kafka = BenchKafka.start()) {
			BenchContext context = new BenchContext(this.options, kafka, postgres, results, this.out);
			context.prepareServices();
			results.machine.putAll(MachineInfo.collect(context));
			this.out.println("Machine: " + results.machine);
			List<String> phases = this.options.words("phases").stream()
				.flatMap(word -> java.util.Arrays.stream(word.split(",")))
				.toList();
			if (phases.contains("limits")) {
				phase("limits", () -> LimitsPhase.run(context), results, failures);
			}
			if (phases.contains("ceiling")) {
				phase("load generator ceiling", () -> IngestPhase.generatorCeiling(context), results, failures);
			}
			if (phases.contains("pipeline")) {
				phase("pipeline (ingest, end to end, retries, memory)", () -> PipelinePhase.run(context), results,
						failures);
			}
			if (phases.contains("drain")) {
				phase("worker drain", () -> DrainPhase.run(context), results, failures);
			}
			if (phases.contains("peer")) {
				phase("peer", () -> PeerPhase.run(context), results, failures);
			}
			if (phases.contains("soak")) {
				phase("soak", () -> SoakPhase.run(context), results, failures);
			}
			if (phases.contains("scale")) {
				phase("scale-out", () -> ScaleOutPhase.run(context), results, failures);
			}
			context.apiStartSeconds.forEach(seconds -> results.add("startup.api_s", PipelinePhase.MEMORY,
					"api-service start-up: process start to readiness 200", "s", seconds));
			context.workerStartSeconds.forEach(seconds -> results.add("startup.worker_s", PipelinePhase.MEMORY,
					"sync-worker start-up: process start to readiness 200", "s", seconds));
		}
		results.settings.put("finished_at", Instant.now().toString());
		results.settings.put("duration_s", Math.round((System.nanoTime() - started) / 1e9));
		results.settings.put("load_average_at_end", MachineInfo.loadAverage());
		results.complete();
		Assessment.assess(results);
		describeMethod(results);
		failures.forEach(failure -> results.note("FAILED phase: " + failure));
		Path report = this.options.path("out");
		ReportWriter.write(results, report);
		this.out.printf("Report written to %s (%d s)%n", report, Math.round((System.nanoTime() - started) / 1e9));
		if (!failures.isEmpty()) {
			throw new BenchmarkFailedException("phases failed: " + String.join("; ", failures));
		}
		return report;
	}

	private void phase(String name, Phase phase, Results results, List<String> failures) {
		long started = System.nanoTime();
		try {
			phase.run();
		}
		catch (Exception ex) {
			ex.printStackTrace(this.out);
			failures.add(name + ": " + ex);
		}
		results.settings.put("phase_seconds." + name, Math.round((System.nanoTime() - started) / 1e9));
	}

	private void describeMethod(Results results) {
		results.note("Everything runs on this one machine: the KRaft broker inside the harness JVM, an embedded"
				+ " PostgreSQL 17 (fresh data directory, deleted afterwards, synchronous_commit=on), api-service and"
				+ " sync-worker as child JVMs started from their exec jars (with --service-cds on, the default:"
				+ " extracted with Spring Boot's jarmode=tools, as Spring Boot documents for production, and with a"
				+ " class-data sharing archive that each service's first start records when it exits and every later"
				+ " start uses; the start-up figures include that first start), the load generator in the harness JVM."
				+ " On 2 cores they all compete for CPU, so each limit is measured the same way, in the same run.");
		results.note("Machine limits: Kafka's ProducerPerformance (kafka-tools, child JVM) with 1,000 distinct"
				+ " pending-create events as payload and the relay's producer settings (" + String.join(", ",
						ProducerLimit.RELAY_PRODUCER) + "); plain JDBC inserting the assistant and outbox rows in one"
				+ " durable transaction per request on the api-service's own tables (its Flyway migration, read from"
				+ " its jar); 100-row INSERT ... ON CONFLICT statements with the worker's version guard into the"
				+ " authoritative table (the worker's migration), autocommit.");
		results.note("Load generator: plain Java, one platform thread per HTTP/1.1 keep-alive socket, pre-built"
				+ " request bytes (the JDK HttpClient costs more CPU per request than the service under test on 2"
				+ " cores). Its ceiling against a trivial server is reported; the trivial server runs in the same JVM.");
		results.note("Open loops: request i is due at start + i/rate; its latency counts from that intended time"
				+ " (no coordinated omission). Requests still unsent " + this.options.text("open-grace-seconds")
				+ " s after the end are given up and counted as failed with their wait so far.");
		results.note("Each pipeline round starts a fresh api-service (new database, new topics), measures ingest"
				+ " with the worker stopped (after " + this.options.text("warmup-seconds") + " s of warm-up load, so"
				+ " the JIT has compiled the request path), then starts a fresh worker whose new consumer group starts at the end of"
				+ " the topic (so the ingest backlog is not part of the end-to-end figures), holds the first end-to-end"
				+ " rate for " + this.options.text("warmup-seconds") + " s of warm-up, then measures end to end"
				+ " and the retry timing, then reads both services' peak RSS (VmHWM) and peak heap (Actuator"
				+ " jvm.memory.used, sampled every 500 ms).");
		results.note("End to end: POST -> SYNCED latency counts from the POST's intended send time to the arrival"
				+ " of its SYNCED result at a consumer in the harness (matched by assistant id from the Location"
				+ " header); each step starts once the api-service's outbox is empty. Sustained: a closed loop for the given seconds; accepted assistants divided by the time"
				+ " from its start until the last of them was SYNCED.");
		results.note("Worker drain: events preloaded with a fast producer (same JSON and headers as the relay"
				+ " writes, from the test fixtures' SampleAssistants and common's EventJson), then a fresh worker (new group, new store)"
				+ " drains them; rate = SYNCED results / time from the first to the last SYNCED arrival. The worker"
				+ " runs with its defaults (one consumer per core, at most the partitions).");
		results.note("Retry timing: a trigger makes the store raise SQLSTATE 40001 for chosen assistants a given"
				+ " number of times; lateness = occurredAt of the next result minus nextAttemptAt of the RETRYING"
				+ " result (both written by the worker's clock). When several faulted assistants share one poll,"
				+ " the rejected batch write uses up one injected failure of the first of them, so that one needs"
				+ " a retry fewer: the number of retries timed is reported.");
		results.note("The peer is Kafka Connect standalone (connect-runtime, same Kafka version) with the Debezium"
				+ " JDBC sink, one task, upsert mode, on a 1-partition topic of the same assistants as JSON with the"
				+ " schema envelope, into a table created from the worker's migration. It publishes no results and"
				+ " has no version guard; on a database error it stops the task (status FAILED) instead of"
				+ " dead-lettering and carrying on, where the worker retries and dead-letters per record.");
	}

	@FunctionalInterface
	private interface Phase {

		void run() throws Exception;

	}

	/**
	 * At least one phase failed; the report names it.
	 */
	static final class BenchmarkFailedException extends Exception {

		BenchmarkFailedException(String message) {
			super(message);
		}

	}

}
