package io.assistantsync.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Makes the real PostgreSQL store fail writes of chosen assistants with a chosen SQLSTATE, a given number
 * of times: a trigger raises the error, and a sequence counts the tries outside the failing transaction.
 * Used by the worker's tests and by the benchmark's retry timing.
 */
public final class StoreFaults {

	private static final String INSTALL = """
			CREATE TABLE IF NOT EXISTS test_store_faults (
			    assistant_id text PRIMARY KEY, sql_state text NOT NULL, failures int NOT NULL, counter text NOT NULL);
			CREATE OR REPLACE FUNCTION test_inject_store_fault() RETURNS trigger LANGUAGE plpgsql AS $$
			DECLARE
			    fault test_store_faults%ROWTYPE;
			BEGIN
			    SELECT * INTO fault FROM test_store_faults WHERE assistant_id = NEW.id;
			    IF FOUND AND nextval(fault.counter) <= fault.failures THEN
			        RAISE EXCEPTION 'injected fault for %', NEW.id USING ERRCODE = fault.sql_state;
			    END IF;
			    RETURN NEW;
			END $$;
			DO $$
			BEGIN
			    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'test_store_faults') THEN
			        CREATE TRIGGER test_store_faults BEFORE INSERT OR UPDATE ON assistants
			            FOR EACH ROW EXECUTE FUNCTION test_inject_store_fault();
			    END IF;
			END $$;
			""";

	private static final String ADD_FAULT = "INSERT INTO test_store_faults (assistant_id, sql_state, failures, counter)"
			+ " VALUES (?, ?, ?, ?)";

	private static final String CLEAR_FAULT = "DELETE FROM test_store_faults WHERE assistant_id = ?";

	private final Connections connections;

	/**
	 * Installs the trigger in the store's database.
	 * @param connections opens a connection to the store's database (each use closes it)
	 */
	public StoreFaults(Connections connections) {
		this.connections = connections;
		try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
			statement.execute(INSTALL);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not install the store fault trigger", ex);
		}
	}

	/**
	 * Fails the next writes of an assistant.
	 * @param assistantId the assistant
	 * @param sqlState the SQLSTATE to raise, e.g. {@code 40001}
	 * @param failures how many writes fail before one succeeds
	 */
	public void fail(String assistantId, String sqlState, int failures) {
		String counter = "test_fault_" + SampleAssistants.newId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
		try (Connection connection = this.connections.open()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE SEQUENCE " + counter);
			}
			try (PreparedStatement insert = connection.prepareStatement(ADD_FAULT)) {
				insert.setString(1, assistantId);
				insert.setString(2, sqlState);
				insert.setInt(3, failures);
				insert.setString(4, counter);
				insert.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not add a store fault for " + assistantId, ex);
		}
	}

	/**
	 * Fails every write of an assistant.
	 * @param assistantId the assistant
	 * @param sqlState the SQLSTATE to raise
	 */
	public void failAlways(String assistantId, String sqlState) {
		fail(assistantId, sqlState, Integer.MAX_VALUE);
	}

	/**
	 * Lets the store accept an assistant again.
	 * @param assistantId the assistant
	 */
	public void clear(String assistantId) {
		try (Connection connection = this.connections.open();
				PreparedStatement delete = connection.prepareStatement(CLEAR_FAULT)) {
			delete.setString(1, assistantId);
			delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not clear the store fault of " + assistantId, ex);
		}
	}

	/**
	 * Opens a connection to the store's database, e.g. {@code dataSource::getConnection}.
	 */
	@FunctionalInterface
	public interface Connections {

		Connection open() throws SQLException;

	}

}
