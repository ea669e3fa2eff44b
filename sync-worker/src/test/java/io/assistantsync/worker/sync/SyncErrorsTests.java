package io.assistantsync.worker.sync;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

import io.assistantsync.common.event.SyncError;

import static org.assertj.core.api.Assertions.assertThat;

class SyncErrorsTests {

	@Test
	void shouldReportTheClassifiedExceptionWithItsRootCause() {
		Exception failure = new ListenerExecutionFailedException("Listener failed",
				new TransientSyncException("Store write of assistant a failed (SQLSTATE 40001)",
						new RuntimeException(new SQLException("could not serialize\n access", "40001"))));
		SyncError error = SyncErrors.of(failure);
		assertThat(error.type()).isEqualTo("TransientSyncException");
		assertThat(error.message())
			.isEqualTo("Store write of assistant a failed (SQLSTATE 40001): could not serialize access");
		assertThat(error.retryable()).isTrue();
		assertThat(SyncErrors.header(failure)).startsWith("TransientSyncException: Store write");
	}

	@Test
	void shouldMarkPermanentAndUnreadableFailuresNotRetryable() {
		assertThat(SyncErrors.of(new ListenerExecutionFailedException("x", new InvalidEventException("bad")))
			.retryable()).isFalse();
		assertThat(SyncErrors.of(new DeserializationException("not json", new byte[0], false, null)).retryable())
			.isFalse();
	}

	@Test
	void shouldCapTheMessageAtOneKibibyte() {
		SyncError error = SyncErrors.of(new PermanentSyncException("x".repeat(5000)));
		assertThat(error.message().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(1024);
		assertThat(SyncErrors.header(new PermanentSyncException("x".repeat(5000)))
			.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(1024);
	}

}
