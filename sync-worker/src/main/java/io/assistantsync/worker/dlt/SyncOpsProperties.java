package io.assistantsync.worker.dlt;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The dead-letter operations tool ({@code sync.ops.*}), shared by the {@code dlt} command line and the admin
 * API of the worker.
 *
 * @param token the static bearer token of the admin API ({@code SYNC_OPS_TOKEN}), accepted besides JWTs with
 * scope {@code ops:dlt}; while it is blank or unset and no JWT issuer or JWK set is configured, the admin API
 * is off (every {@code /admin} path answers 404). The command line does not use it: it talks to Kafka
 * directly
 * @param replayGroup the consumer group in which replays record which dead letters they took
 * ({@code SYNC_OPS_REPLAY_GROUP}); never consumes with a subscription, it only holds offsets
 * @param replayLimit the loop guard ({@code SYNC_OPS_REPLAY_LIMIT}): a dead letter that was already replayed
 * this many times ({@code x-replay-count}) is skipped unless the run forces it
 * @param kafkaTimeout how long each call to Kafka may wait (metadata, offset look-ups, a poll that brings
 * nothing, the offset commit, a blocked send) before the run gives up with "Kafka unreachable"
 * ({@code SYNC_OPS_KAFKA_TIMEOUT})
 */
@Validated
@ConfigurationProperties("sync.ops")
public record SyncOpsProperties(String token, @DefaultValue(DEFAULT_REPLAY_GROUP) @NotBlank String replayGroup,
		@DefaultValue("3") @Min(1) int replayLimit,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration kafkaTimeout) {

	/** The default consumer group of replays. */
	public static final String DEFAULT_REPLAY_GROUP = "sync-worker-dlt-replay";

	/**
	 * Whether a static ops token is configured; JWT settings can turn the admin API on without one.
	 * @return {@code true} when the token is not blank
	 */
	public boolean hasToken() {
		return this.token != null && !this.token.isBlank();
	}

	// the token must never reach a log line, a failure analysis or an actuator page
	@Override
	public String toString() {
		return "SyncOpsProperties[token=" + (hasToken() ? "(set)" : "(none)") + ", replayGroup="
				+ this.replayGroup + ", replayLimit=" + this.replayLimit + ", kafkaTimeout=" + this.kafkaTimeout + "]";
	}

}
