package io.assistantsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A fresh embedded PostgreSQL 17 on a free port with a temporary data directory, deleted on
 * {@link #close()}. Commits are durable ({@code synchronous_commit=on}, as on any production server; the
 * embedded defaults turn both fsync and it off), so the limits measured here are the ones the 202 promise pays for.
 */
final class BenchPostgres implements AutoCloseable {

	static final String USERNAME = "postgres";

	private final EmbeddedPostgres postgres;

	private final int port;

	private final Path dataDirectory;

	private BenchPostgres(EmbeddedPostgres postgres, int port, Path dataDirectory) {
		this.postgres = postgres;
		this.port = port;
		this.dataDirectory = dataDirectory;
	}

	static BenchPostgres start(Path parent) throws IOException {
		Files.createDirectories(parent);
		Path data = Files.createTempDirectory(parent, "postgres-");
		int port = FreePorts.next();
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(data)
			.setCleanDataDirectory(true)
			// durable commits: the embedded defaults (fsync off, synchronous_commit off) would flatter every write
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "300")
			.start();
		return new BenchPostgres(postgres, port, data);
	}

	String url(String database) {
		return "jdbc:postgresql://localhost:" + this.port + "/" + database;
	}

	Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(url(database), USERNAME, "");
	}

	/**
	 * Creates an empty database.
	 * @param name the name
	 * @return its JDBC URL
	 */
	String createDatabase(String name) throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return url(name);
	}

	void dropDatabase(String name) {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			// a left-over database goes with the data directory
		}
	}

	/**
	 * The server settings that decide write performance, for the report.
	 * @return setting name to value
	 */
	Map<String, String> settings() throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			for (String name : List.of("server_version", "fsync", "synchronous_commit", "wal_sync_method",
					"shared_buffers", "max_connections", "commit_delay")) {
				try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
					rs.next();
					settings.put(name, rs.getString(1));
				}
			}
		}
		return settings;
	}

	long count(String database, String table) throws SQLException {
		try (Connection connection = connect(database); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
		Files.deleteIfExists(this.dataDirectory);
	}

}
