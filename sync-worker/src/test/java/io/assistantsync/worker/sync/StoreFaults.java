package io.assistantsync.worker.sync;

import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.testing.SampleAssistants;

/**
 * Makes the real PostgreSQL store fail writes of chosen assistants with a chosen SQLSTATE, a given number
 * of times: a trigger raises the error, and a sequence counts the tries outside the failing transaction.
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

	private final JdbcTemplate jdbc;

	public StoreFaults(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.jdbc.execute(INSTALL);
	}

	/**
	 * Fails the next writes of an assistant.
	 * @param assistantId the assistant
	 * @param sqlState the SQLSTATE to raise, e.g. {@code 40001}
	 * @param failures how many writes fail before one succeeds
	 */
	public void fail(String assistantId, String sqlState, int failures) {
		String counter = "test_fault_" + SampleAssistants.newId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
		this.jdbc.execute("CREATE SEQUENCE " + counter);
		this.jdbc.update("INSERT INTO test_store_faults (assistant_id, sql_state, failures, counter) VALUES (?, ?, ?, ?)",
				assistantId, sqlState, failures, counter);
	}

	/**
	 * Fails every write of an assistant.
	 * @param assistantId the assistant
	 * @param sqlState the SQLSTATE to raise
	 */
	public void failAlways(String assistantId, String sqlState) {
		fail(assistantId, sqlState, Integer.MAX_VALUE);
	}

}
