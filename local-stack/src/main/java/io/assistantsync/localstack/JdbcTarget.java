package io.assistantsync.localstack;

/**
 * A PostgreSQL database the services use, as a JDBC URL with its credentials.
 *
 * @param url e.g. {@code jdbc:postgresql://localhost:5432/assistants_api}
 * @param username the user name
 * @param password the password, empty for none
 */
record JdbcTarget(String url, String username, String password) {

	private static final String PREFIX = "jdbc:postgresql://";

	JdbcTarget {
		if (!url.startsWith(PREFIX) || url.indexOf('/', PREFIX.length()) < 0) {
			throw new LocalStackException(
					"'" + url + "' is not a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/database");
		}
	}

	/**
	 * The database name in the URL.
	 * @return e.g. {@code assistants_api}
	 */
	String databaseName() {
		int slash = this.url.indexOf('/', PREFIX.length());
		int query = this.url.indexOf('?', slash);
		return this.url.substring(slash + 1, (query >= 0) ? query : this.url.length());
	}

	/**
	 * The same server and credentials with another database, e.g. the {@code postgres} maintenance database.
	 * @param database the database name
	 * @return the target of that database
	 */
	JdbcTarget withDatabase(String database) {
		int slash = this.url.indexOf('/', PREFIX.length());
		int query = this.url.indexOf('?', slash);
		String parameters = (query >= 0) ? this.url.substring(query) : "";
		return new JdbcTarget(this.url.substring(0, slash + 1) + database + parameters, this.username,
				this.password);
	}

}
