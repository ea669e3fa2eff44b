package io.assistantsync.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class ServiceSpecTests {

	private final LocalStackSettings settings = LocalStackSettings
		.from(Map.of("API_PORT", "18080", "WORKER_PORT", "18081", "LOCAL_STACK_ROOT", "/repo")::get);

	@Test
	void shouldPointApiServiceAtTheBrokerAndItsOwnDatabase() {
		ServiceSpec api = ServiceSpec.apiService(this.settings, "127.0.0.1:19092",
				new JdbcTarget("jdbc:postgresql://localhost:15432/assistants_api", "postgres", ""));

		assertThat(api.jar()).isEqualTo(Path.of("/repo/api-service/target/api-service-exec.jar"));
		assertThat(api.environment()).containsOnly(entry("SERVER_PORT", "18080"),
				entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
				entry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/assistants_api"),
				entry("SPRING_DATASOURCE_USERNAME", "postgres"), entry("SPRING_DATASOURCE_PASSWORD", ""));
		assertThat(api.readinessUrl()).isEqualTo("http://localhost:18080/actuator/health/readiness");
	}

	@Test
	void shouldPointSyncWorkerAtTheBrokerAndTheAuthoritativeStore() {
		ServiceSpec worker = ServiceSpec.syncWorker(this.settings, "127.0.0.1:19092",
				new JdbcTarget("jdbc:postgresql://store:5432/assistants_authority", "sync", "secret"));

		assertThat(worker.jar()).isEqualTo(Path.of("/repo/sync-worker/target/sync-worker-exec.jar"));
		assertThat(worker.environment()).containsOnly(entry("SERVER_PORT", "18081"),
				entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
				entry("SYNC_STORE_JDBC_URL", "jdbc:postgresql://store:5432/assistants_authority"),
				entry("SYNC_STORE_JDBC_USERNAME", "sync"), entry("SYNC_STORE_JDBC_PASSWORD", "secret"));
	}

	@Test
	void shouldAddVariablesReplacingThoseOfTheSameName() {
		ServiceSpec api = ServiceSpec.apiService(this.settings, "127.0.0.1:19092",
				new JdbcTarget("jdbc:postgresql://localhost:15432/assistants_api", "postgres", ""));

		ServiceSpec secured = api.with(Map.of("ASSISTANTS_SECURITY_MODE", "jwt", "SPRING_DATASOURCE_PASSWORD", "secret"));

		assertThat(secured.environment()).contains(entry("ASSISTANTS_SECURITY_MODE", "jwt"),
				entry("SPRING_DATASOURCE_PASSWORD", "secret"), entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
		assertThat(api.environment()).doesNotContainKey("ASSISTANTS_SECURITY_MODE");
	}

	@Test
	void shouldKeepOneInstanceAsItIs() {
		ServiceSpec worker = ServiceSpec.syncWorker(this.settings, "127.0.0.1:19092",
				new JdbcTarget("jdbc:postgresql://localhost:15432/assistants_authority", "postgres", ""));

		assertThat(worker.scaledTo(1, new HashSet<>())).containsExactly(worker);
	}

	@Test
	void shouldNumberSeveralInstancesAndPutTheOthersOnFreePortsAboveTheTakenOnes() throws IOException {
		try (ServerSocket busy = new ServerSocket(0)) {
			int first = busy.getLocalPort() - 1;
			LocalStackSettings settings = LocalStackSettings.from(
					Map.of("API_PORT", Integer.toString(first), "WORKER_PORT", "18081", "LOCAL_STACK_ROOT", "/repo")::get);
			ServiceSpec api = ServiceSpec.apiService(settings, "127.0.0.1:19092",
					new JdbcTarget("jdbc:postgresql://localhost:15432/assistants_api", "postgres", ""));
			Set<Integer> taken = new HashSet<>(Set.of(first));

			List<ServiceSpec> instances = api.scaledTo(3, taken);

			assertThat(instances).extracting(ServiceSpec::name)
				.containsExactly("api-service-1", "api-service-2", "api-service-3");
			assertThat(instances.get(0).port()).isEqualTo(first);
			assertThat(instances.get(1).port()).as("the next port is in use").isGreaterThan(first + 1);
			assertThat(instances.get(2).port()).isGreaterThan(instances.get(1).port());
			assertThat(instances).allSatisfy((instance) -> assertThat(instance.environment())
				.contains(entry("SERVER_PORT", Integer.toString(instance.port())),
						entry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/assistants_api")));
			assertThat(taken).contains(first, instances.get(1).port(), instances.get(2).port());
		}
	}

	@Test
	void shouldTellHowToBuildAMissingJar() {
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> ServiceSpec.requireBuilt(this.settings, "sync-worker"))
			.withMessage("/repo/sync-worker/target/sync-worker-exec.jar is missing: run ./mvnw -q -B -DskipTests"
					+ " package first (in the repository root, or set LOCAL_STACK_ROOT to it)");
	}

}
