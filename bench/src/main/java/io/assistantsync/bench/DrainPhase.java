package io.assistantsync.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Phase 3, worker drain: pending-create events preloaded on a topic, then a fresh worker (new consumer
 * group, new store) drains them; the rate counts records written to the store with their SYNCED result
 * published.
 */
final class DrainPhase {

	static final String SECTION = "Worker drain";

	private DrainPhase() {
	}

	static void run(BenchContext context) throws Exception {
		int requested = context.options.integer("drain-events");
		for (int partitions : context.options.integers("drain-partitions")) {
			String prefix = context.uniqueName("drain_p" + partitions).replace('_', '-');
			String topic = prefix + ".assistants.pending-create";
			context.kafka.createTopic(topic, partitions);
			long started = System.nanoTime();
			long events = preload(context.kafka.bootstrapServers(), topic, requested);
			context.log("== Drain, %d partition(s): %d events preloaded in %.1f s", partitions, events,
					(System.nanoTime() - started) / 1e9);
			if (events < requested) {
				context.results.note("Drain with " + partitions + " partition(s): only " + events + " of " + requested
						+ " events could be preloaded; the drain counts those.");
			}
			for (int run = 1; run <= context.options.runs(); run++) {
				BenchContext.Topics topics = new BenchContext.Topics(topic, prefix + ".r" + run + ".sync-results",
						partitions);
				context.kafka.createTopic(topics.syncResults(), partitions);
				try (SyncResultsTracker tracker = new SyncResultsTracker(context.kafka.bootstrapServers(),
						topics.syncResults(), false)) {
					BenchContext.Worker worker = context.startWorker(topics, false);
					try (BenchedService process = worker.process()) {
						process.startSampling(Duration.ofMillis(500));
						long deadline = System.nanoTime() + Duration.ofSeconds(60 + events / 1000).toNanos();
						while (tracker.synced() < events && System.nanoTime() < deadline && process.isAlive()) {
							LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
						}
						long first = tracker.syncedTimes().values().stream().mapToLong(Long::longValue).min().orElse(0);
						long last = tracker.syncedTimes().values().stream().mapToLong(Long::longValue).max().orElse(1);
						double rate = tracker.synced() / ((last - first) / 1e9);
						long rows = context.postgres.count(worker.database(), "assistants");
						context.log("  run %d: %d SYNCED in %.1f s = %.0f records/s; %d rows in the store", run,
								tracker.synced(), (last - first) / 1e9, rate, rows);
						String id = "drain.p" + partitions;
						String what = partitions + " partition(s)";
						context.results.add(id + ".records_per_s", SECTION,
								"records/s into the store with SYNCED published, " + what, "records/s", rate);
						context.results.add(id + ".missing", SECTION, "events not SYNCED, " + what, "events",
								events - tracker.synced());
						context.results.add(id + ".rows", SECTION, "rows in the store afterwards, " + what, "rows", rows);
						context.results.series("drain " + what + ": SYNCED/s", tracker.perSecond(first, last));
						PipelinePhase.memory(context, "worker.drain", "sync-worker", process,
								"drain of " + events + " events");
					}
					context.postgres.dropDatabase(worker.database());
				}
			}
		}
	}

	/**
	 * Writes the events as fast as the broker takes them: large lz4 batches, as the relay sends them.
	 */
	static long preload(String bootstrapServers, String topic, int events) {
		AtomicLong written = new AtomicLong();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(fastProducer(bootstrapServers),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < events; i++) {
				producer.send(SampleTraffic.pendingCreate(topic), (metadata, failure) -> {
					if (failure == null) {
						written.incrementAndGet();
					}
				});
			}
			producer.flush();
		}
		return written.get();
	}

	/**
	 * Large lz4 batches and patient timeouts: on a busy 2-core machine a preload must not time out and
	 * leave gaps. Not idempotent, one request in flight: with the in-JVM broker starved of CPU, the
	 * idempotent producer was seen to loop on OutOfOrderSequenceException for a multi-partition topic until
	 * its delivery timeout; a retried batch here can at worst duplicate an event, which the worker's upsert
	 * and the distinct count of SYNCED assistants absorb.
	 */
	static Properties fastProducer(String bootstrapServers) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 32L * 1024 * 1024);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
		return config;
	}

}
