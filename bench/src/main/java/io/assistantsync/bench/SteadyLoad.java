package io.assistantsync.bench;

import java.time.Duration;

/**
 * POSTs at a steady rate until stopped, on a thread of its own: {@link HttpLoad}'s open loop run in short
 * rounds, so a stop takes effect within one round. A request due while the api-service is down fails at
 * once (the connection is refused) and the next one is sent when it is due, so the rate holds through a
 * restart and no burst follows it.
 */
final class SteadyLoad implements AutoCloseable {

	private static final Duration ROUND = Duration.ofSeconds(5);

	private static final Duration GRACE = Duration.ofSeconds(2);

	private final HttpLoad load;

	private final int connections;

	private final double rate;

	private final ChaosLedger ledger;

	private final Thread thread;

	private volatile boolean running = true;

	private volatile Exception failure;

	SteadyLoad(int port, byte[] request, int connections, double rate, ChaosLedger ledger) {
		this.load = new HttpLoad("127.0.0.1", port, request, ledger);
		this.connections = connections;
		this.rate = rate;
		this.ledger = ledger;
		this.thread = new Thread(this::run, "steady-load");
		this.thread.setDaemon(true);
	}

	SteadyLoad start() {
		this.thread.start();
		return this;
	}

	private void run() {
		try {
			while (this.running) {
				LoadResult round = this.load.openLoop(this.connections, this.rate, ROUND, GRACE);
				this.ledger.refused(round.errors() + round.unsent());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			this.failure = ex;
		}
	}

	/**
	 * Stops after the current round.
	 * @throws IllegalStateException when the load generator itself failed
	 */
	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join();
		if (this.failure != null) {
			throw new IllegalStateException("the load generator failed", this.failure);
		}
	}

}
