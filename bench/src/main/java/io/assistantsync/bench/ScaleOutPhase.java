package io.assistantsync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Scale-out: one backlog of pending-create events on a topic of several partitions, drained by 1, 2, … instances
 * of one sync-worker deployment (one consumer group, one authoritative database), started together; then a run in
 * which one instance leaves (a graceful stop) while the others drain, to measure the rebalance pause. Reports the drain rate,
 * each instance's share (its own count of synced records), the longest pause in the flow of SYNCED results and the
 * drain time of a 1,000,000-event backlog extrapolated from the measured rate.
 */
final class ScaleOutPhase {

	static final String SECTION = "Scale-out";

	/**
	 * An instance leaves once this share of the backlog is synced. (A joining instance would need longer to start
	 * than the whole backlog takes to drain here, so the rebalance is measured on a leave.)
	 */
	private static final double LEAVE_AT = 0.3;

	private ScaleOutPhase() {
	}

	static void run(BenchContext context) throws Exception {
		int requested = context.options.integer("scale-events");
		int partitions = context.options.integer("scale-partitions");
		String prefix = context.uniqueName("scale").replace('_', '-');
		String topic = prefix + ".assistants.pending-create";
		context.kafka.createTopic(topic, partitions);
		long events = DrainPhase.preload(context.kafka.bootstrapServers(), topic, requested);
		context.log("== Scale-out, %d partitions: %d events preloaded", partitions, events);
		for (int workers : context.options.integers("scale-workers")) {
			drain(context, prefix, topic, partitions, events, workers, false);
		}
		int leaving = context.options.integer("scale-leave-workers");
		if (leaving > 1) {
			drain(context, prefix, topic, partitions, events, leaving, true);
		}
		context.results.note("Scale-out: every instance of a run shares one consumer group and one authoritative "
				+ "database, as the instances of one deployment do; all run on this one machine with the broker, "
				+ "PostgreSQL and the harness, so more instances share the same " + Runtime.getRuntime().availableProcessors()
				+ " cores. The 1,000,000-event figure is the measured " + events + "-event rate extrapolated.");
	}

	private static void drain(BenchContext context, String prefix, String topic, int partitions, long events,
			int workers, boolean oneLeaves) throws Exception {
		String run = oneLeaves ? workers + "-1" : Integer.toString(workers);
		String id = "scale.w" + (oneLeaves ? workers + "_leave" : Integer.toString(workers));
		String database = context.uniqueName("scale_store");
		context.postgres.createDatabase(database);
		BenchContext.Topics topics = new BenchContext.Topics(topic, prefix + ".w" + run + ".sync-results",
				partitions);
		context.kafka.createTopic(topics.syncResults(), partitions);
		List<BenchedService> instances = new ArrayList<>();
		try (SyncResultsTracker tracker = new SyncResultsTracker(context.kafka.bootstrapServers(), topics.syncResults(),
				false)) {
			for (int instance = 1; instance <= workers; instance++) {
				instances.add(context.startWorkerInstance(topics, database, instance));
			}
			for (BenchedService instance : instances) {
				instance.awaitReady("/actuator/health/readiness", context.readyTimeout());
			}
			long leftAt = 0;
			long syncedByLeaver = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(90 + events / 1000).toNanos();
			while (tracker.synced() < events && System.nanoTime() < deadline) {
				if (oneLeaves && leftAt == 0 && tracker.synced() >= events * LEAVE_AT) {
					leftAt = System.nanoTime();
					context.log("  instance %d leaves at %d SYNCED", workers, tracker.synced());
					BenchedService leaver = instances.get(workers - 1);
					// counted just before it stops: what it finishes while stopping is not in its share
					syncedByLeaver = syncedBy(leaver);
					leaver.close();
				}
				LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
			}
			long[] arrivals = tracker.syncedTimes().values().stream().mapToLong(Long::longValue).sorted().toArray();
			if (arrivals.length < 2) {
				throw new IllegalStateException(run + " worker(s) synced " + arrivals.length + " events");
			}
			double seconds = (arrivals[arrivals.length - 1] - arrivals[0]) / 1e9;
			double rate = tracker.synced() / seconds;
			double pause = longestGap(arrivals, (leftAt != 0) ? leftAt : arrivals[0]) / 1e9;
			String what = run + " worker instance(s), " + partitions + " partitions";
			context.results.add(id + ".records_per_s", SECTION, "records/s into the store with SYNCED published, " + what,
					"records/s", rate);
			context.results.add(id + ".missing", SECTION, "events not SYNCED, " + what, "events",
					events - tracker.synced());
			context.results.add(id + ".pause_s", SECTION,  (oneLeaves ? "longest pause in the SYNCED flow after an "
					+ "instance left, " : "longest pause in the SYNCED flow, ") + what, "s", pause);
			context.results.add(id + ".drain_1m_s", SECTION,
					"drain time of a 1,000,000-event backlog, extrapolated, " + what, "s", 1_000_000 / rate);
			List<String> shares = new ArrayList<>();
			for (int i = 0; i < instances.size(); i++) {
				long synced = (oneLeaves && i == workers - 1) ? syncedByLeaver : syncedBy(instances.get(i));
				double share = 100.0 * synced / Math.max(1, tracker.synced());
				context.results.add(id + ".i" + (i + 1) + ".share_pct", SECTION,
						"share of instance " + (i + 1) + ", " + what, "%", share);
				shares.add(String.format("%.0f %%", share));
			}
			context.results.series("scale-out " + what + ": SYNCED/s", tracker.perSecond(arrivals[0],
					arrivals[arrivals.length - 1]));
			context.log("  %s: %d SYNCED in %.1f s = %.0f records/s; shares %s; longest pause %.2f s", what,
					tracker.synced(), seconds, rate, shares, pause);
		}
		finally {
			for (BenchedService instance : instances) {
				instance.close();
			}
			context.postgres.dropDatabase(database);
		}
	}

	/**
	 * The longest time between two consecutive arrivals from {@code from} on.
	 */
	static long longestGap(long[] sortedArrivals, long from) {
		long longest = 0;
		for (int i = 1; i < sortedArrivals.length; i++) {
			if (sortedArrivals[i] >= from) {
				longest = Math.max(longest, sortedArrivals[i] - Math.max(sortedArrivals[i - 1], from));
			}
		}
		return longest;
	}

	/**
	 * How many records this instance synced: the count of its end-to-end timer, which it records once per synced
	 * record; 0 when it synced none (the timer then does not exist yet).
	 */
	private static long syncedBy(BenchedService instance) {
		return Math.max(0, (long) ActuatorMetric.read(instance, "sync.end.to.end", null, "COUNT"));
	}

}
