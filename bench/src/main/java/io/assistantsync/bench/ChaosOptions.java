package io.assistantsync.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The settings of a chaos run: {@code --short} (two faults in about a minute, as the build runs it) or the
 * full schedule, where the repository is, where the run's data and logs go, and the steady POST rate.
 *
 * @param shortRun whether to run the short schedule
 * @param root the repository root, where the services' jars are built
 * @param work the run's brokers' and databases' data, copies of the jars and the logs (emptied first)
 * @param rate POSTs per second, held for the whole run
 * @param sessionTimeout the services' Kafka consumer session timeout in milliseconds, or {@code null} for
 * the client's default (45 s): how long a killed consumer keeps its partitions
 * @param faults the keys of the full run's faults to inject, or empty for all of them
 */
record ChaosOptions(boolean shortRun, Path root, Path work, int rate, String sessionTimeout, Set<String> faults) {

	static final String USAGE = """
			usage: java -jar bench/target/bench.jar chaos [--short | --faults F,F…] [--root DIR] [--work DIR] [--rate N]
			  --short   two faults (kill a worker, kill the api-service) in about a minute
			  --faults  only these faults of the full run, in its order: worker, broker, api, lock, store, rebalance
			  --root    the repository root (default .)
			  --work    data, logs and jar copies of the run, emptied first (default bench/target/chaos-work)
			  --rate    POSTs per second, held throughout (default 60; 50 with --short)
			""";

	/**
	 * Reads the command line.
	 * @param args e.g. {@code --short --root ..}
	 * @return the options
	 * @throws IllegalArgumentException with the usage, for an unknown or incomplete option
	 */
	static ChaosOptions parse(String... args) {
		List<String> words = Arrays.asList(args);
		boolean shortRun = words.contains("--short");
		Path root = Path.of(".");
		Path work = null;
		Integer rate = null;
		Set<String> faults = Set.of();
		for (int i = 0; i < args.length; i++) {
			String word = args[i];
			if (word.equals("--short")) {
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("unknown or incomplete option " + word + "\n" + USAGE);
			}
			String value = args[++i];
			switch (word) {
				case "--root" -> root = Path.of(value);
				case "--work" -> work = Path.of(value);
				case "--rate" -> rate = Integer.parseInt(value);
				case "--faults" -> faults = Set.of(value.split(","));
				default -> throw new IllegalArgumentException("unknown option " + word + "\n" + USAGE);
			}
		}
		root = root.toAbsolutePath().normalize();
		work = (work != null) ? work.toAbsolutePath().normalize() : root.resolve("bench/target/chaos-work");
		// the short run cannot wait the client's 45 s for a killed consumer's partitions and still take a minute
		if (shortRun && !faults.isEmpty()) {
			throw new IllegalArgumentException("--short and --faults exclude each other\n" + USAGE);
		}
		return new ChaosOptions(shortRun, root, work, (rate != null) ? rate : (shortRun ? 50 : 60),
				shortRun ? "10000" : null, faults);
	}

	/**
	 * The services' JVM options: the benchmark's heap and collector, and only the quick compiler, which
	 * starts a service in about two thirds of the time; a chaos run measures no speed, and it restarts
	 * services.
	 * @return the options
	 */
	List<String> serviceJavaOptions() {
		return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
	}

	Duration readyTimeout() {
		return Duration.ofSeconds(120);
	}

	/**
	 * How long the pipeline may take to catch up after a fault before the fault counts as not survived.
	 * @return the longest wait
	 */
	Duration recoveryTimeout() {
		return Duration.ofSeconds(this.shortRun ? 45 : 150);
	}

	/**
	 * How long the pipeline may take, after the load stops, until every accepted assistant is SYNCED.
	 * @return the longest wait
	 */
	Duration settleTimeout() {
		return Duration.ofSeconds(this.shortRun ? 40 : 120);
	}

	/**
	 * The faults to inject, with when each is due.
	 * @return the schedule
	 */
	ChaosSchedule schedule() {
		if (this.shortRun) {
			return ChaosSchedule.shortRun();
		}
		return this.faults.isEmpty() ? ChaosSchedule.fullRun() : ChaosSchedule.only(this.faults);
	}

}
