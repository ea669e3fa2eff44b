package io.assistantsync.localstack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstructionsTests {

	private final LocalStackSettings settings = LocalStackSettings
		.from(Map.of("API_PORT", "18080", "WORKER_PORT", "18081")::get);

	private final JdbcTarget api = new JdbcTarget("jdbc:postgresql://localhost:5432/assistants_api", "postgres", "");

	private final JdbcTarget authority = api.withDatabase("assistants_authority");

	private final String text = new Instructions(ServiceSpec.apiService(this.settings, "127.0.0.1:19092", this.api),
			ServiceSpec.syncWorker(this.settings, "127.0.0.1:19092", this.authority), "127.0.0.1:19092", this.api,
			this.authority, "assistants.sync-results", Path.of("/repo/local-stack/data/logs"))
		.text();

	@Test
	void shouldPrintTheUrlsOfBothServices() {
		assertThat(this.text).contains(Instructions.READY_LINE)
			.contains("http://localhost:18080/api/assistants")
			.contains("http://localhost:18080/swagger-ui.html")
			.contains("http://localhost:18080/actuator/health")
			.contains("http://localhost:18081/actuator/health")
			.contains("http://localhost:18080/actuator/prometheus")
			.contains("http://localhost:18081/actuator/prometheus");
	}

	@Test
	void shouldPrintACurlPostOfTheSampleAssistant() {
		assertThat(this.text).contains("curl -i -X POST http://localhost:18080/api/assistants"
				+ " -H 'Content-Type: application/json' -d '{\"name\":\"Flight log analyst\",\"emoji\":\"🛩️\"");
	}

	@Test
	void shouldPrintAKcatLineForTheSyncResults() {
		assertThat(this.text).contains("kcat -C -b 127.0.0.1:19092 -t assistants.sync-results -f '%k %s\\n'");
	}

	@Test
	void shouldNameTheLogsFolderAndHowToFollowALog() {
		assertThat(this.text).contains("  Logs         /repo/local-stack/data/logs" + System.lineSeparator())
			.contains("  tail -f /repo/local-stack/data/logs/sync-worker.log");
	}

}
