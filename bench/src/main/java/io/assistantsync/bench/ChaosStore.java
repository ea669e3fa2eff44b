package io.assistantsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL 17 on a fixed port and a fixed data directory that survives
 * {@link #stop()}: it can be stopped and started again on the same data, and a table can be locked for a
 * while. Commits are durable ({@code fsync} and {@code synchronous_commit} on), as on a production server.
 */
final class ChaosStore implements AutoCloseable {

	private final String name;

	private final Path dataDirectory;

	private final int port;

	private EmbeddedPostgres postgres;

	private ChaosStore(String name, Path dataDirectory, int port) {
		this.name = name;
		this.dataDirectory = dataDirectory;
		this.port = port;
	}

	/**
	 * Starts a fresh server (initialised on first start) with one empty database.
	 * @param dataDirectory its data directory, which must not exist yet
	 * @param database the database to create
	 * @return the running server
	 */
	static ChaosStore start(Path dataDirectory, String database) throws IOException, SQLException {
		Files.createDirectories(dataDirectory.getParent());
		ChaosStore store = new ChaosStore(database, dataDirectory, FreePorts.next());
		store.restart();
		try (Connection connection = store.connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		return store;
	}

	/**
	 * Starts the server on its data directory (again).
	 */
	void restart() throws IOException {
		this.postgres = EmbeddedPostgres.builder()
			.setPort(this.port)
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "200")
			.start();
	}

	/**
	 * Stops the server (a fast shutdown: open connections are cut, as when a database server is stopped
	 * for maintenance or fails over); its data stays.
	 */
	void stop() throws IOException {
		this.postgres.close();
		this.postgres = null;
	}

	String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + this.name;
	}

	Connection connect() throws SQLException {
		return connect(this.name);
	}

	private Connection connect(String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database,
				BenchPostgres.USERNAME, "");
	}

	/**
	 * Holds an {@code ACCESS EXCLUSIVE} lock on a table, as a long migration or a stuck maintenance job would:
	 * every read and write of it waits until the lock is released.
	 * @param table the table
	 * @param duration how long the lock is held
	 */
	void holdTableLock(String table, Duration duration) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
			LockSupport.parkNanos(duration.toNanos());
			connection.rollback();
		}
	}

	@Override
	public void close() throws IOException {
		if (this.postgres != null) {
			stop();
		}
	}

}
