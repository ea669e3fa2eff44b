package io.assistantsync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.util.FileSystemUtils;

/**
 * What every phase of a benchmark run uses: the options, the broker, PostgreSQL, the results, and the
 * services' jars; it launches fresh service instances with their own database and topic names.
 */
final class BenchContext {

	private static final AtomicInteger sequence = new AtomicInteger();

	final BenchOptions options;

	final BenchKafka kafka;

	final BenchPostgres postgres;

	final Results results;

	final PrintStream out;

	final Path work;

	final List<Double> apiStartSeconds = new ArrayList<>();

	final List<Double> workerStartSeconds = new ArrayList<>();

	private final Map<String, List<String>> launch = new ConcurrentHashMap<>();

	private final Set<String> toRecord = ConcurrentHashMap.newKeySet();

	private final Set<String> recording = ConcurrentHashMap.newKeySet();

	BenchContext(BenchOptions options, BenchKafka kafka, BenchPostgres postgres, Results results, PrintStream out) {
		this.options = options;
		this.kafka = kafka;
		this.postgres = postgres;
		this.results = results;
		this.out = out;
		this.work = options.path("work");
	}

	/**
	 * The run's copy of a service's exec jar: copied once at the start, so a rebuild in the work tree while
	 * the benchmark runs changes nothing under it.
	 * @param module {@code api-service} or {@code sync-worker}
	 * @return the jar
	 */
	Path jar(String module) {
		return this.work.resolve("jars").resolve(module + "-exec.jar");
	}

	/**
	 * Copies the services' jars and, with {@code --service-cds on}, prepares each for a fast start as Spring
	 * Boot documents it for production: the jar extracted with {@code jarmode=tools}, and a class-data sharing
	 * archive. The archive is recorded by the first start of each service (its classes are written when it
	 * exits, after its first round of load) and used by every later start; a service whose archive could
	 * not be made starts without one, and the report says so.
	 */
	void prepareServices() throws Exception {
		Files.createDirectories(this.work.resolve("jars"));
		for (String module : List.of("api-service", "sync-worker")) {
			Path built = this.options.path("root").resolve(module).resolve("target").resolve(module + "-exec.jar");
			Files.copy(built, jar(module), StandardCopyOption.REPLACE_EXISTING);
			this.launch.put(module, List.of("-jar", jar(module).toString()));
			this.results.settings.put("class_data_sharing." + module, "off");
		}
		if (!"on".equals(this.options.text("service-cds"))) {
			return;
		}
		for (String module : List.of("api-service", "sync-worker")) {
			try {
				Path directory = this.work.resolve("app").resolve(module);
				FileSystemUtils.deleteRecursively(directory);
				Files.createDirectories(directory.getParent());
				BenchedService extract = BenchedService.start(module + "-extract", List.of("-Djarmode=tools"),
						List.of("-jar", jar(module).toString(), "extract", "--destination", directory.toString()),
						Map.of(), null, this.work.resolve("logs"));
				extract.awaitExit(readyTimeout());
				Path archive = archive(module);
				Files.deleteIfExists(archive);
				this.launch.put(module, List.of("-jar", directory.resolve(module + "-exec.jar").toString()));
				this.toRecord.add(module);
			}
			catch (IOException | RuntimeException ex) {
				log("  %s starts without class-data sharing: %s", module, ex.getMessage());
			}
		}
	}

	private Path archive(String module) {
		return this.work.resolve("app").resolve(module + ".jsa");
	}

	/**
	 * The arguments that start a service: its first start records the class-data sharing archive, every
	 * later one uses it (a service is never started while its previous instance runs).
	 */
	private List<String> launchArguments(String module) {
		if (this.toRecord.remove(module)) {
			this.recording.add(module);
			List<String> arguments = new ArrayList<>(this.launch.get(module));
			arguments.add(0, "-XX:ArchiveClassesAtExit=" + archive(module));
			return arguments;
		}
		if (this.recording.remove(module)) {
			if (Files.isRegularFile(archive(module))) {
				List<String> arguments = new ArrayList<>(this.launch.get(module));
				arguments.add(0, "-XX:SharedArchiveFile=" + archive(module));
				this.launch.put(module, List.copyOf(arguments));
				this.results.settings.put("class_data_sharing." + module, "on from its second start");
			}
			else {
				log("  %s starts without class-data sharing: its first start wrote no archive", module);
				this.results.settings.put("class_data_sharing." + module, "off: its first start wrote no archive");
			}
		}
		return this.launch.get(module);
	}

	/**
	 * Creates the topics the services and the harness share before any of them subscribes, so a consumer
	 * never sees an auto-created topic grow partitions under it.
	 * @param topics the topics
	 */
	void createTopics(Topics topics) {
		this.kafka.createTopic(topics.pendingCreate(), topics.partitions());
		this.kafka.createTopic(topics.syncResults(), topics.partitions());
	}

	/**
	 * A fresh name for databases and topics of one instance.
	 * @param purpose e.g. {@code ingest}
	 * @return e.g. {@code bench_ingest_3}
	 */
	String uniqueName(String purpose) {
		return "bench_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_" + sequence.incrementAndGet();
	}

	/**
	 * Starts a fresh api-service with a new database, waits until it is ready and records its start-up time.
	 * @param topics the topic names it uses
	 * @return the running service
	 */
	BenchedService startApi(Topics topics) throws IOException, SQLException {
		String database = uniqueName("api");
		int port = FreePorts.next();
		BenchedService api = BenchedService.start(database, this.options.words("service-java-options"),
				launchArguments("api-service"), environment("api-service", topics, database, port),
				"http://127.0.0.1:" + port, this.work.resolve("logs"));
		double seconds = api.awaitReady("/actuator/health/readiness", readyTimeout());
		this.apiStartSeconds.add(seconds);
		this.out.printf("  api-service ready in %.1f s (pid %d, port %d)%n", seconds, api.pid(), port);
		return api;
	}

	/**
	 * Starts a fresh sync-worker on a new authoritative database.
	 * @param topics the topic names it uses
	 * @param startAtLatest whether its new consumer group starts at the end of the topics (to skip events
	 * another phase left there)
	 * @return the running worker and its database
	 */
	Worker startWorker(Topics topics, boolean startAtLatest) throws IOException, SQLException {
		String database = uniqueName("store");
		int port = FreePorts.next();
		Map<String, String> environment = environment("sync-worker", topics, database, port);
		if (startAtLatest) {
			environment.put("SPRING_KAFKA_CONSUMER_AUTOOFFSETRESET", "latest");
		}
		BenchedService worker = BenchedService.start(database, this.options.words("service-java-options"),
				launchArguments("sync-worker"), environment, "http://127.0.0.1:" + port, this.work.resolve("logs"));
		double seconds = worker.awaitReady("/actuator/health/readiness", readyTimeout());
		this.workerStartSeconds.add(seconds);
		this.out.printf("  sync-worker ready in %.1f s (pid %d, port %d)%n", seconds, worker.pid(), port);
		return new Worker(worker, database);
	}

	/**
	 * Starts one more instance of a sync-worker deployment whose instances share the authoritative database
	 * {@code database} (which must exist) and the consumer group named after it, as the instances of one service
	 * do; it does not wait for readiness, so that several can start at once.
	 * @param topics the topic names it uses
	 * @param database the shared database
	 * @param instance the instance's number, for its log file
	 * @return the starting process
	 */
	BenchedService startWorkerInstance(Topics topics, String database, int instance) throws IOException {
		int port = FreePorts.next();
		return BenchedService.start(database + "-" + instance, this.options.words("service-java-options"),
				launchArguments("sync-worker"),
				environment("sync-worker", topics, database, this.postgres.url(database), port),
				"http://127.0.0.1:" + port, this.work.resolve("logs"));
	}

	/**
	 * A service's environment: a new database named {@code database}, the broker and the topic names.
	 */
	private Map<String, String> environment(String module, Topics topics, String database, int port)
			throws SQLException {
		return environment(module, topics, database, this.postgres.createDatabase(database), port);
	}

	private Map<String, String> environment(String module, Topics topics, String database, String url, int port) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
		topics.addTo(environment);
		if (module.equals("api-service")) {
			environment.put("SPRING_DATASOURCE_URL", url);
			environment.put("SPRING_DATASOURCE_USERNAME", BenchPostgres.USERNAME);
			environment.put("SPRING_DATASOURCE_PASSWORD", "");
			environment.put("ASSISTANTS_SYNC_CONSUMER_GROUP", database);
			// the load is one producer at full speed: no tokens to mint, no per-owner limit to hit
			environment.put("ASSISTANTS_SECURITY_MODE", "none");
			environment.put("ASSISTANTS_SECURITY_RATE_LIMIT_ENABLED", "false");
		}
		else {
			environment.put("SYNC_STORE_JDBC_URL", url);
			environment.put("SYNC_STORE_JDBC_USERNAME", BenchPostgres.USERNAME);
			environment.put("SYNC_STORE_JDBC_PASSWORD", "");
			environment.put("SPRING_KAFKA_CONSUMER_GROUPID", database);
		}
		return environment;
	}

	Duration readyTimeout() {
		return this.options.seconds("ready-timeout-seconds");
	}

	void log(String format, Object... args) {
		this.out.printf(format + "%n", args);
	}

	/**
	 * A running sync-worker and its authoritative database.
	 *
	 * @param process the process
	 * @param database the database name
	 */
	record Worker(BenchedService process, String database) {
	}

	/**
	 * The topic names of one set of service instances.
	 *
	 * @param pendingCreate the pending-create topic
	 * @param syncResults the sync-results topic
	 * @param partitions partitions of the topics the services create
	 */
	record Topics(String pendingCreate, String syncResults, int partitions) {

		static Topics fresh(String prefix, int partitions) {
			return new Topics(prefix + ".assistants.pending-create", prefix + ".assistants.sync-results", partitions);
		}

		void addTo(Map<String, String> environment) {
			// the api-service reads its own placeholders, the worker binds the properties directly
			environment.put("ASSISTANTS_TOPICS_PENDING_CREATE", this.pendingCreate);
			environment.put("ASSISTANTS_TOPICS_SYNC_RESULTS", this.syncResults);
			environment.put("ASSISTANTS_TOPICS_PENDINGCREATE", this.pendingCreate);
			environment.put("ASSISTANTS_TOPICS_SYNCRESULTS", this.syncResults);
			environment.put("ASSISTANTS_TOPICS_OPSAUDIT", this.pendingCreate.replace("pending-create", "ops-audit"));
			environment.put("ASSISTANTS_TOPICS_PARTITIONS", Integer.toString(this.partitions));
		}

	}

}
