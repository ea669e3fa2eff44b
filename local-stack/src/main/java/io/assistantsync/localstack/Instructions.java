package io.assistantsync.localstack;

import java.nio.file.Path;

/**
 * What the launcher prints once the stack is ready: where everything is, and lines to paste into a shell.
 *
 * @param api api-service
 * @param worker sync-worker
 * @param bootstrapServers the broker
 * @param apiDatabase the api-service database
 * @param authorityDatabase the authoritative store
 * @param syncResultsTopic the topic of sync results
 * @param logsDirectory where the full logs are
 */
record Instructions(ServiceSpec api, ServiceSpec worker, String bootstrapServers, JdbcTarget apiDatabase,
		JdbcTarget authorityDatabase, String syncResultsTopic, Path logsDirectory) {

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
		String api = this.api.baseUrl();
		String worker = this.worker.baseUrl();
		return String.join(System.lineSeparator(), "", READY_LINE, "",
				row("API", api + "/api/assistants"), row("Swagger UI", api + "/swagger-ui.html"),
				row("Health", api + "/actuator/health  " + worker + "/actuator/health"),
				row("Prometheus", api + "/actuator/prometheus  " + worker + "/actuator/prometheus"),
				row("Kafka", this.bootstrapServers),
				row("PostgreSQL", this.apiDatabase.url() + "  " + this.authorityDatabase.url() + "  (user "
						+ this.apiDatabase.username() + ")"),
				row("Logs", this.logsDirectory.toString()),
				"", "Create an assistant:",
				"  curl -i -X POST " + api + "/api/assistants -H 'Content-Type: application/json' -d '"
						+ SAMPLE_ASSISTANT + "'",
				"Read it back (its id is in the Location header):", "  curl -s " + api + "/api/assistants/<id>",
				"Watch the sync results:",
				"  kcat -C -b " + this.bootstrapServers + " -t " + this.syncResultsTopic + " -f '%k %s\\n'",
				"Follow a service's full log (Kafka's clients included):",
				"  tail -f " + this.logsDirectory.resolve("sync-worker.log"), "");
	}

	private static String row(String label, String value) {
		return String.format("  %-12s %s", label, value);
	}

}
