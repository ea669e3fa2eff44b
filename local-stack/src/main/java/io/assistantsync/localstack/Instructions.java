package io.assistantsync.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.assistantsync.localstack.DemoIssuer.DemoToken;

/**
 * What the launcher prints once the stack is ready: where everything is, and lines to paste into a shell.
 *
 * @param apis the api-service instances, the first one the calls are printed for
 * @param workers the sync-worker instances
 * @param bootstrapServers the broker
 * @param apiDatabase the api-service database
 * @param authorityDatabase the authoritative store
 * @param syncResultsTopic the topic of sync results
 * @param logsDirectory where the full logs are
 * @param token the demo producer's token, or {@code null} when the API takes calls without one
 * @param corsAllowedOrigins the browser origins the API allows, or {@code null} for none
 */
record Instructions(List<ServiceSpec> apis, List<ServiceSpec> workers, String bootstrapServers, JdbcTarget apiDatabase,
		JdbcTarget authorityDatabase, String syncResultsTopic, Path logsDirectory, DemoToken token,
		String corsAllowedOrigins) {

	/** The line that tells a person, and the tests, that both services are ready. */
	static final String READY_LINE = "The local stack is ready. Press Ctrl-C to stop it.";

	/** The sample assistant of docs/contract.md §1, as a producer would send it. */
	static final String SAMPLE_ASSISTANT = """
			{"name":"Flight log analyst","emoji":"🛩️",\
			"description":"Reads drone flight logs and explains anomalies.",\
			"category":"analysis","tags":["drone","logs"],"visibility":"PRIVATE"}""";

	/**
	 * The text to print.
	 * @return several lines, ending with a line break
	 */
	String text() {
		String api = this.apis.get(0).baseUrl();
		String worker = this.workers.get(0).baseUrl();
		List<String> lines = new ArrayList<>(List.of("", READY_LINE, "", row("API", api + "/api/assistants"),
				row("Swagger UI", api + "/swagger-ui.html"),
				row("Health", api + "/actuator/health  " + worker + "/actuator/health"),
				row("Prometheus", api + "/actuator/prometheus  " + worker + "/actuator/prometheus"),
				row("Kafka", this.bootstrapServers),
				row("PostgreSQL", this.apiDatabase.url() + "  " + this.authorityDatabase.url() + "  (user "
						+ this.apiDatabase.username() + ")"),
				row("Token", (this.token != null)
						? this.token.file() + "  (" + DemoIssuer.SUBJECT + ", " + DemoIssuer.SCOPES + ", valid "
								+ DemoIssuer.VALID_FOR.toHours() + " h)"
						: "none needed: security is off (ASSISTANTS_SECURITY_MODE=none)")));
		if (this.corsAllowedOrigins != null) {
			lines.add(row("CORS", this.corsAllowedOrigins));
		}
		lines.add(row("Logs", this.logsDirectory.toString()));
		if (this.apis.size() > 1 || this.workers.size() > 1) {
			lines.add("");
			lines.add("Instances (each logs to <Logs>/<name>.log; the workers share the partitions):");
			this.apis.forEach((instance) -> lines.add(row(instance.name(), instance.baseUrl())));
			this.workers.forEach((instance) -> lines.add(row(instance.name(), instance.baseUrl())));
		}
		lines.addAll(List.of("", "Create an assistant:",
				"  curl -i -X POST " + api + "/api/assistants -H 'Content-Type: application/json' -d '"
						+ SAMPLE_ASSISTANT + "'" + ((this.token != null)
								? " -H 'Authorization: Bearer " + this.token.value() + "'" : "")));
		lines.add("Read it back (its id is in the Location header) and follow its sync:");
		String bearer = "";
		if (this.token != null) {
			lines.add("  TOKEN=$(cat " + this.token.file() + ")");
			bearer = " -H \"Authorization: Bearer $TOKEN\"";
		}
		lines.add("  curl -s " + api + "/api/assistants/<id>" + bearer);
		lines.add("  curl -N " + api + "/api/assistants/<id>/sync-events" + bearer);
		lines.addAll(List.of("Watch the sync results:",
				"  kcat -C -b " + this.bootstrapServers + " -t " + this.syncResultsTopic + " -f '%k %s\\n'",
				"Follow a service's full log (Kafka's clients included):",
				"  tail -f " + this.logsDirectory.resolve(this.workers.get(0).name() + ".log"), ""));
		return String.join(System.lineSeparator(), lines);
	}

	private static String row(String label, String value) {
		return String.format("  %-12s %s", label, value);
	}

}
