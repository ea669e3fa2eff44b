package io.assistantsync.worker.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.assistantsync.common.event.AssistantSnapshot;

/**
 * The default {@link AuthoritativeStore}: table {@code assistants} of the {@code assistants_authority}
 * PostgreSQL database. Upserts guarded by the version, so redeliveries and replays are harmless and an older
 * version never overwrites a newer one; many rows go in one multi-row statement. Every statement has a
 * timeout.
 */
@Component
public class PostgresAuthoritativeStore implements AuthoritativeStore {

	/** Rows per multi-row statement: 14 parameters each, well under PostgreSQL's 65,535. */
	static final int ROWS_PER_STATEMENT = 500;

	private static final String INSERT = """
			INSERT INTO assistants (id, owner_id, name, emoji, description, category, tags, instructions, visibility,
			                        version, created_at, updated_at, synced_at, source_event_id)
			VALUES %s
			ON CONFLICT (id) DO UPDATE SET
			    owner_id = EXCLUDED.owner_id, name = EXCLUDED.name, emoji = EXCLUDED.emoji,
			    description = EXCLUDED.description, category = EXCLUDED.category, tags = EXCLUDED.tags, instructions = EXCLUDED.instructions,
			    visibility = EXCLUDED.visibility, version = EXCLUDED.version, created_at = EXCLUDED.created_at,
			    updated_at = EXCLUDED.updated_at, synced_at = EXCLUDED.synced_at,
			    source_event_id = EXCLUDED.source_event_id
			WHERE assistants.version < EXCLUDED.version
			RETURNING id, (xmax = 0) AS inserted
			""";

	private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String PROBE = "SELECT count(*) FROM assistants WHERE false";

	private final JdbcTemplate jdbc;

	private final JdbcTemplate probe;

	private final Clock clock;

	private final Map<Integer, String> statements = new java.util.concurrent.ConcurrentHashMap<>();

	PostgresAuthoritativeStore(DataSource dataSource, SyncStoreProperties properties, Clock clock) {
		this.jdbc = timed(dataSource, properties.statementTimeout().toSeconds());
		this.probe = timed(dataSource, properties.probeTimeout().toSeconds());
		this.clock = clock;
	}

	@Override
	public UpsertResult upsert(AssistantSnapshot assistant, String sourceEventId) {
		return upsertAll(List.of(new StoreWrite(assistant, sourceEventId))).get(0);
	}

	@Override
	public List<UpsertResult> upsertAll(List<StoreWrite> writes) {
		// one row per id and statement (PostgreSQL cannot update a row twice in one statement): the highest
		// version wins, the others leave the row unchanged, as they would one after the other
		Map<String, StoreWrite> latest = new LinkedHashMap<>();
		for (StoreWrite write : writes) {
			latest.merge(write.assistant().id(), write,
					(kept, next) -> (next.assistant().version() > kept.assistant().version()) ? next : kept);
		}
		Map<String, UpsertResult> outcomes = new HashMap<>();
		List<StoreWrite> distinct = new ArrayList<>(latest.values());
		Timestamp syncedAt = Timestamp.from(this.clock.instant());
		try {
			for (int from = 0; from < distinct.size(); from += ROWS_PER_STATEMENT) {
				List<StoreWrite> chunk = distinct.subList(from, Math.min(distinct.size(), from + ROWS_PER_STATEMENT));
				outcomes.putAll(this.jdbc.execute((Connection connection) -> insert(connection, chunk, syncedAt)));
			}
		}
		catch (RuntimeException ex) {
			throw StoreFailures.classify(describe(writes), ex);
		}
		List<UpsertResult> results = new ArrayList<>(writes.size());
		for (StoreWrite write : writes) {
			boolean written = latest.get(write.assistant().id()) == write;
			results.add(written ? outcomes.getOrDefault(write.assistant().id(), UpsertResult.UNCHANGED)
					: UpsertResult.UNCHANGED);
		}
		return results;
	}

	@Override
	public void probe() {
		try {
			this.probe.queryForObject(PROBE, Long.class);
		}
		catch (RuntimeException ex) {
			throw new StoreUnavailableException("The authoritative store does not answer", ex);
		}
	}

	private Map<String, UpsertResult> insert(Connection connection, List<StoreWrite> chunk, Timestamp syncedAt)
			throws SQLException {
		String sql = this.statements.computeIfAbsent(chunk.size(), PostgresAuthoritativeStore::upsertStatement);
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setQueryTimeout(this.jdbc.getQueryTimeout());
			bindUpsert(connection, statement, chunk, syncedAt);
			Map<String, UpsertResult> written = new HashMap<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					written.put(rows.getString(1), rows.getBoolean(2) ? UpsertResult.INSERTED : UpsertResult.UPDATED);
				}
			}
			return written;
		}
	}

	/**
	 * The version-guarded upsert of {@code rows} rows, returning each written id and whether it was inserted.
	 * Public for the benchmark, which measures this very statement.
	 * @param rows the rows in the statement
	 * @return the SQL, to be bound with {@link #bindUpsert}
	 */
	public static String upsertStatement(int rows) {
		return INSERT.formatted(String.join(", ", java.util.Collections.nCopies(rows, ROW)));
	}

	/**
	 * Binds the rows of an {@link #upsertStatement(int)} of as many rows.
	 * @param connection the statement's connection, for the tags array
	 * @param statement the prepared upsert
	 * @param rows the writes, one row each
	 * @param syncedAt the {@code synced_at} of every row
	 * @throws SQLException when a value cannot be bound
	 */
	public static void bindUpsert(Connection connection, PreparedStatement statement, List<StoreWrite> rows,
			Timestamp syncedAt) throws SQLException {
		int index = 1;
		for (StoreWrite write : rows) {
			AssistantSnapshot assistant = write.assistant();
			statement.setString(index++, assistant.id());
			statement.setString(index++, assistant.ownerId());
			statement.setString(index++, assistant.name());
			statement.setString(index++, assistant.emoji());
			statement.setString(index++, assistant.description());
			statement.setString(index++, assistant.category());
			statement.setArray(index++, connection.createArrayOf("text", assistant.tags().toArray()));
			statement.setString(index++, assistant.instructions());
			statement.setString(index++, assistant.visibility().name());
			statement.setLong(index++, assistant.version());
			statement.setTimestamp(index++, timestamp(assistant.createdAt()));
			statement.setTimestamp(index++, timestamp(assistant.updatedAt()));
			statement.setTimestamp(index++, syncedAt);
			statement.setString(index++, write.sourceEventId());
		}
	}

	private static String describe(List<StoreWrite> writes) {
		return (writes.size() == 1) ? "assistant " + writes.get(0).assistant().id() : writes.size() + " assistants";
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
