package io.assistantsync.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.assistantsync.localstack.DemoIssuer.DemoToken;

import static org.assertj.core.api.Assertions.assertThat;

class InstructionsTests {

	private final LocalStackSettings settings = LocalStackSettings
		.from(Map.of("API_PORT", "18080", "WORKER_PORT", "18081")::get);

	private final JdbcTarget api = new JdbcTarget("jdbc:postgresql://localhost:5432/assistants_api", "postgres", "");

	private final JdbcTarget authority = api.withDatabase("assistants_authority");

	private final DemoToken token = new DemoToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", Path.of("/repo/local-stack/data/demo-token"));

	private final String text = instructions(this.token, null).text();

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
	void shouldPutTheDemoTokenIntoTheCurlPostAndNameItsFile() {
		assertThat(this.text).contains("  Token        /repo/local-stack/data/demo-token  (demo-producer, "
				+ "assistants:read assistants:write, valid 24 h)" + System.lineSeparator())
			.contains("\"visibility\":\"PRIVATE\"}' -H 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln'"
					+ System.lineSeparator())
			.contains("  TOKEN=$(cat /repo/local-stack/data/demo-token)" + System.lineSeparator()
					+ "  curl -s http://localhost:18080/api/assistants/<id> -H \"Authorization: Bearer $TOKEN\""
					+ System.lineSeparator()
					+ "  curl -N http://localhost:18080/api/assistants/<id>/sync-events -H \"Authorization: Bearer $TOKEN\"")
			.doesNotContain("  CORS ");
	}

	@Test
	void shouldPrintCallsWithoutATokenWhenSecurityIsOff() {
		String text = instructions(null, null).text();

		assertThat(text).contains("  Token        none needed: security is off (ASSISTANTS_SECURITY_MODE=none)")
			.contains("\"visibility\":\"PRIVATE\"}'" + System.lineSeparator())
			.contains("  curl -s http://localhost:18080/api/assistants/<id>" + System.lineSeparator())
			.doesNotContain("Authorization", "TOKEN");
	}

	@Test
	void shouldNameTheAllowedBrowserOriginsWhenThereAreSome() {
		assertThat(instructions(this.token, "http://localhost:5173").text())
			.contains("  CORS         http://localhost:5173" + System.lineSeparator());
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

	@Test
	void shouldListEveryInstanceWhenSeveralRun() {
		ServiceSpec api = ServiceSpec.apiService(this.settings, "127.0.0.1:19092", this.api);
		ServiceSpec worker = ServiceSpec.syncWorker(this.settings, "127.0.0.1:19092", this.authority);
		List<ServiceSpec> apis = List.of(rename(api, "api-service-1", 18080), rename(api, "api-service-2", 18082));
		List<ServiceSpec> workers = List.of(rename(worker, "sync-worker-1", 18081),
				rename(worker, "sync-worker-2", 18083));

		String text = new Instructions(apis, workers, "127.0.0.1:19092", this.api, this.authority,
				"assistants.sync-results", Path.of("/repo/local-stack/data/logs"), null, null)
			.text();

		assertThat(text).contains("  api-service-1 http://localhost:18080" + System.lineSeparator()
				+ "  api-service-2 http://localhost:18082" + System.lineSeparator()
				+ "  sync-worker-1 http://localhost:18081" + System.lineSeparator()
				+ "  sync-worker-2 http://localhost:18083" + System.lineSeparator())
			.contains("curl -i -X POST http://localhost:18080/api/assistants")
			.contains("  tail -f /repo/local-stack/data/logs/sync-worker-1.log");
		assertThat(this.text).doesNotContain("Instances");
	}

	private static ServiceSpec rename(ServiceSpec spec, String name, int port) {
		return new ServiceSpec(name, spec.jar(), port, spec.environment());
	}

	private Instructions instructions(DemoToken token, String corsAllowedOrigins) {
		return new Instructions(List.of(ServiceSpec.apiService(this.settings, "127.0.0.1:19092", this.api)),
				List.of(ServiceSpec.syncWorker(this.settings, "127.0.0.1:19092", this.authority)), "127.0.0.1:19092",
				this.api, this.authority, "assistants.sync-results", Path.of("/repo/local-stack/data/logs"), token,
				corsAllowedOrigins);
	}

}
