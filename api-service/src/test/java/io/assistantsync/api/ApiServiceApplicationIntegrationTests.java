package io.assistantsync.api;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ApiServiceIntegrationTest
class ApiServiceApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void shouldReportHealthWithDatabaseAndKafka() {
		HttpResponse<String> health = client().get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"kafka\"");
		assertThat(client().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		HttpResponse<String> readiness = client().get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		// POSTs keep working while Kafka is down, so Kafka must not take the instance out of service
		assertThat(readiness.body()).doesNotContain("kafka");
	}

	@Test
	void shouldExposeThePipelineMetrics() {
		client().postJson("/api/assistants", "{\"name\":\"Measured\",\"emoji\":\"📈\"}");

		HttpResponse<String> metrics = client().get("/actuator/prometheus");

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "assistants_outbox_backlog",
				"assistants_outbox_oldest_age_seconds", "assistants_outbox_published_total",
				"assistants_outbox_send_failures_total", "assistants_outbox_relay_batch_seconds_count");
	}

	@Test
	void shouldMigrateTheDatabaseAtStartUp() {
		Integer applied = this.jdbc.queryForObject(
				"SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL", Integer.class);
		assertThat(applied).isPositive();
	}

	@Test
	void shouldDescribeTheApiWithItsProblemShapes() {
		HttpResponse<String> docs = client().get("/v3/api-docs");

		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode api = ApiTestClient.json(docs);
		JsonNode paths = api.get("paths");
		assertThat(paths.propertyNames()).contains("/api/assistants", "/api/assistants/{id}",
				"/api/assistants/{id}/sync", "/api/assistants/{id}/sync-events", "/api/sync/status");
		JsonNode create = paths.get("/api/assistants").get("post");
		assertThat(create.get("requestBody").get("content").get("application/json").get("schema").get("$ref")
			.stringValue()).endsWith("/AssistantRequest");
		assertThat(create.get("responses").propertyNames()).contains("202", "400", "413", "415", "422");
		assertThat(create.get("parameters")).anySatisfy((parameter) -> {
			assertThat(parameter.get("name").stringValue()).isEqualTo("Idempotency-Key");
			assertThat(parameter.get("in").stringValue()).isEqualTo("header");
		});
		assertThat(create.get("responses").get("400").get("content").get("application/problem+json").get("schema")
			.get("$ref")
			.stringValue()).endsWith("/Problem");
		JsonNode problem = api.get("components").get("schemas").get("Problem");
		assertThat(problem.get("properties").propertyNames()).contains("type", "title", "status", "detail",
				"errors");
		JsonNode request = api.get("components").get("schemas").get("AssistantRequest");
		assertThat(request.get("required")).extracting(JsonNode::stringValue).contains("name", "emoji");
		assertThat(client().get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

}
