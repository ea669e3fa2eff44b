package io.assistantsync.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * Phase 1, the machine's own limits: Kafka's producer benchmark, PostgreSQL doing the api-service's
 * durable work, and PostgreSQL's batched upsert rate into the authoritative table.
 */
final class LimitsPhase {

	static final String SECTION = "Limits of this machine";

	private LimitsPhase() {
	}

	static void run(BenchContext context) throws Exception {
		BenchOptions options = context.options;
		Results results = context.results;
		context.log("== Limits: Kafka ProducerPerformance (%d records of %d B, the relay's producer settings)",
				options.integer("producer-records"), SampleTraffic.eventBytes());
		for (int run = 1; run <= options.runs(); run++) {
			String topic = context.uniqueName("producer_perf").replace('_', '-');
			context.kafka.createTopic(topic, 6);
			ProducerLimit.Result result = ProducerLimit.run(context.kafka.bootstrapServers(), topic,
					options.integer("producer-records"), ProducerLimit.RELAY_PRODUCER, context.work);
			context.log("  run %d: %.0f records/s, %.1f MB/s, p99 %.0f ms", run, result.recordsPerSecond(),
					result.megabytesPerSecond(), result.p99LatencyMillis());
			results.add("limits.kafka.producer.records_per_s", SECTION,
					"Kafka ProducerPerformance, pending-create events, relay settings", "records/s",
					result.recordsPerSecond());
			results.add("limits.kafka.producer.mb_per_s", SECTION, "Kafka ProducerPerformance throughput", "MB/s",
					result.megabytesPerSecond());
			results.add("limits.kafka.producer.p99_ms", SECTION, "Kafka ProducerPerformance p99 send-to-ack", "ms",
					result.p99LatencyMillis());
		}

		String durable = migratedDatabase(context, "limit_durable", "api-service");
		Duration seconds = options.seconds("jdbc-seconds");
		for (int concurrency : options.integers("jdbc-concurrency")) {
			context.log("== Limits: JDBC assistant + outbox row per transaction, %d connections", concurrency);
			for (int run = 1; run <= options.runs(); run++) {
				truncate(context, durable, "assistants, outbox");
				LoadResult result = DurableWriteLimit.run(() -> context.postgres.connect(durable), concurrency,
						Duration.ofSeconds(1), seconds);
				context.log("  run %d: %.0f tx/s, p50 %.1f ms, p99 %.1f ms, errors %d", run, result.throughput(),
						result.percentileMillis(50), result.percentileMillis(99), result.errors());
				String id = "limits.pg.durable.c" + concurrency;
				results.add(id + ".tx_per_s", SECTION,
						"PostgreSQL, one transaction per request (assistant + outbox row), " + concurrency + " connections",
						"tx/s", result.throughput());
				results.add(id + ".p99_ms", SECTION, "  commit latency p99, " + concurrency + " connections", "ms",
						result.percentileMillis(99));
			}
		}

		String store = migratedDatabase(context, "limit_upsert", "sync-worker");
		int rowsPerStatement = options.integer("upsert-rows-per-statement");
		for (int concurrency : options.integers("upsert-concurrency")) {
			context.log("== Limits: %d-row upserts into the authoritative table, %d connection(s)", rowsPerStatement,
					concurrency);
			for (int run = 1; run <= options.runs(); run++) {
				truncate(context, store, "assistants");
				double rate = UpsertLimit.run(() -> context.postgres.connect(store), concurrency,
						options.integer("upsert-rows"), rowsPerStatement);
				context.log("  run %d: %.0f rows/s", run, rate);
				results.add("limits.pg.upsert" + rowsPerStatement + ".c" + concurrency + ".rows_per_s", SECTION,
						"PostgreSQL, " + rowsPerStatement + "-row upsert statements, " + concurrency + " connection(s)",
						"rows/s", rate);
			}
		}
		context.postgres.dropDatabase(durable);
		context.postgres.dropDatabase(store);
	}

	/**
	 * A new database with a service's own tables, from the Flyway migrations in its jar.
	 * @return the database name
	 */
	private static String migratedDatabase(BenchContext context, String purpose, String module) throws Exception {
		String database = context.uniqueName(purpose);
		context.postgres.createDatabase(database);
		try (Connection connection = context.postgres.connect(database)) {
			Migrations.apply(connection, Migrations.of(context.jar(module)));
		}
		return database;
	}

	private static void truncate(BenchContext context, String database, String tables) throws Exception {
		try (Connection connection = context.postgres.connect(database);
				Statement statement = connection.createStatement()) {
			statement.execute("TRUNCATE " + tables);
			statement.execute("CHECKPOINT");
		}
	}

}
