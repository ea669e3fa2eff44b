package io.assistantsync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.HdrHistogram.Histogram;

import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.fixtures.StoreFaults;

/**
 * Phase 5, retry timing: the authoritative store rejects the first writes of chosen assistants with
 * SQLSTATE 40001 (a trigger, as in the worker's own tests), and each RETRYING result's
 * {@code nextAttemptAt} is compared with the {@code occurredAt} of the next result of the same event.
 */
final class RetryPhase {

	static final String SECTION = "Retry timing";

	private RetryPhase() {
	}

	static void round(BenchContext context, BenchContext.Topics topics, String storeDatabase,
			SyncResultsTracker tracker) throws Exception {
		int events = context.options.integer("retry-events");
		int failures = context.options.integer("retry-failures");
		List<AssistantSnapshot> assistants = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			assistants.add(SampleAssistants.assistant());
		}
		// the worker tests' fault injection: a trigger raises the SQLSTATE for a chosen id a given number of times
		StoreFaults faults = new StoreFaults(() -> context.postgres.connect(storeDatabase));
		for (AssistantSnapshot assistant : assistants) {
			faults.fail(assistant.id(), "40001", failures);
		}
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.kafka.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			for (AssistantSnapshot assistant : assistants) {
				producer.send(SampleTraffic.pendingCreate(topics.pendingCreate(), assistant));
			}
		}
		double delays = 0;
		for (int attempt = 0; attempt < failures; attempt++) {
			delays += Math.min(8, Math.pow(2, attempt));
		}
		Duration timeout = Duration.ofSeconds((long) delays + 30);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (assistants.stream().anyMatch(a -> tracker.syncedAt(a.id()) == null) && System.nanoTime() < deadline) {
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
		Map<String, List<SyncResult>> byEvent = new HashMap<>();
		for (AssistantSnapshot assistant : assistants) {
			byEvent.put(assistant.id(), new ArrayList<>());
		}
		for (SyncResultsTracker.Received received : tracker.all()) {
			List<SyncResult> outcomes = byEvent.get(received.outcome().assistantId());
			if (outcomes != null) {
				outcomes.add(received.outcome());
			}
		}
		Histogram lateness = HttpLoad.empty();
		Map<Integer, Histogram> byAttempt = new java.util.TreeMap<>();
		long early = 0;
		long synced = 0;
		for (List<SyncResult> outcomes : byEvent.values()) {
			outcomes.sort(Comparator.comparingInt(SyncResult::attempt));
			for (int i = 0; i + 1 < outcomes.size(); i++) {
				SyncResult retrying = outcomes.get(i);
				SyncResult next = outcomes.get(i + 1);
				if (retrying.status() == SyncResultStatus.RETRYING && retrying.nextAttemptAt() != null
						&& next.attempt() == retrying.attempt() + 1) {
					long late = Duration.between(retrying.nextAttemptAt(), next.occurredAt()).toMillis();
					if (late < 0) {
						early++;
					}
					lateness.recordValue(Math.max(0, late) * 1000);
					byAttempt.computeIfAbsent(next.attempt(), attempt -> HttpLoad.empty())
						.recordValue(Math.max(0, late) * 1000);
				}
			}
			if (outcomes.stream().anyMatch(o -> o.status() == SyncResultStatus.SYNCED)) {
				synced++;
			}
		}
		context.log("  retries: %d samples, late p50 %.0f ms, p99 %.0f ms, max %.0f ms, early %d, SYNCED %d of %d",
				lateness.getTotalCount(), lateness.getValueAtPercentile(50) / 1000.0,
				lateness.getValueAtPercentile(99) / 1000.0, lateness.getMaxValue() / 1000.0, early, synced, events);
		Results results = context.results;
		byAttempt.forEach((attempt, late) -> {
			context.log("    attempt %d: %d retries, late p50 %.0f ms, max %.0f ms", attempt, late.getTotalCount(),
					late.getValueAtPercentile(50) / 1000.0, late.getMaxValue() / 1000.0);
			results.add("retry.late.attempt" + attempt + ".max_ms", SECTION,
					"retry fired after due, max, attempt " + attempt, "ms", late.getMaxValue() / 1000.0);
		});
		results.add("retry.late.p50_ms", SECTION, "retry fired after due, p50", "ms",
				lateness.getValueAtPercentile(50) / 1000.0);
		results.add("retry.late.p99_ms", SECTION, "retry fired after due, p99", "ms",
				lateness.getValueAtPercentile(99) / 1000.0);
		results.add("retry.late.max_ms", SECTION, "retry fired after due, max", "ms", lateness.getMaxValue() / 1000.0);
		results.add("retry.samples", SECTION, "retries timed (" + events + " assistants x " + failures + " failures)",
				"retries", lateness.getTotalCount());
		results.add("retry.early", SECTION, "retries that fired before due", "retries", early);
		results.add("retry.synced", SECTION, "assistants SYNCED in the end", "assistants", synced);
		results.latency("retry lateness", lateness);
	}

}
