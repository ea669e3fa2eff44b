package io.assistantsync.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.assistantsync.localstack.LocalStackSettings.SecurityMode;

/**
 * The whole stack on one machine: PostgreSQL, Kafka, a token issuer (unless security is off), api-service and
 * sync-worker (one process each, or as many as {@link LocalStackSettings#apiInstances()} and
 * {@link LocalStackSettings#workers()} say, all against the same broker and databases), started in that order and stopped in the reverse one (services first, so none of them talks to
 * a broker, database or issuer that is gone).
 * {@link #stop()} may run at any time, also from a shutdown hook while {@link #start()} is still busy.
 */
final class LocalStack {

	private static final String API_DATABASE = "assistants_api";

	private static final String AUTHORITY_DATABASE = "assistants_authority";

	private static final Duration EXTERNAL_KAFKA_TIMEOUT = Duration.ofSeconds(10);

	private final LocalStackSettings settings;

	private final PrintStream out;

	private final Deque<AutoCloseable> running = new ArrayDeque<>();

	/** Held while a component starts, so that stop() waits for it and stops it too. */
	private final Object startStep = new Object();

	private boolean stopping;

	private ServiceGroup services;

	private Instructions instructions;

	LocalStack(LocalStackSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	/**
	 * Starts everything and waits until every service instance is ready.
	 * @throws LocalStackException when anything cannot start; what did start keeps running until {@link #stop()}
	 */
	void start() {
		checkPrerequisites();
		LocalPostgres postgres = null;
		if (this.settings.needsEmbeddedPostgres()) {
			postgres = startStep("PostgreSQL on localhost:" + this.settings.postgresPort() + " (data in "
					+ this.settings.postgresDataDirectory() + ")",
					() -> LocalPostgres.start(this.settings.postgresDataDirectory(), this.settings.postgresPort()));
		}
		JdbcTarget apiDatabase = orEmbedded(this.settings.apiDatabase(), postgres, API_DATABASE);
		JdbcTarget authorityDatabase = orEmbedded(this.settings.authorityDatabase(), postgres, AUTHORITY_DATABASE);
		createIfMissing(apiDatabase);
		createIfMissing(authorityDatabase);
		String bootstrapServers = startOrCheckKafka();
		DemoIssuer issuer = startIssuerUnlessOff();
		Map<String, String> trust = (issuer != null) ? issuer.environment() : Map.of();
		ServiceSpec api = ServiceSpec.apiService(this.settings, bootstrapServers, apiDatabase)
			.with(apiSecurity(trust));
		// the worker's admin API takes the same tokens
		ServiceSpec worker = ServiceSpec.syncWorker(this.settings, bootstrapServers, authorityDatabase).with(trust);
		Set<Integer> taken = new HashSet<>(List.of(this.settings.apiPort(), this.settings.workerPort()));
		List<ServiceSpec> apis = api.scaledTo(this.settings.apiInstances(), taken);
		List<ServiceSpec> workers = worker.scaledTo(this.settings.workers(), taken);
		List<ServiceSpec> all = new ArrayList<>(apis);
		all.addAll(workers);
		ServiceLogging logging = ServiceLogging.prepare(this.settings.logsDirectory(), this.settings.verbose());
		this.services = startStep(ServiceGroup.describe(all, (spec) -> spec.name() + " on port " + spec.port()),
				() -> ServiceGroup.start(all, this.settings.serviceJavaOptions(), logging, this.out));
		this.services.awaitReady(this.settings.readyTimeout());
		this.instructions = new Instructions(apis, workers, bootstrapServers, apiDatabase, authorityDatabase,
				this.settings.syncResultsTopic(), this.settings.logsDirectory(),
				(issuer != null) ? issuer.token() : null, this.settings.corsAllowedOrigins());
	}

	/**
	 * Fails fast, before anything starts, when a port is taken or a jar is not built.
	 */
	private void checkPrerequisites() {
		if (this.settings.needsEmbeddedPostgres()) {
			Ports.requireFree(this.settings.postgresPort(), "PostgreSQL", "LOCAL_STACK_POSTGRES_PORT");
		}
		if (this.settings.needsEmbeddedKafka()) {
			Ports.requireFree(this.settings.kafkaPort(), "Kafka", "LOCAL_STACK_KAFKA_PORT");
		}
		Ports.requireFree(this.settings.apiPort(), "api-service", "API_PORT");
		Ports.requireFree(this.settings.workerPort(), "sync-worker", "WORKER_PORT");
		if (this.settings.securityMode() == SecurityMode.JWT && this.settings.issuerPort() != 0) {
			Ports.requireFree(this.settings.issuerPort(), "token issuer", "LOCAL_STACK_ISSUER_PORT");
		}
		ServiceSpec.requireBuilt(this.settings, "api-service");
		ServiceSpec.requireBuilt(this.settings, "sync-worker");
	}

	/**
	 * What to print once ready.
	 * @return the instructions, after {@link #start()}
	 */
	Instructions instructions() {
		return this.instructions;
	}

	/**
	 * Completes when a service exits, which while running means it failed.
	 * @return the service that exited first
	 */
	CompletableFuture<ServiceProcess> firstServiceExit() {
		return this.services.firstExit();
	}

	synchronized boolean isStopping() {
		return this.stopping;
	}

	/**
	 * Stops what runs, newest first: the services (gracefully), then Kafka, then PostgreSQL. Idempotent.
	 */
	void stop() {
		synchronized (this) {
			this.stopping = true;
		}
		Deque<AutoCloseable> toStop;
		// a PostgreSQL or broker still starting would outlive the JVM: wait for it, then stop it with the rest
		synchronized (this.startStep) {
			synchronized (this) {
				toStop = new ArrayDeque<>(this.running);
				this.running.clear();
			}
		}
		for (AutoCloseable component : toStop) {
			this.out.println("Stopping " + component);
			try {
				component.close();
			}
			catch (Exception ex) {
				this.out.println("Could not stop " + component + ": " + LocalStackException.describe(ex));
			}
		}
		if (!toStop.isEmpty()) {
			this.out.println("Stopped.");
		}
	}

	private <T extends AutoCloseable> T startStep(String what, Supplier<T> step) {
		synchronized (this.startStep) {
			if (isStopping()) {
				throw new LocalStackException("stopped while starting");
			}
			this.out.println("Starting " + what);
			T component = step.get();
			synchronized (this) {
				this.running.push(component);
			}
			return component;
		}
	}

	private String startOrCheckKafka() {
		if (!this.settings.needsEmbeddedKafka()) {
			this.out.println("Using Kafka at " + this.settings.externalKafka());
			ExternalKafka.requireReachable(this.settings.externalKafka(), EXTERNAL_KAFKA_TIMEOUT);
			return this.settings.externalKafka();
		}
		return startStep("Kafka on 127.0.0.1:" + this.settings.kafkaPort(),
				() -> LocalKafka.start(this.settings.kafkaPort()))
			.bootstrapServers();
	}

	private DemoIssuer startIssuerUnlessOff() {
		if (this.settings.securityMode() == SecurityMode.NONE) {
			return null;
		}
		String port = (this.settings.issuerPort() != 0) ? " on 127.0.0.1:" + this.settings.issuerPort() : "";
		return startStep("the token issuer" + port,
				() -> DemoIssuer.start(this.settings.issuerPort(), this.settings.tokenFile()));
	}

	/**
	 * The security mode, the issuer to trust in {@code jwt} mode, and the browser origins if any: set
	 * explicitly, so that {@code -D} settings of the launcher count as much as its environment.
	 */
	private Map<String, String> apiSecurity(Map<String, String> trust) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("ASSISTANTS_SECURITY_MODE", this.settings.securityMode().name().toLowerCase(Locale.ROOT));
		environment.putAll(trust);
		if (this.settings.corsAllowedOrigins() != null) {
			environment.put("ASSISTANTS_CORS_ALLOWED_ORIGINS", this.settings.corsAllowedOrigins());
		}
		return environment;
	}

	private void createIfMissing(JdbcTarget database) {
		if (Databases.createIfMissing(database)) {
			this.out.println("Created database " + database.databaseName());
		}
	}

	private static JdbcTarget orEmbedded(JdbcTarget given, LocalPostgres postgres, String database) {
		return (given != null) ? given : postgres.database(database);
	}

}
