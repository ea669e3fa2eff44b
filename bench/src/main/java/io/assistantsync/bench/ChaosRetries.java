package io.assistantsync.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts assistants into the retry topics on purpose, so that a rebalance happens while retries are due: the
 * authoritative store rejects every write of an assistant named {@value #NAME} with SQLSTATE 40001 (a
 * transient failure) while it is younger than {@value #YOUNG_SECONDS} s. Its first three attempts
 * (after 0, 1 and 3 s) fail and its fourth (after 7 s) succeeds, however late it comes, so it never runs out
 * of its five attempts. A trigger raises the error, as in the worker's own tests.
 */
final class ChaosRetries {

	static final String NAME = "Chaos retry";

	static final int YOUNG_SECONDS = 6;

	private static final String INSTALL = """
			CREATE OR REPLACE FUNCTION chaos_reject_young() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
			    IF NEW.name = '%s' AND NEW.created_at > now() - interval '%d seconds' THEN
			        RAISE EXCEPTION 'chaos: %% is younger than %d s', NEW.id USING ERRCODE = '40001';
			    END IF;
			    RETURN NEW;
			END $$;
			CREATE TRIGGER chaos_reject_young BEFORE INSERT OR UPDATE ON assistants
			    FOR EACH ROW EXECUTE FUNCTION chaos_reject_young();
			""".formatted(NAME, YOUNG_SECONDS, YOUNG_SECONDS);

	private ChaosRetries() {
	}

	/**
	 * Installs the trigger in the authoritative database, once the worker has created its table.
	 * @param authority the authoritative store
	 */
	static void install(ChaosStore authority) throws SQLException {
		try (Connection connection = authority.connect(); Statement statement = connection.createStatement()) {
			statement.execute(INSTALL);
		}
	}

	/**
	 * POSTs of assistants that go through three retries each, at a rate of their own, next to the steady load.
	 * @param port the api-service's port
	 * @param rate POSTs per second
	 * @param ledger where accepted assistants are recorded
	 * @return the load, not started yet
	 */
	static SteadyLoad load(int port, double rate, ChaosLedger ledger) {
		byte[] request = HttpConnection.post("127.0.0.1:" + port, "/api/assistants", SampleTraffic.requestBody(NAME));
		return new SteadyLoad(port, request, 4, rate, ledger);
	}

}
