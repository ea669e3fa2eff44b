package io.assistantsync.testing;

/**
 * A database created for one test context; dropped by {@link TestPostgres} at the end of the run, or
 * earlier by {@link #close()}.
 *
 * @param name the database name
 * @param jdbcUrl its JDBC URL
 * @param username the user
 * @param password the password (may be empty)
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) implements AutoCloseable {

	@Override
	public void close() {
		TestPostgres.drop(this);
	}

}
