package io.assistantsync.worker.sync;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code store} health: DOWN while the authoritative store is in an outage or does not answer a probe.
 */
@Component("store")
class StoreHealthIndicator extends AbstractHealthIndicator {

	private final AuthoritativeStore store;

	private final StoreOutage outage;

	StoreHealthIndicator(AuthoritativeStore store, StoreOutage outage) {
		super("Authoritative store health check failed");
		this.store = store;
		this.outage = outage;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.outage.isActive()) {
			builder.down().withDetail("pausedSince", this.outage.since().toString());
			return;
		}
		this.store.probe();
		builder.up();
	}

}
