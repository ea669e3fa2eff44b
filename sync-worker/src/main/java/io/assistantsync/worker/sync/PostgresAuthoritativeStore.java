package io.assistantsync.worker.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

import io.assistantsync.common.event.AssistantSnapshot;

/**
 * The default {@link AuthoritativeStore}: table {@code assistants} of the {@code assistants_authority}
 * PostgreSQL database. One upsert statement per write, guarded by the version, so redeliveries and
 * replays are harmless and an older version never overwrites a newer one. Every statement has a timeout.
 */
@Component
class PostgresAuthoritativeStore implements AuthoritativeStore {

	private static final String UPSERT = """
			INSERT INTO assistants (id, name, emoji, description, category, tags, instructions, visibility,
			                        version, created_at, updated_at, synced_at, source_event_id)
			VALUES (:id, :name, :emoji, :description, :category, :tags, :instructions, :visibility,
			        :version, :createdAt, :updatedAt, :syncedAt, :sourceEventId)
			ON CONFLICT (id) DO UPDATE SET
			    name = EXCLUDED.name, emoji = EXCLUDED.emoji, description = EXCLUDED.description,
			    category = EXCLUDED.category, tags = EXCLUDED.tags, instructions = EXCLUDED.instructions,
			    visibility = EXCLUDED.visibility, version = EXCLUDED.version, created_at = EXCLUDED.created_at,
			    updated_at = EXCLUDED.updated_at, synced_at = EXCLUDED.synced_at,
			    source_event_id = EXCLUDED.source_event_id
			WHERE assistants.version < EXCLUDED.version
			RETURNING (xmax = 0) AS inserted
			""";

	private static final String PROBE = "SELECT count(*) FROM assistants WHERE false";

	private final JdbcClient jdbc;

	private final JdbcClient probe;

	private final Clock clock;

	PostgresAuthoritativeStore(DataSource dataSource, SyncStoreProperties properties, Clock clock) {
		this.jdbc = JdbcClient.create(timed(dataSource, properties.statementTimeout().toSeconds()));
		this.probe = JdbcClient.create(timed(dataSource, properties.probeTimeout().toSeconds()));
		this.clock = clock;
	}

	@Override
	public UpsertResult upsert(AssistantSnapshot assistant, String sourceEventId) {
		try {
			List<Boolean> inserted = this.jdbc.sql(UPSERT)
				.param("id", assistant.id())
				.param("name", assistant.name())
				.param("emoji", assistant.emoji())
				.param("description", assistant.description())
				.param("category", assistant.category())
				.param("tags", new SqlArrayValue("text", assistant.tags().toArray()))
				.param("instructions", assistant.instructions())
				.param("visibility", assistant.visibility().name())
				.param("version", assistant.version())
				.param("createdAt", timestamp(assistant.createdAt()))
				.param("updatedAt", timestamp(assistant.updatedAt()))
				.param("syncedAt", timestamp(this.clock.instant()))
				.param("sourceEventId", sourceEventId)
				.query(Boolean.class)
				.list();
			if (inserted.isEmpty()) {
				return UpsertResult.UNCHANGED;
			}
			return inserted.get(0) ? UpsertResult.INSERTED : UpsertResult.UPDATED;
		}
		catch (RuntimeException ex) {
			throw StoreFailures.classify(assistant.id(), ex);
		}
	}

	@Override
	public void probe() {
		try {
			this.probe.sql(PROBE).query(Long.class).single();
		}
		catch (RuntimeException ex) {
			throw new StoreUnavailableException("The authoritative store does not answer", ex);
		}
	}

	private static JdbcTemplate timed(DataSource dataSource, long timeoutSeconds) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setQueryTimeout((int) Math.max(1, timeoutSeconds));
		return template;
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}

}
