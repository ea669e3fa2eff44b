package io.assistantsync.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The faults of a chaos run and when each is due, counted from the start of the steady load. A fault starts
 * at its time or, if the pipeline is still recovering from the one before, once it has recovered (plus a
 * short pause), so that every fault meets a pipeline in its normal state.
 *
 * @param faults the faults in order
 */
record ChaosSchedule(List<Planned> faults) {

	/** The pause after a recovery before the next fault, at least. */
	static final Duration SETTLE = Duration.ofSeconds(5);

	/**
	 * Every fault, about six and a half minutes of load.
	 * @return the schedule
	 */
	static ChaosSchedule fullRun() {
		return new ChaosSchedule(List.of(new Planned(Duration.ofSeconds(15), ChaosFault.killWorker()),
				new Planned(Duration.ofSeconds(70), ChaosFault.killBroker(Duration.ofSeconds(5))),
				new Planned(Duration.ofSeconds(115), ChaosFault.killApi()),
				new Planned(Duration.ofSeconds(150), ChaosFault.lockStore(Duration.ofSeconds(40))),
				new Planned(Duration.ofSeconds(235), ChaosFault.stopStore(Duration.ofSeconds(60))),
				new Planned(Duration.ofSeconds(345), ChaosFault.rebalance(10))));
	}

	/**
	 * Some faults of the full run, in its order, the first after 15 s; each later one waits for the
	 * recovery from the one before, as in every run.
	 * @param keys the faults' keys ({@link ChaosFault#key()})
	 * @return the schedule
	 * @throws IllegalArgumentException for an unknown key
	 */
	static ChaosSchedule only(Set<String> keys) {
		List<Planned> all = fullRun().faults();
		Set<String> unknown = new TreeSet<>(keys);
		all.forEach(planned -> unknown.remove(planned.fault().key()));
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("unknown faults " + unknown + "; the faults are "
					+ all.stream().map(planned -> planned.fault().key()).toList());
		}
		List<Planned> chosen = new ArrayList<>();
		for (Planned planned : all) {
			if (keys.contains(planned.fault().key())) {
				chosen.add(new Planned(Duration.ofSeconds(15 + 30L * chosen.size()), planned.fault()));
			}
		}
		return new ChaosSchedule(List.copyOf(chosen));
	}

	/**
	 * Two faults in about a minute, for the build.
	 * @return the schedule
	 */
	static ChaosSchedule shortRun() {
		return new ChaosSchedule(List.of(new Planned(Duration.ofSeconds(5), ChaosFault.killWorker()),
				new Planned(Duration.ofSeconds(25), ChaosFault.killApi())));
	}

	void print(PrintStream out) {
		out.println("Schedule (seconds from the start of the steady load; a fault waits for the recovery from the last):");
		for (Planned planned : this.faults) {
			out.printf("  at %4d s  %-26s %s%n", planned.at().toSeconds(), planned.fault().name(),
					planned.fault().description());
		}
	}

	/**
	 * A fault and when it is due.
	 *
	 * @param at time from the start of the load
	 * @param fault the fault
	 */
	record Planned(Duration at, ChaosFault fault) {
	}

}
