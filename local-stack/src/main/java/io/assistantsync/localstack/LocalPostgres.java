package io.assistantsync.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL 17 (binaries from Maven Central) whose data directory survives restarts, so what
 * was created in one run is still there in the next.
 */
final class LocalPostgres implements AutoCloseable {

	static final String USERNAME = "postgres";

	private final EmbeddedPostgres postgres;

	private final int port;

	private LocalPostgres(EmbeddedPostgres postgres, int port) {
		this.postgres = postgres;
		this.port = port;
	}

	/**
	 * Starts the server, initialising the data directory on first use.
	 * @param dataDirectory the data directory, created if missing
	 * @param port the port on localhost
	 * @return the running server
	 * @throws LocalStackException when it cannot start
	 */
	static LocalPostgres start(Path dataDirectory, int port) {
		try {
			Files.createDirectories(dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setPort(port)
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				// the launcher stops the services first, then Kafka, then PostgreSQL: no hook of its own
				.setRegisterShutdownHook(false)
				.start();
			return new LocalPostgres(postgres, port);
		}
		catch (IOException | RuntimeException ex) {
			throw new LocalStackException("the embedded PostgreSQL could not start on port " + port + " with data in "
					+ dataDirectory + ": " + LocalStackException.describe(ex)
					+ " (if that directory is damaged, delete it to start with empty databases)");
		}
	}

	/**
	 * A database of this server, as the services connect to it.
	 * @param database the database name
	 * @return its JDBC URL with the superuser and no password
	 */
	JdbcTarget database(String database) {
		return new JdbcTarget("jdbc:postgresql://localhost:" + this.port + "/" + database, USERNAME, "");
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

	@Override
	public String toString() {
		return "PostgreSQL";
	}

}
