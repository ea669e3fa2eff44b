package io.assistantsync.bench;

import java.util.Optional;

/**
 * The targets, each as a measured ratio, and a finding for every miss: what, measured how, and
 * the change suggested to the owning service.
 */
final class Assessment {

	private Assessment() {
	}

	static void assess(Results results) {
		for (String c : results.figures.stream()
			.filter(f -> f.id().startsWith("ingest.closed.c") && f.id().endsWith(".req_per_s"))
			.map(f -> f.id().substring("ingest.closed.c".length(), f.id().indexOf(".req_per_s")))
			.toList()) {
			both(results, "ingest.closed.c" + c + ".req_per_s", "limits.pg.durable.c" + c + ".tx_per_s",
					(ingest, limit) -> {
						Target target = Target.atLeast("Ingest >= 1.0x one-transaction-per-request limit, " + c
								+ " connections", ingest.median(), limit.median(), 1.0,
								"closed-loop POST/s vs plain JDBC assistant+outbox transactions/s at the same concurrency");
						results.targets.add(target);
						if (!target.met()) {
							results.finding(String.format(
									"api-service ingest at %s connections is %.0f POST/s, %.2fx the %.0f tx/s that PostgreSQL"
											+ " alone commits for the same two inserts (closed loop, %s connections, median of %d runs)."
											+ " The api-service is CPU-bound here, not commit-bound: under this load it uses most of"
											+ " both cores while PostgreSQL uses a fraction of one. Concurrent POSTs already share a"
											+ " commit (group commit), so the limit is the CPU per request (api-service CPU per POST in"
											+ " the ingest table: about 1 ms, which on 2 cores shared with the load generator, the broker"
											+ " and PostgreSQL allows little more than 1,500 POST/s); what is left is HTTP, JSON and"
											+ " Spring MVC per request.",
									c, ingest.median(), target.ratio(), limit.median(), c, ingest.runs().size()));
						}
					});
		}
		results.figure("ingest.closed.c16.p99_ms").ifPresent(p99 -> {
			Target target = Target.atMost("Ingest p99 < 50 ms at 16 connections", p99.median(), 50,
					"closed loop, 16 connections, p99 of POST to 202");
			results.targets.add(target);
			if (!target.met()) {
				results.finding(String.format("api-service p99 at 16 connections is %.1f ms (target 50 ms; p50 %.1f ms)."
						+ " Measured with a closed loop over 16 keep-alive connections. Look at the commit latency"
						+ " of the durable-write limit at 16 connections for the database's share.", p99.median(),
						results.figure("ingest.closed.c16.p50_ms").map(Figure::median).orElse(Double.NaN)));
			}
		});
		Optional<Figure> upsert = results.figures.stream()
			.filter(f -> f.id().startsWith("limits.pg.upsert") && f.id().endsWith(".rows_per_s"))
			.max((a, b) -> Double.compare(a.median(), b.median()));
		for (Figure drain : results.figures.stream()
			.filter(f -> f.id().startsWith("drain.p") && f.id().endsWith(".records_per_s"))
			.toList()) {
			String partitions = drain.id().substring("drain.p".length(), drain.id().indexOf(".records"));
			upsert.ifPresent(limit -> {
				Target target = Target.atLeast("Worker drain >= 40% of the batched-upsert limit, " + partitions
						+ " partition(s)", drain.median(), limit.median(), 0.4,
						"records/s SYNCED vs the best " + limit.label());
				results.targets.add(target);
				if (!target.met()) {
					results.finding(String.format(
							"sync-worker drains %.0f records/s with %s partition(s), %.0f%% of the %.0f rows/s PostgreSQL"
									+ " takes in 100-row upserts (100,000 preloaded events, median of %d runs). Per poll the"
									+ " worker does one upsert, then publishes and waits for every SYNCED ack before the next"
									+ " poll, so the store and the broker are used one after the other. Next step"
									+ " (sync-worker, PendingCreateBatchListener): overlap, writing batch n+1 while the acks of"
									+ " batch n are pending and committing n's offsets only after them; Spring Kafka's async acks"
									+ " pause the consumer until a poll's acks are in, so this needs a pipeline of its own.",
							drain.median(), partitions, 100 * target.ratio(), limit.median(), drain.runs().size()));
				}
			});
		}
		both(results, "drain.p1.records_per_s", "peer.rows_per_s", (drain, peer) -> {
			Target target = Target.atLeast("Worker drain >= 3x the peer (1 partition, one consumer each)",
					drain.median(), peer.median(), 3.0,
					"worker records/s (store + SYNCED published) vs Kafka Connect + Debezium JDBC sink rows/s");
			results.targets.add(target);
			if (!target.met()) {
				results.finding(String.format(
						"sync-worker at 1 partition drains %.0f records/s, %.2fx Kafka Connect with the Debezium JDBC"
								+ " sink (%.0f rows/s, one task, batch.size 2,000), short of 3x. The peer does less per"
								+ " record (no result events, no version guard). See the drain finding for the change.",
						drain.median(), target.ratio(), peer.median()));
			}
		});
		Optional<Figure> maxIngest = results.figures.stream()
			.filter(f -> f.id().startsWith("ingest.closed.c") && f.id().endsWith(".req_per_s"))
			.max((a, b) -> Double.compare(a.median(), b.median()));
		results.figure("e2e.sustained.per_s").ifPresent(e2e -> maxIngest.ifPresent(ingest -> {
			Target target = Target.atLeast("End to end sustained >= 90% of ingest", e2e.median(), ingest.median(), 0.9,
					"assistants/s from first POST to last SYNCED (closed loop) vs the best closed-loop ingest alone ("
							+ ingest.label() + ")");
			results.targets.add(target);
			if (!target.met()) {
				results.finding(String.format(
						"End to end the pipeline sustains %.0f assistants/s, %.0f%% of the %.0f POST/s the api-service"
								+ " takes alone (best closed loop). With both services on 2 cores, the worker, the relay and"
								+ " the api-service's own sync-result consumer (one UPDATE per result) compete for the same"
								+ " CPU and WAL. Compare the POST/s accepted during the sustained run (%.0f/s) with ingest"
								+ " alone to see how much of the drop is the API slowing down rather than a backlog.",
						e2e.median(), 100 * target.ratio(), ingest.median(),
						results.figure("e2e.sustained.ingest_per_s").map(Figure::median).orElse(Double.NaN)));
			}
		}));
		results.figure("e2e.r1000.p99_ms").ifPresent(p99 -> {
			Target target = Target.atMost("p99 POST -> SYNCED < 500 ms at 1,000/s", p99.median(), 500,
					"open loop at 1,000/s, from the intended send time to the SYNCED result's arrival");
			results.targets.add(target);
			if (!target.met()) {
				results.finding(String.format(
						"POST -> SYNCED p99 at 1,000/s is %.0f ms (p50 %.0f ms; target 500 ms). The path has the"
								+ " relay's poll interval (250 ms when idle, woken on commit), its linger (5 ms), the"
								+ " worker's poll and batch write, the results producer and the tracker's poll.",
						p99.median(), results.figure("e2e.r1000.p50_ms").map(Figure::median).orElse(Double.NaN)));
			}
		});
		results.figure("retry.late.p99_ms").ifPresent(p99 -> {
			Target target = Target.atMost("Retries fire <= 250 ms after due at p99", p99.median(), 250,
					"RETRYING.nextAttemptAt vs occurredAt of the next result of the same event");
			results.targets.add(target);
			if (!target.met()) {
				results.finding(String.format(
						"Retries fire %.0f ms after they are due at p99 (p50 %.0f ms; target 250 ms; latest first"
								+ " retry %.0f ms, latest later retry %.0f ms). The faulted assistants fail in one poll and"
								+ " fall due together; if only the first retry is late, the retry containers work"
								+ " through that burst one record at a time (failed write, forward, RETRYING result, each"
								+ " awaited). Suggested change (sync-worker, RetryTopicsConfiguration): stop seeking after a"
								+ " failed record (DefaultErrorHandler.setSeekAfterError(false) keeps the rest of the poll in"
								+ " memory), so the records behind it need no new fetch and the retry consumers can fetch"
								+ " with Kafka's default wait; more consumers per retry topic also help, but each one polls"
								+ " continuously while idle.",
						p99.median(), results.figure("retry.late.p50_ms").map(Figure::median).orElse(Double.NaN),
						results.figure("retry.late.attempt2.max_ms").map(Figure::median).orElse(Double.NaN),
						results.figures.stream()
							.filter(f -> f.id().startsWith("retry.late.attempt") && !f.id().contains("attempt2."))
							.mapToDouble(Figure::median)
							.max()
							.orElse(Double.NaN)));
			}
		});
		for (String[] service : new String[][] { { "memory.api.peak_rss_mb", "api-service" },
				{ "memory.worker.drain.peak_rss_mb", "sync-worker (drain)" },
				{ "memory.worker.e2e.peak_rss_mb", "sync-worker (end to end)" } }) {
			results.figure(service[0]).ifPresent(rss -> {
				Target target = Target.atMost(service[1] + " < 400 MB RSS at full load", rss.max(), 400,
						"highest VmHWM of all runs");
				results.targets.add(target);
				if (!target.met()) {
					results.finding(String.format(
							"%s peaks at %.0f MB RSS (VmHWM, highest of %d runs; target 400 MB) with %s. Most of it is"
									+ " heap the JVM is allowed to grow into plus metaspace and code cache; cap it with"
									+ " -Xmx/-XX:MaxRAMPercentage in the image, or -XX:+UseSerialGC on 2 cores.",
							service[1], rss.max(), rss.runs().size(), "the JVM options in results.json"));
				}
			});
		}
		for (String[] service : new String[][] { { "startup.api_s", "api-service" },
				{ "startup.worker_s", "sync-worker" } }) {
			results.figure(service[0]).ifPresent(start -> {
				Target target = Target.atMost(service[1] + " ready in < 10 s", start.median(), 10,
						"process start to /actuator/health/readiness 200");
				results.targets.add(target);
				if (!target.met()) {
					results.finding(String.format(
							"%s takes %.1f s from process start to readiness (median of %d starts, max %.1f s; target"
									+ " 10 s) on a 2-core machine that is also running the broker and the other service.",
							service[1], start.median(), start.runs().size(), start.max()));
				}
			});
		}
	}

	private static void both(Results results, String a, String b, java.util.function.BiConsumer<Figure, Figure> action) {
		Optional<Figure> first = results.figure(a);
		Optional<Figure> second = results.figure(b);
		if (first.isPresent() && second.isPresent()) {
			action.accept(first.get(), second.get());
		}
	}

}
