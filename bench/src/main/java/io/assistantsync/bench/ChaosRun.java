package io.assistantsync.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.springframework.util.FileSystemUtils;

/**
 * A chaos run: a broker and two PostgreSQL servers of its own (the api-service's and the authoritative
 * store's, each restartable on its data), the api-service and a sync-worker as child JVMs, a steady load of
 * POSTs throughout, the faults of the schedule one after the other, and then the checker.
 */
final class ChaosRun {

	private static final String NOT_SYNCED = "SELECT count(*) FROM assistants WHERE sync_status <> 'SYNCED'";

	private static final int CONNECTIONS = 16;

	private static final Duration POLL = Duration.ofMillis(200);

	private final ChaosOptions options;

	private final PrintStream out;

	private long startNanos;

	ChaosRun(ChaosOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/**
	 * Runs the schedule and the checks.
	 * @return what was found
	 */
	ChaosReport run() throws Exception {
		for (String module : List.of("api-service", "sync-worker")) {
			Path jar = this.options.root().resolve(module).resolve("target").resolve(module + "-exec.jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: run ./mvnw -q -B -DskipTests package first");
			}
		}
		Path work = this.options.work();
		FileSystemUtils.deleteRecursively(work);
		Files.createDirectories(work);
		ChaosSchedule schedule = this.options.schedule();
		schedule.print(this.out);
		this.out.printf("Steady load: %d POST/s on %d connections; data and logs in %s%n", this.options.rate(),
				CONNECTIONS, work);
		BenchContext.Topics topics = BenchContext.Topics.fresh("chaos", 6);
		// the broker starts while PostgreSQL does
		try (ChaosBroker broker = ChaosBroker.start(work.resolve("kafka"), this.options.readyTimeout());
				ChaosStore apiStore = ChaosStore.start(work.resolve("postgres-api"), "assistants_api");
				ChaosStore authority = ChaosStore.start(work.resolve("postgres-authority"), "assistants_authority")) {
			broker.awaitReady();
			BenchKafka.createTopic(broker.bootstrapServers(), topics.pendingCreate(), topics.partitions());
			BenchKafka.createTopic(broker.bootstrapServers(), topics.syncResults(), topics.partitions());
			try (ChaosFleet fleet = new ChaosFleet(this.options, broker, apiStore, authority, topics, this.out)) {
				fleet.startAll();
				ChaosRetries.install(authority);
				ChaosLedger ledger = new ChaosLedger();
				ChaosRig rig = new ChaosRig(broker, authority, fleet, ledger, this.out);
				try (SyncResultsTracker tracker = new SyncResultsTracker(broker.bootstrapServers(),
						topics.syncResults(), false)) {
					byte[] request = HttpConnection.post("127.0.0.1:" + fleet.apiPort(), "/api/assistants",
							SampleTraffic.requestBody());
					this.startNanos = System.nanoTime();
					List<ChaosReport.FaultOutcome> outcomes;
					try (SteadyLoad load = new SteadyLoad(fleet.apiPort(), request, CONNECTIONS, this.options.rate(),
							ledger).start()) {
						outcomes = injectAll(schedule, rig, tracker);
						LockSupport.parkNanos(ChaosSchedule.SETTLE.toNanos());
					}
					log("load stopped: %d assistants accepted, %d POSTs refused; waiting for all of them to be SYNCED",
							ledger.accepted(), ledger.refused());
					List<String> accepted = ledger.all();
					if (!awaitSynced(tracker, accepted, this.options.settleTimeout())) {
						log("not every accepted assistant has a SYNCED result after %d s",
								this.options.settleTimeout().toSeconds());
					}
					awaitApiSynced(apiStore, this.options.settleTimeout());
					log("checking the databases and the topics");
					List<ChaosCheck.Result> checks = ChaosCheck.run(accepted, apiStore, authority,
							broker.bootstrapServers(), topics);
					return new ChaosReport(outcomes, checks, ledger.refused(), elapsedSeconds());
				}
			}
		}
	}

	private List<ChaosReport.FaultOutcome> injectAll(ChaosSchedule schedule, ChaosRig rig,
			SyncResultsTracker tracker) throws Exception {
		List<ChaosReport.FaultOutcome> outcomes = new ArrayList<>();
		long earliest = this.startNanos;
		for (ChaosSchedule.Planned planned : schedule.faults()) {
			long due = Math.max(this.startNanos + planned.at().toNanos(), earliest);
			while (System.nanoTime() < due) {
				LockSupport.parkNanos(due - System.nanoTime());
			}
			long struck = System.nanoTime();
			log("fault: %s", planned.fault().name());
			planned.fault().inject(rig);
			long over = System.nanoTime();
			List<String> owed = rig.ledger().acceptedUntil(over);
			boolean recovered = awaitSynced(tracker, owed, this.options.recoveryTimeout());
			long caughtUp = System.nanoTime();
			double recoveredAfter = recovered ? (caughtUp - struck) / 1e9 : -1;
			log("  %s: over after %.1f s, %s", planned.fault().name(), (over - struck) / 1e9,
					recovered ? String.format("all %d accepted so far SYNCED after %.1f s", owed.size(), recoveredAfter)
							: "NOT caught up within " + this.options.recoveryTimeout().toSeconds() + " s");
			outcomes.add(new ChaosReport.FaultOutcome(planned.fault().name(), (struck - this.startNanos) / 1e9,
					(over - struck) / 1e9, recoveredAfter, rig.ledger().acceptedBetween(struck, over)));
			earliest = caughtUp + ChaosSchedule.SETTLE.toNanos();
		}
		return outcomes;
	}

	/**
	 * Waits until every one of the assistants has a SYNCED result on the topic.
	 * @return whether they all did within the timeout
	 */
	private static boolean awaitSynced(SyncResultsTracker tracker, List<String> ids, Duration timeout) {
		List<String> waiting = new ArrayList<>(ids);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			waiting.removeIf(id -> tracker.syncedAt(id) != null);
			if (waiting.isEmpty()) {
				return true;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(POLL.toNanos());
		}
	}

	/**
	 * Waits until the api-service has recorded a SYNCED result for every assistant it holds.
	 */
	private void awaitApiSynced(ChaosStore apiStore, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try (Connection connection = apiStore.connect(); Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery(NOT_SYNCED)) {
				rs.next();
				if (rs.getLong(1) == 0) {
					return;
				}
			}
			LockSupport.parkNanos(POLL.toNanos());
		}
		log("the api-service still holds assistants that are not SYNCED after %d s", timeout.toSeconds());
	}

	private double elapsedSeconds() {
		return (System.nanoTime() - this.startNanos) / 1e9;
	}

	private void log(String format, Object... args) {
		this.out.printf("[%4.0f s] " + format + "%n", prepend(elapsedSeconds(), args));
	}

	private static Object[] prepend(Object first, Object[] rest) {
		Object[] all = new Object[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

}
