package io.assistantsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.json.Timestamps;
import io.assistantsync.fixtures.SampleAssistants;

/**
 * Phase 7, the peer: Kafka Connect standalone with the Debezium JDBC sink doing the worker's job (upserts
 * by id into a table created from the worker's own migration), in a child JVM. The sink needs records with
 * a schema, so the same assistants are written to a topic of their own as JSON with the schema envelope.
 */
final class PeerPhase {

	static final String SECTION = "Peer: Kafka Connect + Debezium JDBC sink";

	private static final JsonNode SCHEMA = EventJson.mapper().readTree("""
			{"type":"struct","name":"assistant","optional":false,"fields":[
			{"field":"id","type":"string","optional":false},
			{"field":"name","type":"string","optional":false},
			{"field":"emoji","type":"string","optional":false},
			{"field":"description","type":"string","optional":true},
			{"field":"category","type":"string","optional":true},
			{"field":"tags","type":"array","items":{"type":"string","optional":false},"optional":false},
			{"field":"instructions","type":"string","optional":true},
			{"field":"visibility","type":"string","optional":false},
			{"field":"version","type":"int64","optional":false},
			{"field":"created_at","type":"string","name":"io.debezium.time.ZonedTimestamp","optional":false},
			{"field":"updated_at","type":"string","name":"io.debezium.time.ZonedTimestamp","optional":false},
			{"field":"synced_at","type":"string","name":"io.debezium.time.ZonedTimestamp","optional":false},
			{"field":"source_event_id","type":"string","optional":false}]}""");

	private static final String FAILED = "FAILED";

	private PeerPhase() {
	}

	static void run(BenchContext context) throws Exception {
		String mode = context.options.text("peer");
		Path plugins = context.options.path("connect-plugins");
		if (mode.equals("off")) {
			context.results.note("The peer (Kafka Connect + Debezium JDBC sink) was not run (--peer off).");
			return;
		}
		if (!Files.isDirectory(plugins.resolve("debezium-jdbc"))) {
			String message = "The peer was not run: " + plugins.resolve("debezium-jdbc")
					+ " is missing; build it with ./mvnw -q -B -s bench/maven-settings.xml -Ppeer -DskipTests package";
			if (mode.equals("on")) {
				throw new IllegalStateException(message);
			}
			context.results.note(message);
			context.log("== %s", message);
			return;
		}
		int events = context.options.integer("peer-events");
		String topic = context.uniqueName("peer").replace('_', '-') + ".assistants";
		context.kafka.createTopic(topic, 1);
		preload(context.kafka.bootstrapServers(), topic, events);
		context.log("== Peer: %d schema'd events on %s (1 partition, one task)", events, topic);
		int port = FreePorts.next();
		Path work = context.work.resolve("connect");
		Files.createDirectories(work);
		Path workerProperties = work.resolve("worker.properties");
		Properties worker = new Properties();
		worker.put("bootstrap.servers", context.kafka.bootstrapServers());
		worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
		worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
		worker.put("value.converter.schemas.enable", "true");
		worker.put("offset.storage.file.filename", work.resolve("connect.offsets").toString());
		worker.put("plugin.path", plugins.toString());
		worker.put("listeners", "http://127.0.0.1:" + port);
		worker.put("connector.client.config.override.policy", "All");
		try (var writer = Files.newBufferedWriter(workerProperties)) {
			worker.store(writer, "Kafka Connect standalone worker of the benchmark");
		}
		List<String> options = new ArrayList<>(context.options.words("service-java-options"));
		try (BenchedService connect = BenchedService.start("kafka-connect",
				options, List.of("-cp", System.getProperty("java.class.path"),
						"org.apache.kafka.connect.cli.ConnectStandalone", workerProperties.toString()),
				Map.of(), "http://127.0.0.1:" + port, context.work.resolve("logs"))) {
			double ready = connect.awaitReady("/connectors", context.readyTimeout());
			connect.startSampling(Duration.ofMillis(500));
			context.log("  Kafka Connect ready in %.1f s (pid %d)", ready, connect.pid());
			context.results.add("peer.startup_s", SECTION, "Kafka Connect standalone start-up", "s", ready);
			HttpClient http = HttpClient.newHttpClient();
			for (int run = 1; run <= context.options.runs(); run++) {
				String database = context.uniqueName("peer_store");
				String url = context.postgres.createDatabase(database);
				try (Connection connection = context.postgres.connect(database)) {
					Migrations.apply(connection, Migrations.of(context.jar("sync-worker")));
				}
				String name = database.replace('_', '-');
				createConnector(http, connect.baseUrl(), name, topic, url, context.options.integer("peer-batch-size"));
				long first = 0;
				long last = 0;
				long deadline = System.nanoTime() + Duration.ofSeconds(60 + events / 500).toNanos();
				List<Long> counts = new ArrayList<>();
				long rows = 0;
				long previous = 0;
				long nextSecond = 0;
				while (rows < events && System.nanoTime() < deadline) {
					LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
					rows = context.postgres.count(database, "assistants");
					long now = System.nanoTime();
					if (rows > 0 && first == 0) {
						first = now;
						nextSecond = now + 1_000_000_000L;
					}
					if (first != 0 && now >= nextSecond) {
						counts.add(rows - previous);
						previous = rows;
						nextSecond += 1_000_000_000L;
					}
					last = now;
					String status = connectorStatus(http, connect.baseUrl(), name);
					if (failed(status)) {
						throw new IllegalStateException("the peer's task failed: " + status);
					}
				}
				counts.add(rows - previous);
				double rate = rows / ((last - first) / 1e9);
				context.log("  run %d: %d rows in %.1f s = %.0f rows/s", run, rows, (last - first) / 1e9, rate);
				context.results.add("peer.rows_per_s", SECTION,
						"rows/s into the store, one task, batch.size and max.poll.records "
								+ context.options.integer("peer-batch-size"),
						"rows/s", rate);
				context.results.add("peer.missing", SECTION, "events not in the store", "events", events - rows);
				context.results.series("peer (Kafka Connect): rows/s", counts.stream().mapToLong(Long::longValue).toArray());
				delete(http, connect.baseUrl(), name);
				context.postgres.dropDatabase(database);
			}
			double rss = connect.peakRssBytes() / 1048576.0;
			context.results.add("peer.peak_rss_mb", SECTION, "Kafka Connect peak RSS (VmHWM)", "MB", rss);
		}
	}

	private static void createConnector(HttpClient http, String baseUrl, String name, String topic, String url,
			int batchSize) throws IOException, InterruptedException {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
		config.put("tasks.max", "1");
		config.put("topics", topic);
		config.put("connection.url", url);
		config.put("connection.username", BenchPostgres.USERNAME);
		config.put("connection.password", "");
		config.put("insert.mode", "upsert");
		config.put("primary.key.mode", "record_value");
		config.put("primary.key.fields", "id");
		config.put("schema.evolution", "none");
		config.put("collection.name.format", "assistants");
		config.put("batch.size", Integer.toString(batchSize));
		config.put("consumer.override.max.poll.records", Integer.toString(batchSize));
		config.put("consumer.override.auto.offset.reset", "earliest");
		String body = EventJson.mapper().writeValueAsString(Map.of("name", name, "config", config));
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("could not create the peer connector: " + response.statusCode() + " "
					+ response.body());
		}
	}

	/**
	 * Whether Kafka Connect reports the connector or one of its tasks {@code FAILED}.
	 * @param status the body of {@code GET /connectors/<name>/status}, or empty when it did not answer
	 */
	static boolean failed(String status) {
		if (status.isEmpty()) {
			return false;
		}
		JsonNode tree;
		try {
			tree = EventJson.mapper().readTree(status);
		}
		catch (JacksonException ex) {
			return false;
		}
		boolean failed = FAILED.equals(tree.path("connector").path("state").asString());
		for (JsonNode task : tree.path("tasks")) {
			failed |= FAILED.equals(task.path("state").asString());
		}
		return failed;
	}

	private static String connectorStatus(HttpClient http, String baseUrl, String name) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + name + "/status")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private static void delete(HttpClient http, String baseUrl, String name) throws IOException, InterruptedException {
		http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + name)).DELETE().build(),
				HttpResponse.BodyHandlers.discarding());
	}

	/**
	 * The assistants as JSON with the schema envelope, which the sink's JsonConverter needs.
	 */
	static void preload(String bootstrapServers, String topic, int events) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(DrainPhase.fastProducer(bootstrapServers), new StringSerializer(),
				new StringSerializer())) {
			for (int i = 0; i < events; i++) {
				AssistantSnapshot assistant = SampleAssistants.assistant();
				producer.send(new ProducerRecord<>(topic, assistant.id(), envelope(assistant)));
			}
			producer.flush();
		}
	}

	static String envelope(AssistantSnapshot assistant) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("id", assistant.id());
		payload.put("name", assistant.name());
		payload.put("emoji", assistant.emoji());
		payload.put("description", assistant.description());
		payload.put("category", assistant.category());
		payload.put("tags", assistant.tags());
		payload.put("instructions", assistant.instructions());
		payload.put("visibility", assistant.visibility().name());
		payload.put("version", assistant.version());
		payload.put("created_at", Timestamps.format(assistant.createdAt()));
		payload.put("updated_at", Timestamps.format(assistant.updatedAt()));
		payload.put("synced_at", Timestamps.format(Instant.now()));
		payload.put("source_event_id", SampleAssistants.newId());
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("schema", SCHEMA);
		envelope.put("payload", payload);
		return EventJson.mapper().writeValueAsString(envelope);
	}

}
