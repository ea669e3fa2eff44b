package io.assistantsync.api.outbox;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay ({@code assistants.outbox.*}). Producer settings (linger, batch size, compression,
 * timeouts) are Spring Boot's {@code spring.kafka.producer.*}; {@code acks=all} and idempotence are
 * always on.
 *
 * @param batchSize rows claimed, sent and acknowledged per batch ({@code ASSISTANTS_OUTBOX_BATCH_SIZE})
 * @param pollInterval how often the relay looks for rows it was not told about, e.g. written by another
 * instance; rows written by this instance are relayed right after their commit
 * ({@code ASSISTANTS_OUTBOX_POLL_INTERVAL})
 * @param ackTimeout the longest wait for the acknowledgements of one batch; should exceed the producer's
 * {@code delivery.timeout.ms} ({@code ASSISTANTS_OUTBOX_ACK_TIMEOUT})
 * @param backoff how the relay slows down while Kafka or the database is unreachable
 */
@Validated
@ConfigurationProperties("assistants.outbox")
public record OutboxProperties(@DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
		@DefaultValue("250ms") @DurationMin(millis = 10) Duration pollInterval,
		@DefaultValue("30s") @DurationMin(seconds = 1) Duration ackTimeout, @DefaultValue @Valid Backoff backoff) {

	/**
	 * Exponential back-off after a failed batch: {@code initial}, then times {@code multiplier}, at most
	 * {@code max}; reset by the first successful batch.
	 *
	 * @param initial the first pause ({@code ASSISTANTS_OUTBOX_BACKOFF_INITIAL})
	 * @param max the longest pause ({@code ASSISTANTS_OUTBOX_BACKOFF_MAX})
	 * @param multiplier growth per failure ({@code ASSISTANTS_OUTBOX_BACKOFF_MULTIPLIER})
	 */
	public record Backoff(@DefaultValue("500ms") @DurationMin(millis = 1) Duration initial,
			@DefaultValue("10s") @DurationMin(millis = 1) Duration max,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier) {

		/**
		 * The pause after another failure.
		 * @param previous the pause after the previous failure, or {@code null} after a success
		 * @return the next pause
		 */
		Duration next(Duration previous) {
			if (previous == null) {
				return this.initial;
			}
			long nextMillis = (long) Math.min(this.max.toMillis(), previous.toMillis() * this.multiplier);
			return Duration.ofMillis(Math.max(nextMillis, this.initial.toMillis()));
		}

	}

}
