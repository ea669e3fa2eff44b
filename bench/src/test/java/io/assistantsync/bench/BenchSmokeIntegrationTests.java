package io.assistantsync.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole harness at smoke size, as part of the build, so it never rots: a fresh broker and PostgreSQL,
 * both services as child processes, every phase but the peer, and a report under {@code target/}.
 */
class BenchSmokeIntegrationTests {

	private static final Path ROOT = Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();

	@Test
	void shouldMeasureEveryPhaseAndWriteTheReport() throws Exception {
		Path target = ROOT.resolve("bench/target");
		Path report = target.resolve("smoke-report");
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

		new Benchmark(BenchOptions.parse("--smoke", "--root", ROOT.toString(), "--out", report.toString(), "--work",
				target.resolve("smoke-work").toString()), out).run("--smoke");

		assertThat(report.resolve("REPORT.md")).isRegularFile();
		assertThat(Files.readString(report.resolve("REPORT.md"))).contains("## Targets", "## Findings",
				"## API ingest", "## Worker drain", "## Limits of this machine");
		assertThat(report.resolve("latency-ingest.png")).isRegularFile();
		assertThat(report.resolve("latency-end-to-end.png")).isRegularFile();
		assertThat(report.resolve("throughput-drain.png")).isRegularFile();
		assertThat(Files.size(report.resolve("latency-ingest.png"))).isGreaterThan(1000);
		JsonNode results = JsonMapper.builder().build().readTree(report.resolve("results.json").toFile());
		assertThat(results.path("machine").path("cores").asInt()).isPositive();
		assertThat(results.path("machine").path("kafka").asString()).startsWith("4.");
		for (String id : new String[] { "limits.kafka.producer.records_per_s", "limits.pg.durable.c4.tx_per_s",
				"limits.pg.upsert100.c1.rows_per_s", "generator.c4.req_per_s", "ingest.closed.c4.req_per_s",
				"ingest.open.r100.achieved_per_s", "e2e.r50.p50_ms", "e2e.sustained.per_s", "drain.p2.records_per_s",
				"memory.api.peak_rss_mb", "memory.api.peak_heap_mb", "memory.worker.drain.peak_rss_mb",
				"startup.api_s", "startup.worker_s", "retry.samples" }) {
			assertThat(median(results, id)).as(id).isPositive();
		}
		assertThat(median(results, "drain.p2.missing")).isZero();
		assertThat(median(results, "drain.p2.rows")).isEqualTo(1000);
		assertThat(median(results, "retry.synced")).isEqualTo(3);
		assertThat(results.path("targets").size()).isGreaterThanOrEqualTo(8);
	}

	private static double median(JsonNode results, String id) {
		for (JsonNode figure : results.path("figures")) {
			if (figure.path("id").asString().equals(id)) {
				return figure.path("median").asDouble();
			}
		}
		throw new AssertionError("no figure " + id + " in results.json");
	}

}
