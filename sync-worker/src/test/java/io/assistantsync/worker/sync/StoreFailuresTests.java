package io.assistantsync.worker.sync;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFailuresTests {

	@ParameterizedTest(name = "SQLSTATE {0} is {1}")
	@CsvSource({ "40001, TRANSIENT", "40P01, TRANSIENT", "55P03, TRANSIENT", "57014, TRANSIENT", "XX000, TRANSIENT",
			"22001, PERMANENT", "23505, PERMANENT", "23514, PERMANENT", "08006, OUTAGE", "08001, OUTAGE",
			"57P01, OUTAGE", "57P03, OUTAGE", "53300, OUTAGE", "42P01, OUTAGE", "28P01, OUTAGE", "3D000, OUTAGE" })
	void shouldClassifyBySqlState(String sqlState, StoreFailures.Kind kind) {
		RuntimeException failure = new UncategorizedSQLException("upsert", "INSERT ...",
				new SQLException("failed", sqlState));
		assertThat(StoreFailures.kindOf(failure, sqlState)).isEqualTo(kind);
	}

	@Test
	void shouldTreatConnectionFailuresWithoutSqlStateAsAnOutage() {
		assertThat(StoreFailures.kindOf(new CannotGetJdbcConnectionException("no connection"), null))
			.isEqualTo(StoreFailures.Kind.OUTAGE);
		assertThat(StoreFailures.kindOf(
				new DataAccessResourceFailureException("pool", new SQLTransientConnectionException("timed out")),
				null))
			.isEqualTo(StoreFailures.Kind.OUTAGE);
		assertThat(StoreFailures.kindOf(new IllegalStateException(new ConnectException("refused")), null))
			.isEqualTo(StoreFailures.Kind.OUTAGE);
	}

	@Test
	void shouldWrapFailuresInTheExceptionOfTheirKindNamingTheSubject() {
		RuntimeException failure = new UncategorizedSQLException("upsert", "INSERT ...",
				new SQLException("value too long", "22001"));
		RuntimeException classified = StoreFailures.classify("assistant abc", failure);
		assertThat(classified).isInstanceOf(PermanentSyncException.class)
			.hasMessage("Store write of assistant abc failed (SQLSTATE 22001)")
			.hasCause(failure);
		assertThat(StoreFailures.classify("assistant abc", new CannotGetJdbcConnectionException("down")))
			.isInstanceOf(StoreUnavailableException.class);
		assertThat(StoreFailures.classify("assistant abc", new IllegalStateException("unknown")))
			.isInstanceOf(TransientSyncException.class);
	}

}
