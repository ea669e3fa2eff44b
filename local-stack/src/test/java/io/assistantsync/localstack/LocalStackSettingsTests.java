package io.assistantsync.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.assistantsync.localstack.LocalStackSettings.SecurityMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalStackSettingsTests {

	@Test
	void shouldDefaultToTheContractPortsAndEmbeddedServers() {
		LocalStackSettings settings = LocalStackSettings.from(Map.<String, String>of()::get);

		assertThat(settings.kafkaPort()).isEqualTo(9092);
		assertThat(settings.postgresPort()).isEqualTo(5432);
		assertThat(settings.apiPort()).isEqualTo(8080);
		assertThat(settings.workerPort()).isEqualTo(8081);
		assertThat(settings.needsEmbeddedKafka()).isTrue();
		assertThat(settings.needsEmbeddedPostgres()).isTrue();
		assertThat(settings.root()).isEqualTo(Path.of("").toAbsolutePath());
		assertThat(settings.postgresDataDirectory()).isEqualTo(settings.root().resolve("local-stack/data/postgres"));
		assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(180));
		assertThat(settings.serviceJavaOptions()).contains("-Xmx512m");
		assertThat(settings.syncResultsTopic()).isEqualTo("assistants.sync-results");
		assertThat(settings.logsDirectory()).isEqualTo(settings.root().resolve("local-stack/data/logs"));
		assertThat(settings.verbose()).isFalse();
		assertThat(settings.securityMode()).isEqualTo(SecurityMode.JWT);
		assertThat(settings.issuerPort()).isZero();
		assertThat(settings.tokenFile()).isEqualTo(settings.root().resolve("local-stack/data/demo-token"));
		assertThat(settings.corsAllowedOrigins()).isNull();
		assertThat(settings.apiInstances()).isOne();
		assertThat(settings.workers()).isOne();
	}

	@Test
	void shouldTakeTheInstanceCountsFromTheCommandLineOverTheEnvironment() {
		Map<String, String> options = LaunchOptions.parse("--api-instances", "2", "--workers=3");
		Map<String, String> environment = Map.of("LOCAL_STACK_API_INSTANCES", "4", "LOCAL_STACK_WORKERS", "5");

		LocalStackSettings settings = LocalStackSettings
			.from((name) -> options.containsKey(name) ? options.get(name) : environment.get(name));

		assertThat(settings.apiInstances()).isEqualTo(2);
		assertThat(settings.workers()).isEqualTo(3);
		assertThat(LocalStackSettings.from(environment::get).workers()).isEqualTo(5);
	}

	@Test
	void shouldRefuseAnUnknownOptionOrACountThatIsNotPositive() {
		assertThatExceptionOfType(LocalStackException.class).isThrownBy(() -> LaunchOptions.parse("--replicas", "2"))
			.withMessage("unknown option '--replicas': the options are --api-instances <n> and --workers <n>");
		assertThatExceptionOfType(LocalStackException.class).isThrownBy(() -> LaunchOptions.parse("--workers"))
			.withMessage("--workers needs a number: the options are --api-instances <n> and --workers <n>");
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> LaunchOptions.parse("--api-instances=0"))
			.withMessage("--api-instances must be a positive whole number, not '0'");
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> LocalStackSettings.from(Map.of("LOCAL_STACK_WORKERS", "many")::get))
			.withMessage("LOCAL_STACK_WORKERS must be a positive whole number, not 'many'");
	}

	@Test
	void shouldTurnSecurityOffWithEitherVariableTheLauncherOneFirst() {
		assertThat(LocalStackSettings.from(Map.of("LOCAL_STACK_SECURITY_MODE", "none")::get).securityMode())
			.isEqualTo(SecurityMode.NONE);
		assertThat(LocalStackSettings.from(Map.of("ASSISTANTS_SECURITY_MODE", "NONE")::get).securityMode())
			.isEqualTo(SecurityMode.NONE);
		assertThat(LocalStackSettings
			.from(Map.of("LOCAL_STACK_SECURITY_MODE", "jwt", "ASSISTANTS_SECURITY_MODE", "none")::get)
			.securityMode()).isEqualTo(SecurityMode.JWT);
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> LocalStackSettings.from(Map.of("ASSISTANTS_SECURITY_MODE", "off")::get))
			.withMessage("ASSISTANTS_SECURITY_MODE must be jwt or none, not 'off'");
	}

	@Test
	void shouldTakeTheIssuerPortTheTokenFileAndTheBrowserOrigins() {
		LocalStackSettings settings = LocalStackSettings.from(Map.of("LOCAL_STACK_ROOT", "/srv/app",
				"LOCAL_STACK_ISSUER_PORT", "18082", "LOCAL_STACK_TOKEN_FILE", "tokens/demo",
				"ASSISTANTS_CORS_ALLOWED_ORIGINS", "http://localhost:5173,http://127.0.0.1:5173")::get);

		assertThat(settings.issuerPort()).isEqualTo(18082);
		assertThat(settings.tokenFile()).isEqualTo(Path.of("/srv/app/tokens/demo"));
		assertThat(settings.corsAllowedOrigins()).isEqualTo("http://localhost:5173,http://127.0.0.1:5173");
	}

	@Test
	void shouldTakePortsPathsAndOptionsFromTheEnvironment() {
		Map<String, String> environment = Map.of("LOCAL_STACK_KAFKA_PORT", "19092", "LOCAL_STACK_POSTGRES_PORT",
				"15432", "API_PORT", "18080", "WORKER_PORT", "18081", "LOCAL_STACK_ROOT", "/srv/app",
				"LOCAL_STACK_POSTGRES_DATA", "/var/pg", "LOCAL_STACK_READY_TIMEOUT_SECONDS", "30",
				"LOCAL_STACK_JAVA_OPTS", " -Xmx256m  -Dx=y ", "ASSISTANTS_TOPICS_SYNC_RESULTS", "team.sync-results");

		LocalStackSettings settings = LocalStackSettings.from(environment::get);

		assertThat(settings.kafkaPort()).isEqualTo(19092);
		assertThat(settings.postgresPort()).isEqualTo(15432);
		assertThat(settings.apiPort()).isEqualTo(18080);
		assertThat(settings.workerPort()).isEqualTo(18081);
		assertThat(settings.root()).isEqualTo(Path.of("/srv/app"));
		assertThat(settings.postgresDataDirectory()).isEqualTo(Path.of("/var/pg"));
		assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.serviceJavaOptions()).containsExactly("-Xmx256m", "-Dx=y");
		assertThat(settings.syncResultsTopic()).isEqualTo("team.sync-results");
	}

	@Test
	void shouldTakeTheLogsFolderRelativeToTheRootAndTheVerboseFlag() {
		LocalStackSettings settings = LocalStackSettings
			.from(Map.of("LOCAL_STACK_ROOT", "/srv/app", "LOCAL_STACK_LOGS", "logs", "LOCAL_STACK_VERBOSE", "TRUE")::get);

		assertThat(settings.logsDirectory()).isEqualTo(Path.of("/srv/app/logs"));
		assertThat(settings.verbose()).isTrue();
		assertThat(LocalStackSettings.from(Map.of("LOCAL_STACK_LOGS", "/var/log/stack")::get).logsDirectory())
			.isEqualTo(Path.of("/var/log/stack"));
	}

	@Test
	void shouldReadTheSyncResultsTopicInEitherSpellingTheServicesAccept() {
		assertThat(LocalStackSettings.from(Map.of("ASSISTANTS_TOPICS_SYNCRESULTS", "a.results")::get).syncResultsTopic())
			.isEqualTo("a.results");
	}

	@Test
	void shouldUseExternalServersWhenTheContractVariablesNameThem() {
		Map<String, String> environment = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "SPRING_DATASOURCE_URL",
				"jdbc:postgresql://db:5432/api", "SPRING_DATASOURCE_USERNAME", "api", "SPRING_DATASOURCE_PASSWORD",
				"secret", "SYNC_STORE_JDBC_URL", "jdbc:postgresql://store:5432/authority");

		LocalStackSettings settings = LocalStackSettings.from(environment::get);

		assertThat(settings.needsEmbeddedKafka()).isFalse();
		assertThat(settings.externalKafka()).isEqualTo("kafka:9092");
		assertThat(settings.needsEmbeddedPostgres()).isFalse();
		assertThat(settings.apiDatabase()).isEqualTo(new JdbcTarget("jdbc:postgresql://db:5432/api", "api", "secret"));
		assertThat(settings.authorityDatabase())
			.isEqualTo(new JdbcTarget("jdbc:postgresql://store:5432/authority", "postgres", ""));
	}

	@Test
	void shouldStillEmbedPostgresWhenOnlyOneDatabaseIsGiven() {
		LocalStackSettings settings = LocalStackSettings
			.from(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db:5432/api")::get);

		assertThat(settings.needsEmbeddedPostgres()).isTrue();
		assertThat(settings.authorityDatabase()).isNull();
	}

	@Test
	void shouldNameTheSettingOfAnInvalidPort() {
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> LocalStackSettings.from(Map.of("API_PORT", "http")::get))
			.withMessage("API_PORT must be a positive whole number, not 'http'");
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> LocalStackSettings.from(Map.of("WORKER_PORT", "70000")::get))
			.withMessage("WORKER_PORT must be a port number from 1 to 65535, not 70000");
	}

	@Test
	void shouldNameTheSettingOfAnInvalidFlag() {
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> LocalStackSettings.from(Map.of("LOCAL_STACK_VERBOSE", "yes")::get))
			.withMessage("LOCAL_STACK_VERBOSE must be true or false, not 'yes'");
	}

}
