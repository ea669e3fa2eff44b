package io.assistantsync.api.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxPropertiesTests {

	@Test
	void shouldBackOffExponentiallyUpToTheMaximum() {
		OutboxProperties.Backoff backoff = new OutboxProperties.Backoff(Duration.ofMillis(500), Duration.ofSeconds(3),
				2.0);

		Duration first = backoff.next(null);
		Duration second = backoff.next(first);
		Duration third = backoff.next(second);
		Duration fourth = backoff.next(third);

		assertThat(first).isEqualTo(Duration.ofMillis(500));
		assertThat(second).isEqualTo(Duration.ofSeconds(1));
		assertThat(third).isEqualTo(Duration.ofSeconds(2));
		assertThat(fourth).isEqualTo(Duration.ofSeconds(3));
		assertThat(backoff.next(fourth)).isEqualTo(Duration.ofSeconds(3));
	}

}
