package io.assistantsync.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalPostgresIntegrationTests {

	@TempDir
	Path dataDirectory;

	@Test
	void shouldKeepDatabasesAndRowsAcrossRestarts() throws Exception {
		int port = freePort();
		try (LocalPostgres postgres = LocalPostgres.start(this.dataDirectory, port)) {
			JdbcTarget database = postgres.database("assistants_api");
			assertThat(Databases.createIfMissing(database)).isTrue();
			assertThat(Databases.createIfMissing(database)).isFalse();
			execute(database, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
		}
		assertThat(Ports.isFree(port)).as("port after close").isTrue();

		try (LocalPostgres postgres = LocalPostgres.start(this.dataDirectory, port)) {
			JdbcTarget database = postgres.database("assistants_api");
			assertThat(Databases.createIfMissing(database)).isFalse();
			try (Connection connection = connect(database);
					ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM kept")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getInt(1)).isEqualTo(42);
			}
		}
	}

	@Test
	void shouldReportADataDirectoryItCannotUseInOneLine() throws IOException {
		Path notADirectory = Files.writeString(this.dataDirectory.resolve("file"), "x");

		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> LocalPostgres.start(notADirectory, freePort()))
			.withMessageStartingWith("the embedded PostgreSQL could not start on port ")
			.withMessageNotContaining("\n");
	}

	private static void execute(JdbcTarget database, String sql) throws Exception {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Connection connect(JdbcTarget database) throws Exception {
		return DriverManager.getConnection(database.url(), database.username(), database.password());
	}

	private static int freePort() throws IOException {
		try (ServerSocket probe = new ServerSocket(0)) {
			return probe.getLocalPort();
		}
	}

}
