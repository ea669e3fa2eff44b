package io.assistantsync.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One service process to launch: its runnable jar, HTTP port and the environment that points it at the
 * broker and its database (the variables of docs/contract.md §6).
 *
 * @param name the module name, or with the instance number when several run ({@code api-service-2}); also the
 * log prefix and the name of its log file
 * @param jar the Boot exec jar
 * @param port the HTTP port ({@code SERVER_PORT})
 * @param environment variables set on top of the launcher's own environment
 */
record ServiceSpec(String name, Path jar, int port, Map<String, String> environment) {

	/**
	 * api-service with its own database.
	 * @param settings the settings
	 * @param bootstrapServers the broker
	 * @param database the {@code assistants_api} database
	 * @return the spec
	 */
	static ServiceSpec apiService(LocalStackSettings settings, String bootstrapServers, JdbcTarget database) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(settings.apiPort()));
		environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
		environment.put("SPRING_DATASOURCE_URL", database.url());
		environment.put("SPRING_DATASOURCE_USERNAME", database.username());
		environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
		return new ServiceSpec("api-service", jar(settings, "api-service"), settings.apiPort(), environment);
	}

	/**
	 * sync-worker with the authoritative store.
	 * @param settings the settings
	 * @param bootstrapServers the broker
	 * @param store the {@code assistants_authority} database
	 * @return the spec
	 */
	static ServiceSpec syncWorker(LocalStackSettings settings, String bootstrapServers, JdbcTarget store) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(settings.workerPort()));
		environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
		environment.put("SYNC_STORE_JDBC_URL", store.url());
		environment.put("SYNC_STORE_JDBC_USERNAME", store.username());
		environment.put("SYNC_STORE_JDBC_PASSWORD", store.password());
		return new ServiceSpec("sync-worker", jar(settings, "sync-worker"), settings.workerPort(), environment);
	}

	/**
	 * The same service with more variables.
	 * @param more variables to add, replacing any of the same name
	 * @return the new spec
	 */
	ServiceSpec with(Map<String, String> more) {
		Map<String, String> environment = new LinkedHashMap<>(this.environment);
		environment.putAll(more);
		return new ServiceSpec(this.name, this.jar, this.port, environment);
	}

	/**
	 * This service as several instances: the first on this spec's port, the others on the next free ports
	 * above every port taken so far, each named by its number ({@code sync-worker-1}, {@code sync-worker-2}, …).
	 * @param count how many, at least 1; one instance keeps the plain name
	 * @param taken the ports already given to services; the new ones are added
	 * @return the instances
	 */
	List<ServiceSpec> scaledTo(int count, Set<Integer> taken) {
		taken.add(this.port);
		if (count == 1) {
			return List.of(this);
		}
		List<ServiceSpec> instances = new ArrayList<>();
		instances.add(instance(1, this.port));
		for (int number = 2; number <= count; number++) {
			int port = Ports.nextFree(Collections.max(taken) + 1, taken);
			taken.add(port);
			instances.add(instance(number, port));
		}
		return instances;
	}

	private ServiceSpec instance(int number, int port) {
		Map<String, String> environment = new LinkedHashMap<>(this.environment);
		environment.put("SERVER_PORT", Integer.toString(port));
		return new ServiceSpec(this.name + "-" + number, this.jar, port, environment);
	}

	/**
	 * The runnable jar a build leaves in the module's {@code target} directory.
	 * @param settings the settings (for the repository root)
	 * @param module the module name
	 * @return the jar path
	 */
	static Path jar(LocalStackSettings settings, String module) {
		return settings.root().resolve(module).resolve("target").resolve(module + "-exec.jar");
	}

	/**
	 * Fails when the module's jar has not been built.
	 * @param settings the settings (for the repository root)
	 * @param module the module name
	 * @throws LocalStackException naming the missing file and the build command
	 */
	static void requireBuilt(LocalStackSettings settings, String module) {
		Path jar = jar(settings, module);
		if (!Files.isRegularFile(jar)) {
			throw new LocalStackException(jar + " is missing: run ./mvnw -q -B -DskipTests package first"
					+ " (in the repository root, or set LOCAL_STACK_ROOT to it)");
		}
	}

	/**
	 * The URL of its readiness probe.
	 * @return e.g. {@code http://localhost:8080/actuator/health/readiness}
	 */
	String readinessUrl() {
		return baseUrl() + "/actuator/health/readiness";
	}

	/**
	 * Its HTTP root.
	 * @return e.g. {@code http://localhost:8080}
	 */
	String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
