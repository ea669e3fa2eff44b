package io.assistantsync.api.sync;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class SyncResultsKafkaConfigurationTests {

	@Test
	void shouldTakeABrokenConnectionOrAFailedRollbackForAnOutage() {
		// a connection that breaks in the middle of a transaction: its rollback fails too
		assertThat(SyncResultsKafkaConfiguration.isStoreOutage(new TransactionSystemException("JDBC rollback failed",
				new SQLException("This connection has been closed.", "08003")))).isTrue();
		assertThat(SyncResultsKafkaConfiguration.isStoreOutage(new UncategorizedSQLException("insert", "INSERT",
				new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
		assertThat(SyncResultsKafkaConfiguration.isStoreOutage(new UncategorizedSQLException("insert", "INSERT",
				new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
	}

	@Test
	void shouldNotTakeARejectedResultForAnOutage() {
		assertThat(SyncResultsKafkaConfiguration.isStoreOutage(new DataIntegrityViolationException("too long",
				new SQLException("value too long for type character varying(21)", "22001")))).isFalse();
		assertThat(SyncResultsKafkaConfiguration.isStoreOutage(new IllegalStateException("no such assistant")))
			.isFalse();
	}

}
