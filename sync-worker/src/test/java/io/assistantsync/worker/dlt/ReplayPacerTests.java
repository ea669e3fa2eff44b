package io.assistantsync.worker.dlt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayPacerTests {

	private long now = 1_000;

	private final List<Long> sleeps = new ArrayList<>();

	@Test
	void shouldSpaceRecordsEvenlyAtTheRate() throws InterruptedException {
		ReplayPacer pacer = new ReplayPacer(TimeUnit.MILLISECONDS.toNanos(100), () -> this.now, this::sleep);

		pacer.awaitTurn();
		pacer.awaitTurn();
		this.now += TimeUnit.MILLISECONDS.toNanos(30);
		pacer.awaitTurn();
		this.now += TimeUnit.MILLISECONDS.toNanos(500);
		pacer.awaitTurn();

		assertThat(this.sleeps).containsExactly(TimeUnit.MILLISECONDS.toNanos(100),
				TimeUnit.MILLISECONDS.toNanos(70));
	}

	@Test
	void shouldTurnARatePerSecondIntoAnInterval() throws InterruptedException {
		ReplayPacer pacer = ReplayPacer.of(4.0, () -> this.now, this::sleep);

		pacer.awaitTurn();
		pacer.awaitTurn();
		pacer.awaitTurn();

		assertThat(this.sleeps).containsExactly(TimeUnit.MILLISECONDS.toNanos(250),
				TimeUnit.MILLISECONDS.toNanos(250));
	}

	@Test
	void shouldNotWaitWithoutARate() throws InterruptedException {
		ReplayPacer pacer = ReplayPacer.of(null, () -> this.now, this::sleep);

		for (int i = 0; i < 1000; i++) {
			pacer.awaitTurn();
		}

		assertThat(this.sleeps).isEmpty();
	}

	private void sleep(long nanos) {
		this.sleeps.add(nanos);
		this.now += nanos;
	}

}
