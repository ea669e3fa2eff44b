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

import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.worker.sync.PostgresAuthoritativeStore;
import io.assistantsync.worker.sync.StoreWrite;

/**
 * PostgreSQL's batched upsert rate into the authoritative table: the worker's own multi-row
 * {@code INSERT … ON CONFLICT} statement with its version guard and row binding
 * ({@link PostgresAuthoritativeStore}), 100 rows a statement, each statement its own durable commit, from
 * one or more connections. The assistants are built before the clock starts; binding and reading the
 * returned ids are part of the work, as in the worker.
 */
final class UpsertLimit {

	private UpsertLimit() {
	}

	/**
	 * Upserts {@code rows} new rows.
	 * @return rows per second
	 */
	static double run(DurableWriteLimit.ConnectionSource connections, int concurrency, int rows, int rowsPerStatement)
			throws Exception {
		List<StoreWrite.Snapshot> all = new ArrayList<>(rows);
		for (int i = 0; i < rows; i++) {
			all.add(new StoreWrite.Snapshot(SampleAssistants.assistant(), SampleAssistants.newId()));
		}
		String sql = PostgresAuthoritativeStore.upsertStatement(rowsPerStatement);
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
						PostgresAuthoritativeStore.bindUpsert(connection, statement,
								all.subList(from, from + rowsPerStatement), Timestamp.from(Instant.now()));
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

}
