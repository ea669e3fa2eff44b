package io.assistantsync.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.fixtures.SampleAssistants;

/**
 * PostgreSQL's batched upsert rate into the authoritative table: multi-row {@code INSERT … ON CONFLICT}
 * statements of 100 rows with the worker's version guard, each statement its own durable commit, from
 * one or more connections. The assistants are built before the clock starts; binding and reading the returned ids are part of the work, as in the worker.
 */
final class UpsertLimit {

	private static final String UPSERT = """
			INSERT INTO assistants (id, name, emoji, description, category, tags, instructions, visibility,
			                        version, created_at, updated_at, synced_at, source_event_id)
			VALUES %s
			ON CONFLICT (id) DO UPDATE SET
			    name = EXCLUDED.name, emoji = EXCLUDED.emoji, description = EXCLUDED.description,
			    category = EXCLUDED.category, tags = EXCLUDED.tags, instructions = EXCLUDED.instructions,
			    visibility = EXCLUDED.visibility, version = EXCLUDED.version, created_at = EXCLUDED.created_at,
			    updated_at = EXCLUDED.updated_at, synced_at = EXCLUDED.synced_at,
			    source_event_id = EXCLUDED.source_event_id
			WHERE assistants.version < EXCLUDED.version
			RETURNING id, (xmax = 0) AS inserted
			""";

	private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private UpsertLimit() {
	}

	/**
	 * Upserts {@code rows} new rows.
	 * @return rows per second
	 */
	static double run(DurableWriteLimit.ConnectionSource connections, int concurrency, int rows, int rowsPerStatement)
			throws Exception {
		List<AssistantSnapshot> all = new ArrayList<>(rows);
		for (int i = 0; i < rows; i++) {
			all.add(SampleAssistants.assistant());
		}
		String sql = UPSERT.formatted(String.join(", ", Collections.nCopies(rowsPerStatement, ROW)));
		AtomicLong nextChunk = new AtomicLong();
		int chunks = rows / rowsPerStatement;
		List<Connection> opened = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			opened.add(connections.open());
		}
		List<Thread> threads = new ArrayList<>();
		List<SQLException> failures = Collections.synchronizedList(new ArrayList<>());
		long start = System.nanoTime();
		for (Connection connection : opened) {
			Thread thread = new Thread(() -> {
				try (PreparedStatement statement = connection.prepareStatement(sql)) {
					for (long chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
						int from = (int) chunk * rowsPerStatement;
						bind(connection, statement, all.subList(from, from + rowsPerStatement));
						try (ResultSet result = statement.executeQuery()) {
							while (result.next()) {
								// read the returned rows, as the worker does
							}
						}
					}
				}
				catch (SQLException ex) {
					failures.add(ex);
				}
			}, "upsert");
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		for (Connection connection : opened) {
			connection.close();
		}
		if (!failures.isEmpty()) {
			throw failures.get(0);
		}
		return (chunks * (double) rowsPerStatement) / seconds;
	}

	private static void bind(Connection connection, PreparedStatement statement, List<AssistantSnapshot> rows)
			throws SQLException {
		Timestamp syncedAt = Timestamp.from(Instant.now());
		int index = 1;
		for (AssistantSnapshot assistant : rows) {
			statement.setString(index++, assistant.id());
			statement.setString(index++, assistant.name());
			statement.setString(index++, assistant.emoji());
			statement.setString(index++, assistant.description());
			statement.setString(index++, assistant.category());
			statement.setArray(index++, connection.createArrayOf("text", assistant.tags().toArray()));
			statement.setString(index++, assistant.instructions());
			statement.setString(index++, assistant.visibility().name());
			statement.setLong(index++, assistant.version());
			statement.setTimestamp(index++, Timestamp.from(assistant.createdAt()));
			statement.setTimestamp(index++, Timestamp.from(assistant.updatedAt()));
			statement.setTimestamp(index++, syncedAt);
			statement.setString(index++, SampleAssistants.newId());
		}
	}

}
