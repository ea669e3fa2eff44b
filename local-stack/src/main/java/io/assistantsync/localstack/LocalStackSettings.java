package io.assistantsync.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.assistantsync.common.kafka.Topics;

/**
 * What the launcher starts and where. Every setting is read from a system property or, failing that, an
 * environment variable of the same name, so {@code -DAPI_PORT=18080} and {@code API_PORT=18080} both work.
 *
 * @param root the repository root: the service jars are under {@code api-service/target} and
 * {@code sync-worker/target}
 * @param postgresDataDirectory where the embedded PostgreSQL keeps its data across restarts
 * @param kafkaPort the port of the embedded broker on 127.0.0.1
 * @param postgresPort the port of the embedded PostgreSQL on localhost
 * @param apiPort the HTTP port of api-service
 * @param workerPort the HTTP port of sync-worker
 * @param externalKafka bootstrap servers of a broker to use instead of the embedded one, or {@code null}
 * @param apiDatabase the api-service database to use instead of the embedded one, or {@code null}
 * @param authorityDatabase the authoritative store to use instead of the embedded one, or {@code null}
 * @param readyTimeout how long the services may take to become ready
 * @param serviceJavaOptions JVM options of the two service processes
 * @param syncResultsTopic the sync-results topic, for the printed {@code kcat} line
 * @param logsDirectory where the launcher and each service write their full logs, one file each
 * @param verbose whether the console shows everything logged at INFO, not only the services' own lines and
 * warnings
 * @param securityMode how api-service authenticates its callers
 * @param issuerPort the port of the local token issuer's JWK set on 127.0.0.1, 0 for any free one
 * @param tokenFile where the demo producer's token is written, for {@code TOKEN=$(cat <file>)}
 * @param corsAllowedOrigins the browser origins api-service allows ({@code ASSISTANTS_CORS_ALLOWED_ORIGINS}),
 * or {@code null} for none
 * @param apiInstances how many api-service processes to run ({@code --api-instances})
 * @param workers how many sync-worker processes to run ({@code --workers})
 */
record LocalStackSettings(Path root, Path postgresDataDirectory, int kafkaPort, int postgresPort, int apiPort,
		int workerPort, String externalKafka, JdbcTarget apiDatabase, JdbcTarget authorityDatabase,
		Duration readyTimeout, List<String> serviceJavaOptions, String syncResultsTopic, Path logsDirectory,
		boolean verbose, SecurityMode securityMode, int issuerPort, Path tokenFile, String corsAllowedOrigins,
		int apiInstances, int workers) {

	/**
	 * How api-service authenticates its callers in the local run.
	 */
	enum SecurityMode {

		/** Bearer JWTs from the launcher's own token issuer, as in production. */
		JWT,

		/** No authentication: every caller is let in as one owner. */
		NONE

	}

	static final String DEFAULT_JAVA_OPTIONS = "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

	/**
	 * The settings of this JVM: the command line first, then system properties, then the environment.
	 * @param args the command line ({@link LaunchOptions})
	 * @return the settings
	 * @throws LocalStackException when an option or a value is invalid
	 */
	static LocalStackSettings fromEnvironment(String... args) {
		Map<String, String> options = LaunchOptions.parse(args);
		return from((name) -> {
			String option = options.get(name);
			if (option != null) {
				return option;
			}
			String property = System.getProperty(name);
			return (property != null) ? property : System.getenv(name);
		});
	}

	/**
	 * The settings found by a lookup of names.
	 * @param lookup returns the value of a name, or {@code null}
	 * @return the settings
	 * @throws LocalStackException when a value is invalid
	 */
	static LocalStackSettings from(Function<String, String> lookup) {
		Lookup values = new Lookup(lookup);
		Path root = Path.of(values.text("LOCAL_STACK_ROOT", ".")).toAbsolutePath().normalize();
		Path dataDirectory = root.resolve(values.text("LOCAL_STACK_POSTGRES_DATA", "local-stack/data/postgres"))
			.normalize();
		return new LocalStackSettings(root, dataDirectory, values.port("LOCAL_STACK_KAFKA_PORT", 9092),
				values.port("LOCAL_STACK_POSTGRES_PORT", 5432), values.port("API_PORT", 8080),
				values.port("WORKER_PORT", 8081), values.text("KAFKA_BOOTSTRAP_SERVERS", null),
				values.jdbcTarget("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD"),
				values.jdbcTarget("SYNC_STORE_JDBC_URL", "SYNC_STORE_JDBC_USERNAME", "SYNC_STORE_JDBC_PASSWORD"),
				Duration.ofSeconds(values.positive("LOCAL_STACK_READY_TIMEOUT_SECONDS", 180)),
				List.of(values.text("LOCAL_STACK_JAVA_OPTS", DEFAULT_JAVA_OPTIONS).trim().split("\\s+")),
				// both spellings bind assistants.topics.sync-results in the services
				values.text("ASSISTANTS_TOPICS_SYNC_RESULTS",
						values.text("ASSISTANTS_TOPICS_SYNCRESULTS", Topics.SYNC_RESULTS)),
				root.resolve(values.text("LOCAL_STACK_LOGS", "local-stack/data/logs")).normalize(),
				values.flag("LOCAL_STACK_VERBOSE"), values.securityMode(), values.portOrAny("LOCAL_STACK_ISSUER_PORT"),
				root.resolve(values.text("LOCAL_STACK_TOKEN_FILE", "local-stack/data/demo-token")).normalize(),
				values.text("ASSISTANTS_CORS_ALLOWED_ORIGINS", null), values.positive("LOCAL_STACK_API_INSTANCES", 1),
				values.positive("LOCAL_STACK_WORKERS", 1));
	}

	/**
	 * Whether an embedded PostgreSQL is needed: at least one of the two databases is not given.
	 * @return {@code true} unless both JDBC URLs are set
	 */
	boolean needsEmbeddedPostgres() {
		return this.apiDatabase == null || this.authorityDatabase == null;
	}

	/**
	 * Whether the launcher runs its own broker.
	 * @return {@code true} unless {@code KAFKA_BOOTSTRAP_SERVERS} is set
	 */
	boolean needsEmbeddedKafka() {
		return this.externalKafka == null;
	}

	private record Lookup(Function<String, String> source) {

		String text(String name, String fallback) {
			String value = this.source.apply(name);
			return (value != null && !value.isBlank()) ? value.strip() : fallback;
		}

		boolean flag(String name) {
			String value = text(name, "false");
			if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
				throw new LocalStackException(name + " must be true or false, not '" + value + "'");
			}
			return Boolean.parseBoolean(value);
		}

		SecurityMode securityMode() {
			// the service's own variable works too, so ASSISTANTS_SECURITY_MODE=none means the same here and there
			String name = (text("LOCAL_STACK_SECURITY_MODE", null) != null) ? "LOCAL_STACK_SECURITY_MODE"
					: "ASSISTANTS_SECURITY_MODE";
			String value = text(name, "jwt");
			if (!value.equalsIgnoreCase("jwt") && !value.equalsIgnoreCase("none")) {
				throw new LocalStackException(name + " must be jwt or none, not '" + value + "'");
			}
			return SecurityMode.valueOf(value.toUpperCase(Locale.ROOT));
		}

		int portOrAny(String name) {
			return "0".equals(text(name, "0")) ? 0 : port(name, 0);
		}

		int port(String name, int fallback) {
			int port = positive(name, fallback);
			if (port > 65535) {
				throw new LocalStackException(name + " must be a port number from 1 to 65535, not " + port);
			}
			return port;
		}

		int positive(String name, int fallback) {
			String value = text(name, null);
			if (value == null) {
				return fallback;
			}
			try {
				int number = Integer.parseInt(value);
				if (number > 0) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// reported below with the setting's name
			}
			throw new LocalStackException(name + " must be a positive whole number, not '" + value + "'");
		}

		JdbcTarget jdbcTarget(String urlName, String usernameName, String passwordName) {
			String url = text(urlName, null);
			if (url == null) {
				return null;
			}
			String password = this.source.apply(passwordName);
			return new JdbcTarget(url, text(usernameName, "postgres"), (password != null) ? password : "");
		}

	}

}
