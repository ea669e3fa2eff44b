package io.assistantsync.worker.sync;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Classifies what the PostgreSQL store threw, by SQLSTATE, into the three kinds of failure the worker
 * treats differently. Anything unknown is transient: retried a few times, then dead-lettered.
 *
 * <table>
 * <tr><th>SQLSTATE</th><th>kind</th><th>why</th></tr>
 * <tr><td>08xxx, 57P01–57P03, 53300, 3D000, 28xxx, 42xxx</td><td>outage</td>
 * <td>no connection, server shutting down, too many connections, or the store is misconfigured for every
 * record alike (missing database, table or privilege)</td></tr>
 * <tr><td>22xxx, 23xxx</td><td>permanent</td><td>the data is rejected as such (too long, check or
 * integrity violation)</td></tr>
 * <tr><td>40001, 40P01, 55P03, 57014, others</td><td>transient</td><td>serialization failure, deadlock,
 * lock or statement timeout</td></tr>
 * </table>
 */
final class StoreFailures {

	private static final Map<String, Kind> BY_CLASS = Map.of("08", Kind.OUTAGE, "28", Kind.OUTAGE, "42", Kind.OUTAGE,
			"3D", Kind.OUTAGE, "22", Kind.PERMANENT, "23", Kind.PERMANENT);

	private static final Map<String, Kind> BY_STATE = Map.of("57P01", Kind.OUTAGE, "57P02", Kind.OUTAGE, "57P03",
			Kind.OUTAGE, "53300", Kind.OUTAGE);

	private StoreFailures() {
	}

	/**
	 * Wraps a store failure in the exception type of its kind.
	 * @param subject what was being written, e.g. {@code assistant V1StGXR8_Z5jdHi6B-myT}
	 * @param failure what the store threw
	 * @return a {@link StoreUnavailableException}, {@link PermanentSyncException} or
	 * {@link TransientSyncException} chaining the failure
	 */
	static RuntimeException classify(String subject, RuntimeException failure) {
		String state = sqlState(failure);
		String message = "Store write of " + subject + " failed"
				+ ((state != null) ? " (SQLSTATE " + state + ")" : "");
		return switch (kindOf(failure, state)) {
			case OUTAGE -> new StoreUnavailableException(message, failure);
			case PERMANENT -> new PermanentSyncException(message, failure);
			case TRANSIENT -> new TransientSyncException(message, failure);
		};
	}

	static Kind kindOf(Throwable failure, String state) {
		if (state != null) {
			Kind kind = BY_STATE.get(state);
			if (kind == null && state.length() == 5) {
				kind = BY_CLASS.get(state.substring(0, 2));
			}
			if (kind != null) {
				return kind;
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException
					|| cause instanceof ConnectException || cause instanceof SocketTimeoutException) {
				return Kind.OUTAGE;
			}
		}
		return Kind.TRANSIENT;
	}

	private static String sqlState(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	/**
	 * How the worker treats a failure.
	 */
	enum Kind {

		/** The store cannot be reached: pause and probe, attempts are not used up. */
		OUTAGE,

		/** The store rejects the data: dead-letter at once. */
		PERMANENT,

		/** Another attempt may succeed: retry through the retry topics. */
		TRANSIENT

	}

}
