package io.assistantsync.api.system;

import java.sql.SQLException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the api-service's database from a failure of the request or record at hand: the one rule
 * by which requests answer 503 and the sync-result listener retries instead of skipping.
 */
public final class DatabaseOutages {

	private DatabaseOutages() {
	}

	/**
	 * Whether a failure is the database's: it cannot be reached or asked for a retry, the connection broke
	 * (SQLSTATE class 08, or 57P: the server is shutting down), or the transaction could not be committed or
	 * rolled back, which is how a connection that breaks in the middle of a transaction shows.
	 * @param ex the failure
	 * @return {@code true} for an outage
	 */
	public static boolean isOutage(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
					|| cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
					|| cause instanceof SQLTransientException || isConnectionFailure(cause)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isConnectionFailure(Throwable ex) {
		String state = (ex instanceof SQLException sql) ? sql.getSQLState() : null;
		return state != null && (state.startsWith("08") || state.startsWith("57P"));
	}

}
