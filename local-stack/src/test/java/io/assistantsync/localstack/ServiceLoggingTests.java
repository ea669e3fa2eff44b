package io.assistantsync.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLoggingTests {

	private final Path logs = Path.of("/repo/local-stack/data/logs");

	@Test
	void shouldLogEverythingToAFileOfTheServiceAndOnlyItsOwnLinesAndWarningsToTheConsole() throws Exception {
		List<String> options = ServiceLogging.prepare(this.logs, false).javaOptions("api-service");

		assertThat(options).startsWith("-Dlogging.file.name=/repo/local-stack/data/logs/api-service.log",
				"-Dlogging.level.org.apache.kafka=INFO");
		assertThat(options).contains("-Dspring.main.banner-mode=log");
		String config = options.stream()
			.filter((option) -> option.startsWith("-Dlogging.config="))
			.findFirst()
			.orElseThrow()
			.substring("-Dlogging.config=".length());
		assertThat(Files.readString(Path.of(config))).contains("<logger name=\"io.assistantsync\" additivity=\"false\">",
				"<level>WARN</level>", "<appender-ref ref=\"FILE\"/>");
	}

	@Test
	void shouldLeaveTheConsoleToSpringBootsDefaultsWhenVerbose() {
		assertThat(ServiceLogging.prepare(this.logs, true).javaOptions("sync-worker")).containsExactly(
				"-Dlogging.file.name=/repo/local-stack/data/logs/sync-worker.log",
				"-Dlogging.level.org.apache.kafka=INFO");
	}

}
