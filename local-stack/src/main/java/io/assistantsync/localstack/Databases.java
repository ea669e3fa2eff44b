package io.assistantsync.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes sure the databases the services connect to exist, so a fresh data directory (or a fresh external
 * server) works without manual set-up. The services create their own tables with Flyway.
 */
final class Databases {

	/** PostgreSQL's SQL state for "database does not exist". */
	private static final String INVALID_CATALOG_NAME = "3D000";

	private static final String MAINTENANCE_DATABASE = "postgres";

	private Databases() {
	}

	/**
	 * Connects to the database and creates it through the maintenance database when it does not exist.
	 * @param target the database
	 * @return whether it had to be created
	 * @throws LocalStackException when the server cannot be reached or refuses
	 */
	static boolean createIfMissing(JdbcTarget target) {
		try (Connection connection = connect(target)) {
			return false;
		}
		catch (SQLException ex) {
			if (!INVALID_CATALOG_NAME.equals(ex.getSQLState())) {
				throw unreachable(target, ex);
			}
		}
		JdbcTarget maintenance = target.withDatabase(MAINTENANCE_DATABASE);
		try (Connection connection = connect(maintenance); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + target.databaseName().replace("\"", "\"\"") + "\"");
			return true;
		}
		catch (SQLException ex) {
			throw new LocalStackException("could not create database " + target.databaseName() + " on "
					+ maintenance.url() + ": " + LocalStackException.describe(ex));
		}
	}

	private static Connection connect(JdbcTarget target) throws SQLException {
		DriverManager.setLoginTimeout(5);
		return DriverManager.getConnection(target.url(), target.username(), target.password());
	}

	private static LocalStackException unreachable(JdbcTarget target, SQLException ex) {
		return new LocalStackException(
				"PostgreSQL at " + target.url() + " is not reachable: " + LocalStackException.describe(ex));
	}

}
