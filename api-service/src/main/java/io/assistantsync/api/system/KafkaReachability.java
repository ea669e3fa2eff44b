package io.assistantsync.api.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import io.assistantsync.common.boot.KafkaHealthIndicator;

/**
 * Whether Kafka can be reached, as {@code GET /api/sync/status} reports it. The outbox relay's last send
 * outcome decides while it has recent traffic (a failed send means DOWN until a send succeeds again); an
 * idle relay says nothing, so then the {@code kafka} health check decides, at most once per
 * {@link #PROBE_VALIDITY} so that status calls stay cheap during an outage.
 */
@Component
public class KafkaReachability {

	/** How long a send outcome or a health probe is trusted. */
	static final Duration PROBE_VALIDITY = Duration.ofSeconds(5);

	private final KafkaHealthIndicator health;

	private final Clock clock;

	private volatile Observation lastSend;

	private volatile Observation lastProbe;

	KafkaReachability(KafkaHealthIndicator health, Clock clock) {
		this.health = health;
		this.clock = clock;
	}

	/**
	 * Records that Kafka acknowledged a send.
	 */
	public void sendSucceeded() {
		this.lastSend = new Observation(true, this.clock.instant());
	}

	/**
	 * Records that a send failed or timed out.
	 */
	public void sendFailed() {
		this.lastSend = new Observation(false, this.clock.instant());
	}

	/**
	 * Whether Kafka is reachable now, as far as this instance can tell.
	 * @return {@code false} while the relay's sends fail, or the health check fails
	 */
	public boolean isUp() {
		Instant now = this.clock.instant();
		Observation send = this.lastSend;
		if (send != null && (!send.up() || send.isRecent(now))) {
			return send.up();
		}
		Observation probe = this.lastProbe;
		if (probe == null || !probe.isRecent(now)) {
			probe = new Observation(Status.UP.equals(this.health.health(false).getStatus()), now);
			this.lastProbe = probe;
		}
		return probe.up();
	}

	private record Observation(boolean up, Instant at) {

		boolean isRecent(Instant now) {
			return this.at.plus(PROBE_VALIDITY).isAfter(now);
		}

	}

}
