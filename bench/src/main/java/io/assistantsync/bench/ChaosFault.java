package io.assistantsync.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One fault of a chaos run: what it does, and how to inject it and undo it. {@link #inject(ChaosRig)} returns
 * once the fault is over (the process restarted, the lock released, the store back); the pipeline's
 * recovery is measured from there by the run.
 *
 * @param key the fault's word on the command line ({@code --faults})
 * @param name a short name for the table
 * @param description what it does, for the schedule
 * @param action injects and undoes it
 */
record ChaosFault(String key, String name, String description, Action action) {

	/**
	 * A sync-worker killed with SIGKILL mid-batch and a new one started in its place.
	 * @return the fault
	 */
	static ChaosFault killWorker() {
		return new ChaosFault("worker", "kill a worker", "SIGKILL one sync-worker, start a new one in its place",
				rig -> rig.fleet().killAndRestartWorker());
	}

	/**
	 * The broker killed with SIGKILL and started again on the same log directory.
	 * @param down how long it stays down
	 * @return the fault
	 */
	static ChaosFault killBroker(Duration down) {
		return new ChaosFault("broker", "kill the broker", "SIGKILL the Kafka broker, restart it on the same data after "
				+ down.toSeconds() + " s", rig -> {
					rig.broker().kill();
					rig.out().println("  killed the broker (SIGKILL)");
					LockSupport.parkNanos(down.toNanos());
					rig.broker().restart();
					rig.out().println("  broker restarted on the same log directory");
				});
	}

	/**
	 * The api-service killed with SIGKILL and started again on the same port and database.
	 * @return the fault
	 */
	static ChaosFault killApi() {
		return new ChaosFault("api", "kill the api-service", "SIGKILL the api-service, start a new one on the same database",
				rig -> rig.fleet().killAndRestartApi());
	}

	/**
	 * The authoritative table locked ({@code ACCESS EXCLUSIVE}) for a while: every write waits, then times out.
	 * @param held how long the lock is held
	 * @return the fault
	 */
	static ChaosFault lockStore(Duration held) {
		return new ChaosFault("lock", "lock the store's table", "LOCK TABLE assistants IN ACCESS EXCLUSIVE MODE in the"
				+ " authoritative store for " + held.toSeconds() + " s", rig -> {
					rig.out().printf("  locking the authoritative table for %d s%n", held.toSeconds());
					rig.authority().holdTableLock("assistants", held);
					rig.out().println("  lock released");
				});
	}

	/**
	 * The authoritative store's PostgreSQL stopped and started again on the same data.
	 * @param down how long it stays stopped
	 * @return the fault
	 */
	static ChaosFault stopStore(Duration down) {
		return new ChaosFault("store", "stop the store", "stop the authoritative store's PostgreSQL for " + down.toSeconds()
				+ " s, start it on the same data", rig -> {
					rig.authority().stop();
					rig.out().printf("  stopped the authoritative store for %d s%n", down.toSeconds());
					LockSupport.parkNanos(down.toNanos());
					rig.authority().restart();
					rig.out().println("  authoritative store started on the same data");
				});
	}

	/**
	 * A worker added to the group and removed again while assistants wait in the retry topics
	 * ({@link ChaosRetries}), so both rebalances move partitions of the retry topics with records due.
	 * @param retryRate POSTs per second of assistants that need three retries each
	 * @return the fault
	 */
	static ChaosFault rebalance(int retryRate) {
		return new ChaosFault("rebalance", "rebalance during retries", "while " + retryRate + " more POST/s go through "
				+ "three retries each, add a worker to the group and then remove it", rig -> {
					try (SteadyLoad retrying = ChaosRetries.load(rig.fleet().apiPort(), retryRate, rig.ledger())
						.start()) {
						LockSupport.parkNanos(Duration.ofSeconds(ChaosRetries.YOUNG_SECONDS).toNanos());
						BenchedService added = rig.fleet().addWorkerAndWait();
						rig.out().printf("  added %s to the group%n", added.name());
						LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
						rig.fleet().removeWorker(added);
						LockSupport.parkNanos(Duration.ofSeconds(ChaosRetries.YOUNG_SECONDS).toNanos());
					}
				});
	}

	void inject(ChaosRig rig) throws Exception {
		this.action.inject(rig);
	}

	/**
	 * Injects a fault and returns once it is over.
	 */
	@FunctionalInterface
	interface Action {

		void inject(ChaosRig rig) throws Exception;

	}

}
