package io.assistantsync.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL 17 cluster of one test's own, which the test stops and starts again on the same
 * port and data directory: an outage of the server, not of the test's JDBC URL.
 */
public final class RestartablePostgres implements AutoCloseable {

	private final int port;

	private final File dataDirectory;

	private EmbeddedPostgres postgres;

	RestartablePostgres() {
		try {
			this.port = freePort();
			this.dataDirectory = Files.createTempDirectory("restartable-pg").toFile();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start();
	}

	/**
	 * Creates a database.
	 * @param name the database name
	 * @return its JDBC URL
	 */
	public String createDatabase(String name) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return jdbcUrl(name);
	}

	/**
	 * The JDBC URL of a database of this server, valid across restarts.
	 * @param database the database name
	 * @return the URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + this.port + "/" + database;
	}

	/**
	 * Starts the server (again) on the same port and data directory.
	 */
	public synchronized void start() {
		if (this.postgres != null) {
			return;
		}
		try {
			this.postgres = EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PostgreSQL on port " + this.port, ex);
		}
	}

	/**
	 * Stops the server, keeping its data: connections are refused until {@link #start()}.
	 */
	public synchronized void stop() {
		if (this.postgres == null) {
			return;
		}
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.postgres = null;
		}
	}

	@Override
	public void close() {
		stop();
		deleteRecursively(this.dataDirectory);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(File file) {
		File[] children = file.listFiles();
		if (children != null) {
			for (File child : children) {
				deleteRecursively(child);
			}
		}
		file.delete();
	}

}
