package io.assistantsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import io.assistantsync.common.id.IdGenerator;

/**
 * The one PostgreSQL server of a test JVM: the server named by {@code TEST_POSTGRES_URL} (a JDBC URL of a
 * maintenance database, with {@code TEST_POSTGRES_USERNAME} / {@code TEST_POSTGRES_PASSWORD}) if set, else
 * an embedded PostgreSQL 17. Every test context creates its own uniquely named database, so no test depends
 * on another's rows; the databases are dropped at the end of the run.
 */
public final class TestPostgres {

	private static Server server;

	private static final Set<TestDatabase> created = new LinkedHashSet<>();

	private TestPostgres() {
	}

	/**
	 * Creates a new, empty database.
	 * @param purpose a short word for the database name, e.g. {@code api}
	 * @return the new database
	 */
	public static synchronized TestDatabase createDatabase(String purpose) {
		if (server == null) {
			server = startServer();
		}
		String name = "it_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
				+ new IdGenerator().newId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
		server.execute("CREATE DATABASE " + name);
		TestDatabase database = new TestDatabase(name, server.jdbcUrl(name), server.username(), server.password());
		created.add(database);
		return database;
	}

	/**
	 * A PostgreSQL 17 server of its own that a test may stop and start again on the same port and data
	 * directory, to simulate an outage of a store.
	 * @return a started server; the caller closes it
	 */
	public static RestartablePostgres startRestartable() {
		return new RestartablePostgres();
	}

	static synchronized void drop(TestDatabase database) {
		if (server != null && created.remove(database)) {
			server.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
		}
	}

	static synchronized void shutdown() {
		if (server != null) {
			for (TestDatabase database : Set.copyOf(created)) {
				try {
					drop(database);
				}
				catch (RuntimeException ex) {
					// the server may already be unreachable at the end of the run; nothing is left to clean then
				}
			}
			server.close();
			server = null;
		}
	}

	private static Server startServer() {
		String url = System.getenv("TEST_POSTGRES_URL");
		if (url != null && !url.isBlank()) {
			return new ExternalServer(url, envOr("TEST_POSTGRES_USERNAME", "postgres"),
					envOr("TEST_POSTGRES_PASSWORD", ""));
		}
		return new EmbeddedServer();
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	private interface Server extends AutoCloseable {

		String maintenanceUrl();

		String username();

		String password();

		String jdbcUrl(String database);

		default void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(maintenanceUrl(), username(), password());
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not run '" + sql + "' on " + maintenanceUrl(), ex);
			}
		}

		@Override
		void close();

	}

	private record ExternalServer(String maintenanceUrl, String username, String password) implements Server {

		@Override
		public String jdbcUrl(String database) {
			int slash = this.maintenanceUrl.lastIndexOf('/');
			int query = this.maintenanceUrl.indexOf('?', slash);
			return this.maintenanceUrl.substring(0, slash + 1) + database
					+ ((query >= 0) ? this.maintenanceUrl.substring(query) : "");
		}

		@Override
		public void close() {
		}

	}

	private static final class EmbeddedServer implements Server {

		private final EmbeddedPostgres postgres;

		EmbeddedServer() {
			try {
				this.postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
			}
		}

		@Override
		public String maintenanceUrl() {
			return jdbcUrl("postgres");
		}

		@Override
		public String username() {
			return "postgres";
		}

		@Override
		public String password() {
			return "";
		}

		@Override
		public String jdbcUrl(String database) {
			return this.postgres.getJdbcUrl("postgres", database);
		}

		@Override
		public void close() {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
