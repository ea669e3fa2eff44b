package io.assistantsync.api.assistant;

import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.assistantsync.testing.TestDatabase;
import io.assistantsync.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway V5 on a database holding assistants and sync results written before updates and deletes existed: every
 * assistant gets its CREATED version with the fields it set, and every result the version its JSON names.
 */
class AssistantChangesMigrationIntegrationTests {

	@Test
	void shouldBackFillTheCreatedVersionsAndTheResultVersions() {
		try (TestDatabase database = TestPostgres.createDatabase("api_v5")) {
			DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
					database.password());
			migrate(dataSource, "4");
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.update("""
					INSERT INTO assistants (id, owner_id, name, emoji, description, category, tags, instructions,
					    visibility, version, created_at, updated_at, sync_status, sync_event_id, sync_requested_at)
					VALUES ('full-assistant-000000', 'alice', 'Full', 'f', 'd', 'c', '{a}', 'i', 'PUBLIC', 1,
					        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'SYNCED', 'event-1', '2026-01-01T00:00:00Z'),
					       ('bare-assistant-000000', 'bob', 'Bare', 'b', NULL, NULL, '{}', NULL, 'PRIVATE', 1,
					        '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', 'PENDING', 'event-2', '2026-01-02T00:00:00Z')
					""");
			jdbc.update("""
					INSERT INTO sync_results (event_id, assistant_id, source_event_id, status, attempt, payload,
					    received_at)
					VALUES ('result-1', 'full-assistant-000000', 'event-1', 'SYNCED', 1,
					        '{"eventId":"result-1","version":1,"status":"SYNCED"}', now()),
					       ('result-2', 'bare-assistant-000000', 'event-2', 'RETRYING', 1,
					        '{"eventId":"result-2","status":"RETRYING"}', now())
					""");

			migrate(dataSource, "5");

			List<Map<String, Object>> versions = jdbc.queryForList("""
					SELECT assistant_id, version, change, array_to_string(changed_fields, ',') AS fields, changed_by,
					    changed_at = (SELECT created_at FROM assistants WHERE id = assistant_id) AS at_creation
					FROM assistant_versions ORDER BY assistant_id
					""");
			assertThat(versions).hasSize(2);
			assertThat(versions.get(0)).containsEntry("assistant_id", "bare-assistant-000000")
				.containsEntry("version", 1L)
				.containsEntry("change", "CREATED")
				.containsEntry("fields", "name,emoji,visibility")
				.containsEntry("changed_by", "bob")
				.containsEntry("at_creation", true);
			assertThat(versions.get(1)).containsEntry("fields",
					"name,emoji,description,category,tags,instructions,visibility")
				.containsEntry("changed_by", "alice");
			assertThat(jdbc.queryForList("SELECT version FROM sync_results ORDER BY event_id", Long.class))
				.containsExactly(1L, 1L);
			assertThat(jdbc.queryForList("SELECT id FROM assistants WHERE deleted_at IS NULL", String.class))
				.hasSize(2);
		}
	}

	private static void migrate(DriverManagerDataSource dataSource, String target) {
		Flyway.configure().dataSource(dataSource).target(target).load().migrate();
	}

}
