package io.assistantsync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services of a chaos run as child JVMs: one api-service on a fixed port and database, so that a
 * restarted one takes over where the killed one stopped, and sync-workers that all share the authoritative
 * database and one consumer group. Security is off ({@code ASSISTANTS_SECURITY_MODE=none}), as in every
 * benchmark run.
 */
final class ChaosFleet implements AutoCloseable {

	static final String API_GROUP = "chaos-api";

	static final String WORKER_GROUP = "chaos-worker";

	private final ChaosOptions options;

	private final ChaosBroker broker;

	private final ChaosStore apiStore;

	private final ChaosStore authority;

	private final BenchContext.Topics topics;

	private final PrintStream out;

	private final int apiPort = FreePorts.next();

	private final List<BenchedService> workers = new ArrayList<>();

	private BenchedService api;

	private int starts;

	ChaosFleet(ChaosOptions options, ChaosBroker broker, ChaosStore apiStore, ChaosStore authority,
			BenchContext.Topics topics, PrintStream out) throws IOException {
		this.options = options;
		this.broker = broker;
		this.apiStore = apiStore;
		this.authority = authority;
		this.topics = topics;
		this.out = out;
		// the run's own copies: a rebuild in the work tree while it runs changes nothing under it
		Files.createDirectories(jar("api-service").getParent());
		for (String module : List.of("api-service", "sync-worker")) {
			Files.copy(options.root().resolve(module).resolve("target").resolve(module + "-exec.jar"), jar(module),
					StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private Path jar(String module) {
		return this.options.work().resolve("jars").resolve(module + "-exec.jar");
	}

	int apiPort() {
		return this.apiPort;
	}

	/**
	 * Starts the api-service and the first worker side by side and waits until both are ready.
	 */
	void startAll() throws IOException {
		this.api = launch("api-service", this.apiPort);
		BenchedService worker = launch("sync-worker", FreePorts.next());
		this.workers.add(worker);
		ready(this.api);
		ready(worker);
	}

	/**
	 * Kills the api-service with SIGKILL and starts a new one on the same port and database.
	 */
	void killAndRestartApi() throws IOException, InterruptedException {
		this.api.kill();
		this.out.printf("  killed api-service (SIGKILL, pid %d)%n", this.api.pid());
		this.api = launch("api-service", this.apiPort);
		ready(this.api);
	}

	/**
	 * Kills the oldest worker with SIGKILL and starts a new one in its place.
	 */
	void killAndRestartWorker() throws IOException, InterruptedException {
		BenchedService victim = this.workers.remove(0);
		victim.kill();
		this.out.printf("  killed %s (SIGKILL, pid %d)%n", victim.name(), victim.pid());
		ready(addWorker());
	}

	/**
	 * Starts one more worker in the group and waits until it is ready.
	 * @return the new worker
	 */
	BenchedService addWorkerAndWait() throws IOException {
		BenchedService worker = addWorker();
		ready(worker);
		return worker;
	}

	private BenchedService addWorker() throws IOException {
		BenchedService worker = launch("sync-worker", FreePorts.next());
		this.workers.add(worker);
		return worker;
	}

	/**
	 * Stops a worker gracefully (SIGTERM): it leaves the group, and its partitions move to the others.
	 * @param worker the worker
	 */
	void removeWorker(BenchedService worker) {
		this.workers.remove(worker);
		worker.close();
		this.out.printf("  stopped %s (SIGTERM)%n", worker.name());
	}

	private BenchedService launch(String module, int port) throws IOException {
		this.starts++;
		String name = module + "-" + this.starts;
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("KAFKA_BOOTSTRAP_SERVERS", this.broker.bootstrapServers());
		this.topics.addTo(environment);
		String sessionTimeout = this.options.sessionTimeout();
		if (sessionTimeout != null) {
			environment.put("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", sessionTimeout);
		}
		if (module.equals("api-service")) {
			environment.put("SPRING_DATASOURCE_URL", this.apiStore.url());
			environment.put("SPRING_DATASOURCE_USERNAME", BenchPostgres.USERNAME);
			environment.put("SPRING_DATASOURCE_PASSWORD", "");
			environment.put("ASSISTANTS_SYNC_CONSUMER_GROUP", API_GROUP);
			// one producer at a steady rate: no tokens to mint, no per-owner limit to hit
			environment.put("ASSISTANTS_SECURITY_MODE", "none");
			environment.put("ASSISTANTS_SECURITY_RATE_LIMIT_ENABLED", "false");
		}
		else {
			environment.put("SYNC_STORE_JDBC_URL", this.authority.url());
			environment.put("SYNC_STORE_JDBC_USERNAME", BenchPostgres.USERNAME);
			environment.put("SYNC_STORE_JDBC_PASSWORD", "");
			environment.put("SPRING_KAFKA_CONSUMER_GROUPID", WORKER_GROUP);
		}
		return BenchedService.start(name, this.options.serviceJavaOptions(), List.of("-jar", jar(module).toString()),
				environment, "http://127.0.0.1:" + port, this.options.work().resolve("logs"));
	}

	private void ready(BenchedService service) {
		double seconds = service.awaitReady("/actuator/health/readiness", this.options.readyTimeout());
		this.out.printf("  %s ready in %.1f s (pid %d)%n", service.name(), seconds, service.pid());
	}

	@Override
	public void close() {
		for (BenchedService worker : this.workers) {
			worker.close();
		}
		if (this.api != null) {
			this.api.close();
		}
	}

}
