package io.assistantsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code ProducerPerformance} (kafka-tools) in a child JVM, with pending-create events as the
 * payload and the outbox relay's producer settings: what this machine's broker takes from one Java
 * producer.
 */
final class ProducerLimit {

	private static final Pattern SUMMARY = Pattern
		.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency");

	private static final Pattern P99 = Pattern.compile("([0-9.]+) ms 99th");

	/** The api-service's relay producer (api-service application.yml). */
	static final List<String> RELAY_PRODUCER = List.of("acks=all", "enable.idempotence=true", "batch.size=262144",
			"linger.ms=5", "compression.type=lz4");

	private ProducerLimit() {
	}

	/**
	 * Runs the benchmark once.
	 * @return records/s and latencies
	 */
	static Result run(String bootstrapServers, String topic, int records, List<String> producerProps, Path workDirectory)
			throws IOException, InterruptedException {
		Files.createDirectories(workDirectory);
		Path payloads = workDirectory.resolve("payloads.txt");
		if (!Files.exists(payloads)) {
			List<String> lines = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				lines.add(SampleTraffic.eventLine());
			}
			Files.write(payloads, lines, StandardCharsets.UTF_8);
		}
		List<String> command = new ArrayList<>(List.of(BenchedService.javaExecutable(), "-Xmx512m", "-cp",
				System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
				"--num-records", Integer.toString(records), "--throughput", "-1", "--payload-file",
				payloads.toString(), "--producer-props", "bootstrap.servers=" + bootstrapServers));
		command.addAll(producerProps);
		Path log = workDirectory.resolve("producer-perf-" + topic + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("ProducerPerformance did not finish; see " + log);
		}
		String output = Files.readString(log);
		Matcher summary = SUMMARY.matcher(output);
		Result result = null;
		while (summary.find()) {
			result = new Result(Double.parseDouble(summary.group(2)), Double.parseDouble(summary.group(3)),
					Double.parseDouble(summary.group(4)), 0);
		}
		if (result == null || process.exitValue() != 0) {
			throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + "); see " + log);
		}
		Matcher p99 = P99.matcher(output);
		double p99Millis = 0;
		while (p99.find()) {
			p99Millis = Double.parseDouble(p99.group(1));
		}
		return new Result(result.recordsPerSecond(), result.megabytesPerSecond(), result.avgLatencyMillis(), p99Millis);
	}

	/**
	 * @param recordsPerSecond records per second
	 * @param megabytesPerSecond MB per second
	 * @param avgLatencyMillis average send-to-ack latency
	 * @param p99LatencyMillis 99th percentile send-to-ack latency
	 */
	record Result(double recordsPerSecond, double megabytesPerSecond, double avgLatencyMillis,
			double p99LatencyMillis) {
	}

}
