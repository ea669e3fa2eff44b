package io.assistantsync.worker.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.assistantsync.common.event.AssistantSnapshot;

/**
 * The default {@link AuthoritativeStore}: table {@code assistants} of the {@code assistants_authority}
 * PostgreSQL database. Upserts guarded by the version, so redeliveries and replays are harmless and an older
 * version never overwrites a newer one; a delete writes a tombstone ({@code deleted_at}, its version, no
 * content) under the same guard. Many rows go in one multi-row statement per kind, snapshots and tombstones of a
 * batch in one transaction. Every statement has a timeout.
 */
@Component
public class PostgresAuthoritativeStore implements AuthoritativeStore {

	/** Rows per multi-row statement: 14 parameters each, well under PostgreSQL's 65,535. */
	static final int ROWS_PER_STATEMENT = 500;

	private static final String UPSERT = """
			INSERT INTO assistants (id, owner_id, name, emoji, description, category, tags, instructions, visibility,
			                        version, created_at, updated_at, synced_at, source_event_id)
			VALUES %s
			ON CONFLICT (id) DO UPDATE SET
			    owner_id = EXCLUDED.owner_id, name = EXCLUDED.name, emoji = EXCLUDED.emoji,
			    description = EXCLUDED.description, category = EXCLUDED.category, tags = EXCLUDED.tags, instructions = EXCLUDED.instructions,
			    visibility = EXCLUDED.visibility, version = EXCLUDED.version, created_at = EXCLUDED.created_at,
			    updated_at = EXCLUDED.updated_at, synced_at = EXCLUDED.synced_at,
			    source_event_id = EXCLUDED.source_event_id, deleted_at = NULL
			WHERE assistants.version < EXCLUDED.version
			RETURNING id, (xmax = 0) AS inserted
			""";

	private static final String UPSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	// the owner is kept: a delete event does not carry it, and a delete before its create leaves it unknown
	private static final String TOMBSTONE = """
			INSERT INTO assistants (id, version, deleted_at, synced_at, source_event_id)
			VALUES %s
			ON CONFLICT (id) DO UPDATE SET
			    name = NULL, emoji = NULL, description = NULL, category = NULL, tags = '{}', instructions = NULL,
			    visibility = NULL, created_at = NULL, updated_at = NULL, version = EXCLUDED.version,
			    deleted_at = EXCLUDED.deleted_at, synced_at = EXCLUDED.synced_at,
			    source_event_id = EXCLUDED.source_event_id
			WHERE assistants.version < EXCLUDED.version
			RETURNING id, (xmax = 0) AS inserted
			""";

	private static final String TOMBSTONE_ROW = "(?, ?, ?, ?, ?)";

	private static final String PROBE = "SELECT count(*) FROM assistants WHERE false";

	private final JdbcTemplate jdbc;

	private final JdbcTemplate probe;

	private final Clock clock;

	private final Map<Integer, String> upserts = new ConcurrentHashMap<>();

	private final Map<Integer, String> tombstones = new ConcurrentHashMap<>();

	PostgresAuthoritativeStore(DataSource dataSource, SyncStoreProperties properties, Clock clock) {
		this.jdbc = timed(dataSource, properties.statementTimeout().toSeconds());
		this.probe = timed(dataSource, properties.probeTimeout().toSeconds());
		this.clock = clock;
	}

	@Override
	public UpsertResult upsert(StoreWrite write) {
		return upsertAll(List.of(write)).get(0);
	}

	@Override
	public List<UpsertResult> upsertAll(List<StoreWrite> writes) {
		// one row per id and statement (PostgreSQL cannot update a row twice in one statement): the highest
		// version wins, whatever its kind, the others leave the row unchanged, as they would one after the other
		Map<String, StoreWrite> latest = new LinkedHashMap<>();
		for (StoreWrite write : writes) {
			latest.merge(write.assistantId(), write, (kept, next) -> (next.version() > kept.version()) ? next : kept);
		}
		List<StoreWrite.Snapshot> snapshots = new ArrayList<>();
		List<StoreWrite.Tombstone> deletes = new ArrayList<>();
		for (StoreWrite write : latest.values()) {
			if (write instanceof StoreWrite.Snapshot snapshot) {
				snapshots.add(snapshot);
			}
			else {
				deletes.add((StoreWrite.Tombstone) write);
			}
		}
		Timestamp syncedAt = Timestamp.from(this.clock.instant());
		Map<String, UpsertResult> outcomes;
		try {
			// one statement is atomic by itself; only more than one needs a transaction (and its extra commit)
			boolean oneStatement = (snapshots.isEmpty() || deletes.isEmpty())
					&& latest.size() <= ROWS_PER_STATEMENT;
			outcomes = this.jdbc.execute((Connection connection) -> oneStatement
					? write(connection, snapshots, deletes, syncedAt)
					: inOneTransaction(connection, () -> write(connection, snapshots, deletes, syncedAt)));
		}
		catch (RuntimeException ex) {
			throw StoreFailures.classify(describe(writes), ex);
		}
		List<UpsertResult> results = new ArrayList<>(writes.size());
		for (StoreWrite write : writes) {
			boolean written = latest.get(write.assistantId()) == write;
			results.add(written ? outcomes.getOrDefault(write.assistantId(), UpsertResult.UNCHANGED)
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

	private Map<String, UpsertResult> write(Connection connection, List<StoreWrite.Snapshot> snapshots,
			List<StoreWrite.Tombstone> deletes, Timestamp syncedAt) throws SQLException {
		Map<String, UpsertResult> written = new HashMap<>();
		for (int from = 0; from < snapshots.size(); from += ROWS_PER_STATEMENT) {
			List<StoreWrite.Snapshot> chunk = snapshots.subList(from,
					Math.min(snapshots.size(), from + ROWS_PER_STATEMENT));
			String sql = this.upserts.computeIfAbsent(chunk.size(), PostgresAuthoritativeStore::upsertStatement);
			written.putAll(run(connection, sql, (statement) -> bindUpsert(connection, statement, chunk, syncedAt)));
		}
		for (int from = 0; from < deletes.size(); from += ROWS_PER_STATEMENT) {
			List<StoreWrite.Tombstone> chunk = deletes.subList(from, Math.min(deletes.size(), from + ROWS_PER_STATEMENT));
			String sql = this.tombstones.computeIfAbsent(chunk.size(), PostgresAuthoritativeStore::tombstoneStatement);
			written.putAll(run(connection, sql, (statement) -> bindTombstones(statement, chunk, syncedAt)));
		}
		return written;
	}

	private Map<String, UpsertResult> run(Connection connection, String sql, Binder binder) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setQueryTimeout(this.jdbc.getQueryTimeout());
			binder.bind(statement);
			Map<String, UpsertResult> written = new HashMap<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					written.put(rows.getString(1), rows.getBoolean(2) ? UpsertResult.INSERTED : UpsertResult.UPDATED);
				}
			}
			return written;
		}
	}

	private static <T> T inOneTransaction(Connection connection, Work<T> work) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			T result = work.run();
			connection.commit();
			return result;
		}
		catch (SQLException | RuntimeException ex) {
			try {
				connection.rollback();
			}
			catch (SQLException rollback) {
				ex.addSuppressed(rollback);
			}
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	/**
	 * The version-guarded upsert of {@code rows} snapshots, returning each written id and whether it was
	 * inserted. Public for the benchmark, which measures this very statement.
	 * @param rows the rows in the statement
	 * @return the SQL, to be bound with {@link #bindUpsert}
	 */
	public static String upsertStatement(int rows) {
		return UPSERT.formatted(String.join(", ", Collections.nCopies(rows, UPSERT_ROW)));
	}

	/**
	 * Binds the rows of an {@link #upsertStatement(int)} of as many rows.
	 * @param connection the statement's connection, for the tags array
	 * @param statement the prepared upsert
	 * @param rows the snapshots, one row each
	 * @param syncedAt the {@code synced_at} of every row
	 * @throws SQLException when a value cannot be bound
	 */
	public static void bindUpsert(Connection connection, PreparedStatement statement, List<StoreWrite.Snapshot> rows,
			Timestamp syncedAt) throws SQLException {
		int index = 1;
		for (StoreWrite.Snapshot write : rows) {
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

	private static String tombstoneStatement(int rows) {
		return TOMBSTONE.formatted(String.join(", ", Collections.nCopies(rows, TOMBSTONE_ROW)));
	}

	private static void bindTombstones(PreparedStatement statement, List<StoreWrite.Tombstone> rows,
			Timestamp syncedAt) throws SQLException {
		int index = 1;
		for (StoreWrite.Tombstone tombstone : rows) {
			statement.setString(index++, tombstone.assistantId());
			statement.setLong(index++, tombstone.version());
			statement.setTimestamp(index++, timestamp(tombstone.deletedAt()));
			statement.setTimestamp(index++, syncedAt);
			statement.setString(index++, tombstone.sourceEventId());
		}
	}

	private static String describe(List<StoreWrite> writes) {
		return (writes.size() == 1) ? "assistant " + writes.get(0).assistantId() : writes.size() + " assistants";
	}

	private static JdbcTemplate timed(DataSource dataSource, long timeoutSeconds) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setQueryTimeout((int) Math.max(1, timeoutSeconds));
		return template;
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}

	/**
	 * Binds the parameters of one statement.
	 */
	@FunctionalInterface
	private interface Binder {

		void bind(PreparedStatement statement) throws SQLException;

	}

	/**
	 * The statements of one transaction.
	 */
	@FunctionalInterface
	private interface Work<T> {

		T run() throws SQLException;

	}

}
