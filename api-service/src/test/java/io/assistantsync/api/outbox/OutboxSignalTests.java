package io.assistantsync.api.outbox;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxSignalTests {

	private final OutboxSignal signal = new OutboxSignal();

	@Test
	void shouldRememberASignalRaisedWhileNobodyWaits() throws Exception {
		this.signal.raise();

		assertThat(this.signal.await(Duration.ofSeconds(10))).isTrue();
		assertThat(this.signal.await(Duration.ofMillis(1))).isFalse();
	}

	@Test
	void shouldWakeAWaitingRelay() throws Exception {
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
			try {
				return this.signal.await(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});

		this.signal.raise();

		assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void shouldReturnAfterTheTimeoutWithoutASignal() throws Exception {
		assertThat(this.signal.await(Duration.ofMillis(20))).isFalse();
	}

}
