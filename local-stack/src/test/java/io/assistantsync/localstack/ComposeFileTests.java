package io.assistantsync.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs in the build, so {@code docker-compose.yml} is checked as a file: the services, how
 * they start and are health-checked, pinned images, and that it sets every variable the configuration
 * tables of {@code docs/configuration.md} name for the services.
 */
class ComposeFileTests {

	private static final Path ROOT = LocalStackProcess.ROOT;

	private static final List<String> SERVICES = List.of("api-service", "sync-worker");

	/** The tables of settings that apply to the service containers, by their heading. */
	private static final List<String> SERVICE_TABLES = List.of("Both services", "api-service", "sync-worker");

	private static final Pattern ENV_VAR = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

	private final Map<String, Object> compose = load(ROOT.resolve("docker-compose.yml"));

	@Test
	void shouldDefineKafkaPostgresAndBothServices() {
		assertThat(services()).containsOnlyKeys("kafka", "postgres", "api-service", "sync-worker");
	}

	@Test
	void shouldPinEveryImage() throws IOException {
		services().forEach((name, service) -> assertPinned(name, (String) map(service).get("image")));
		Files.readAllLines(ROOT.resolve("docker/service.Dockerfile"))
			.stream()
			.filter((line) -> line.startsWith("FROM "))
			.map((line) -> line.split("\\s+")[1])
			.forEach((image) -> assertPinned("docker/service.Dockerfile", image));
		assertThat(services().get("kafka")).extracting((service) -> map(service).get("image"))
			.asString()
			.startsWith("apache/kafka:");
		assertThat(services().get("postgres")).extracting((service) -> map(service).get("image"))
			.asString()
			.startsWith("postgres:17.");
	}

	@Test
	void shouldHealthCheckEveryContainer() {
		services().forEach((name, service) -> assertThat(healthcheck(name)).as("healthcheck of %s", name)
			.isNotEmpty()
			.isNotEqualTo("NONE"));
		assertThat(healthcheck("kafka")).contains("kafka-broker-api-versions.sh");
		assertThat(healthcheck("postgres")).contains("pg_isready");
		assertThat(healthcheck("api-service")).contains("curl", "http://localhost:8080/actuator/health/readiness");
		assertThat(healthcheck("sync-worker")).contains("curl", "http://localhost:8081/actuator/health/readiness");
	}

	@Test
	void shouldRunTheCurlHealthchecksOnAnImageThatHasCurl() throws IOException {
		List<String> stages = Files.readAllLines(ROOT.resolve("docker/service.Dockerfile"))
			.stream()
			.filter((line) -> line.startsWith("FROM "))
			.toList();
		// the Ubuntu-based Temurin images install curl; the Alpine and UBI ones do not
		assertThat(stages.get(stages.size() - 1)).matches("FROM eclipse-temurin:17[^ ]*-jre-(noble|jammy)");
	}

	@Test
	void shouldStartTheServicesOnlyOnceKafkaAndPostgresAreHealthy() {
		for (String name : SERVICES) {
			Map<String, Object> dependsOn = map(map(services().get(name)).get("depends_on"));
			assertThat(dependsOn).as("depends_on of %s", name).containsOnlyKeys("kafka", "postgres");
			dependsOn.forEach((dependency, condition) -> assertThat(map(condition)).as("%s -> %s", name, dependency)
				.containsEntry("condition", "service_healthy"));
		}
	}

	@Test
	void shouldBuildEachServiceFromTheSourcesWithItsModuleName() {
		for (String name : SERVICES) {
			Map<String, Object> build = map(map(services().get(name)).get("build"));
			assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "docker/service.Dockerfile");
			assertThat(map(build.get("args"))).containsEntry("MODULE", name);
			assertThat(ROOT.resolve(name).resolve("pom.xml")).isRegularFile();
		}
	}

	@Test
	void shouldPointTheServicesAtTheComposeBrokerAndDatabases() {
		assertThat(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).asString().contains("://kafka:9092");
		assertThat(environment("api-service")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/assistants_api")
			.containsEntry("SERVER_PORT", 8080);
		assertThat(environment("sync-worker")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
			.containsEntry("SYNC_STORE_JDBC_URL", "jdbc:postgresql://postgres:5432/assistants_authority")
			.containsEntry("SERVER_PORT", 8081);
	}

	@Test
	void shouldCreateBothDatabasesOnTheFirstStartOfPostgres() throws IOException {
		assertThat(map(services().get("postgres")).get("volumes")).asString()
			.contains("./docker/postgres/init.sql:/docker-entrypoint-initdb.d/");
		assertThat(Files.readString(ROOT.resolve("docker/postgres/init.sql")))
			.contains("CREATE DATABASE assistants_api;", "CREATE DATABASE assistants_authority;");
	}

	@Test
	void shouldSetEveryVariableTheConfigurationTablesNameForTheServices() throws IOException {
		Map<String, Set<String>> documented = documentedVariables();
		assertThat(documented).as("configuration tables of docs/configuration.md")
			.containsOnlyKeys("Both services", "api-service", "sync-worker")
			.allSatisfy((table, variables) -> assertThat(variables).as(table).isNotEmpty());
		for (String name : SERVICES) {
			Set<String> expected = new LinkedHashSet<>(documented.get("Both services"));
			expected.addAll(documented.get(name));
			Set<String> composed = new LinkedHashSet<>();
			environment(name).keySet().forEach((variable) -> composed.add(relaxed(variable)));
			assertThat(composed).as("variables of %s in docker-compose.yml", name)
				.containsAll(expected.stream().map(ComposeFileTests::relaxed).toList());
		}
	}

	/**
	 * The env var columns of the service configuration tables, by table heading.
	 */
	private static Map<String, Set<String>> documentedVariables() throws IOException {
		String configuration = Files.readString(ROOT.resolve("docs/configuration.md"));
		Map<String, Set<String>> variables = new LinkedHashMap<>();
		String table = "";
		for (String line : configuration.lines().toList()) {
			if (line.startsWith("## ")) {
				table = line.substring(3).strip();
			}
			else if (SERVICE_TABLES.contains(table) && line.startsWith("| `")) {
				String envVarColumn = line.split("\\|")[2];
				Matcher matcher = ENV_VAR.matcher(envVarColumn);
				while (matcher.find()) {
					variables.computeIfAbsent(table, (key) -> new LinkedHashSet<>()).add(matcher.group(1));
				}
			}
		}
		return variables;
	}

	/** Spring's relaxed binding takes {@code SYNC_RETRY_MAX_DELAY} and {@code SYNC_RETRY_MAXDELAY} alike. */
	private static String relaxed(String variable) {
		return variable.replace("_", "");
	}

	private static void assertPinned(String where, String image) {
		assertThat(image).as("image of %s", where).isNotBlank().contains(":").doesNotEndWith(":latest");
	}

	private String healthcheck(String service) {
		Object test = map(map(services().get(service)).get("healthcheck")).get("test");
		return (test instanceof List<?> list) ? String.join(" ", list.stream().map(String::valueOf).toList())
				: String.valueOf(test);
	}

	private Map<String, Object> environment(String service) {
		return map(map(services().get(service)).get("environment"));
	}

	private Map<String, Object> services() {
		return map(this.compose.get("services"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> load(Path file) {
		try {
			return new Yaml().load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

}
